package org.tradecurb.ingest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Lines in the published formats, built field by field, for tests of parsers and stages. */
public final class SampleRows {

  private static final String[] JAPAN_MONTHS = {"Jan", "Feb", "Mar", "Apl", "May", "Jun", "Jul", "Aug", "Sep",
      "Oct", "Nov", "Dec"};

  private SampleRows() {}

  /** A Comtrade totals row: China's exports to Japan of HS 850511 in March 2025. */
  public static Map<String, String> comtradeTotals() {
    Map<String, String> r = new LinkedHashMap<>();
    for (String c : ComtradeFormat.COLUMNS) {
      r.put(c, "");
    }
    r.putAll(Map.ofEntries(Map.entry("typeCode", "C"), Map.entry("freqCode", "M"),
        Map.entry("refPeriodId", "20250301"), Map.entry("refYear", "2025"), Map.entry("refMonth", "3"),
        Map.entry("period", "202503"), Map.entry("reporterCode", "156"), Map.entry("reporterISO", "CHN"),
        Map.entry("flowCode", "X"), Map.entry("partnerCode", "392"), Map.entry("partner2Code", "0"),
        Map.entry("classificationCode", "H6"), Map.entry("cmdCode", "850511"),
        Map.entry("cmdDesc", "Permanent magnets, of metal"), Map.entry("customsCode", "C00"),
        Map.entry("mosCode", "0"), Map.entry("motCode", "0"), Map.entry("qtyUnitCode", "8"),
        Map.entry("qtyUnitAbbr", "kg"), Map.entry("qty", "1250.5"), Map.entry("netWgt", "1250.5"),
        Map.entry("primaryValue", "98765.25"), Map.entry("fobvalue", "98765.25")));
    return r;
  }

  /** The totals row with some fields replaced: {@code "motCode", "1000", ...}. */
  public static Map<String, String> comtrade(String... overrides) {
    Map<String, String> r = comtradeTotals();
    for (int i = 0; i < overrides.length; i += 2) {
      r.put(overrides[i], overrides[i + 1]);
    }
    return r;
  }

  public static String comtradeHeader(char delimiter) {
    return String.join(String.valueOf(delimiter), ComtradeFormat.COLUMNS);
  }

  public static String comtradeLine(Map<String, String> row, char delimiter) {
    return String.join(String.valueOf(delimiter), row.values().stream()
        .map(v -> delimiter == ',' && v.contains(",") ? "\"" + v + "\"" : v).toList());
  }

  /** The Japan Customs header; {@code custom} adds the port column, {@code country} false drops Country. */
  public static String japanHeader(boolean custom, boolean country) {
    List<String> h = new ArrayList<>(List.of("Exp or Imp", "Year"));
    if (custom) {
      h.add("Custom");
    }
    h.add("HS");
    if (country) {
      h.add("Country");
    }
    h.addAll(List.of("Unit1", "Unit2", "Quantity1-Year", "Quantity2-Year", "Value-Year"));
    for (String m : JAPAN_MONTHS) {
      h.addAll(List.of("Quantity1-" + m, "Quantity2-" + m, "Value-" + m));
    }
    return String.join(",", h);
  }

  /**
   * A Japan Customs row; {@code leading} holds Year, [Custom,] HS, [Country]; month i gets quantity1
   * {@code quantities[i]} and value {@code thousandYen[i]} (missing months are 0).
   */
  public static String japanRow(String flow, String leading, String unit1, long[] quantities, long[] thousandYen) {
    List<String> r = new ArrayList<>();
    r.add(flow);
    r.addAll(List.of(leading.split(",", -1)));
    long q = 0;
    long v = 0;
    for (int i = 0; i < 12; i++) {
      q += i < quantities.length ? quantities[i] : 0;
      v += i < thousandYen.length ? thousandYen[i] : 0;
    }
    r.addAll(List.of(unit1, "  ", String.valueOf(q), "0", String.valueOf(v)));
    for (int i = 0; i < 12; i++) {
      r.addAll(List.of(String.valueOf(i < quantities.length ? quantities[i] : 0), "0",
          String.valueOf(i < thousandYen.length ? thousandYen[i] : 0)));
    }
    return String.join(",", r);
  }
}
