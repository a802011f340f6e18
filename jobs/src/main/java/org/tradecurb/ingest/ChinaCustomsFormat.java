package org.tradecurb.ingest;

import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * China Customs (GACC) online-query exports. Columns depend on what the user ticked, with Chinese or
 * English headers; values are in yuan or US dollars; numbers carry thousands separators; `?` means no
 * figure; every line ends with a comma; files are GB18030. Partners come coded, named only (mapped through
 * {@link GaccPartnerNames}), or not at all (a query of China's totals: the world as partner). The flow is not in the file: it comes from the
 * folder (exports/ or imports/). Single-month downloads have no period column: the file or folder name
 * gives it. An export of exactly {@link #WEB_EXPORT_ROW_CAP} rows was probably cut off.
 */
public final class ChinaCustomsFormat extends HeaderMappedFormat {

  /** The online query's export stops at this many rows without saying so. */
  public static final int WEB_EXPORT_ROW_CAP = 10_000;

  public static final List<String> COLUMNS = List.of(
      "period", "commodity_code", "commodity_name", "partner_code", "partner_name", "regime_code",
      "regime_name", "province_code", "province_name", "quantity1", "unit1", "quantity2", "unit2", "value",
      "currency", "flow", "period_origin", "header_language", "other_columns");

  /** Published header spellings, Chinese and English (older English files write "Supplimentary"). */
  private static final Map<String, String> HEADERS = new HashMap<>();

  static {
    header("period", "数据年月", "date of data", "date", "month");
    header("commodity_code", "商品编码", "commodity code", "hs code");
    header("commodity_name", "商品名称", "commodity", "commodity name");
    header("partner_code", "贸易伙伴编码", "trading partner code");
    header("partner_name", "贸易伙伴名称", "trading partner");
    header("regime_code", "贸易方式编码", "customs regime code", "trade mode code");
    header("regime_name", "贸易方式名称", "customs regime", "trade mode");
    header("province_code", "注册地编码", "locations of importers and exporters code");
    header("province_name", "注册地名称", "locations of importers and exporters");
    header("quantity1", "第一数量", "quantity", "first quantity");
    header("unit1", "第一计量单位", "unit", "first unit");
    header("quantity2", "第二数量", "supplementary quantity", "supplimentary quantity", "second quantity");
    header("unit2", "第二计量单位", "supplementary unit", "supplimentary unit", "second unit");
  }

  private static void header(String column, String... spellings) {
    for (String s : spellings) {
      HEADERS.put(s, column);
    }
  }

  public ChinaCustomsFormat() {
    super(Source.CHINA_CUSTOMS, COLUMNS);
  }

  @Override
  public Charset fallbackCharset() {
    return Charset.forName("GB18030");
  }

  /** The currency of a value column, from its header, or null when the header names no value column. */
  static String currencyOf(String header) {
    String h = header.toLowerCase(Locale.ROOT);
    if (h.startsWith("人民币") || h.startsWith("renminbi") || h.equals("rmb") || h.equals("cny")) {
      return "CNY";
    }
    if (h.startsWith("美元") || h.startsWith("us dollar") || h.equals("usd")) {
      return "USD";
    }
    return null;
  }

  @Override
  public FileParser open(String header, FileContext file) throws FileLayoutException {
    if (file.flow() == null) {
      throw new FileLayoutException("China Customs files carry no trade flow: put them under "
          + "china-customs/exports/ or china-customs/imports/");
    }
    List<String> names = headerNames(header, ',');
    Map<String, Integer> positions = new HashMap<>();
    Map<Integer, String> others = new LinkedHashMap<>();
    int valueIndex = -1;
    String currency = null;
    boolean chinese = false;
    for (int i = 0; i < names.size(); i++) {
      String name = names.get(i).trim();
      chinese |= name.codePoints().anyMatch(cp -> cp >= 0x4E00 && cp <= 0x9FFF);
      String column = HEADERS.get(name.toLowerCase(Locale.ROOT));
      String valueCurrency = currencyOf(name);
      if (column != null && !positions.containsKey(column)) {
        positions.put(column, i);
      } else if (valueCurrency != null && (valueIndex < 0 || valueCurrency.equals("USD"))) {
        if (valueIndex >= 0) {
          others.put(valueIndex, names.get(valueIndex).trim());
        }
        valueIndex = i;
        currency = valueCurrency;
      } else {
        others.put(i, name);
      }
    }
    if (!positions.containsKey("commodity_code") || valueIndex < 0) {
      throw new FileLayoutException("expected a China Customs query export with a commodity code column "
          + "(商品编码 / Commodity code) and a value column (人民币 or 美元 / Renminbi Yuan or US dollar); found "
          + String.join(", ", names));
    }
    String filePeriod = null;
    if (!positions.containsKey("period")) {
      filePeriod = Periods.fromPath(file.relativePath()).orElseThrow(() -> new FileLayoutException(
          "no period column (数据年月 / Date of data), and neither the file name nor its folder names a month: "
          + "a single-month download must be named for its month (exports_202601.csv, 2026年1月.csv) or sit in "
          + "a folder named for it (exports/2026-01/)"));
    }
    String periodOrigin = filePeriod == null ? "column" : "file_name";
    String language = chinese ? "zh" : "en";
    int value = valueIndex;
    String valueCurrency = currency;
    String fixedPeriod = filePeriod;
    return lineParser(',', names, positions, (fields, values) -> {
      set(fields, "value", values.get(value));
      set(fields, "currency", valueCurrency);
      set(fields, "flow", file.flow());
      if (fixedPeriod != null) {
        set(fields, "period", fixedPeriod);
      }
      set(fields, "period_origin", periodOrigin);
      set(fields, "header_language", language);
      set(fields, "other_columns", others.isEmpty() ? null : json(others, values));
    });
  }

  /** Columns the format does not know are kept as a JSON object, so nothing the user downloaded is lost. */
  private static String json(Map<Integer, String> others, List<String> values) {
    StringBuilder sb = new StringBuilder("{");
    for (Map.Entry<Integer, String> e : others.entrySet()) {
      if (sb.length() > 1) {
        sb.append(',');
      }
      sb.append(quote(e.getValue())).append(':').append(quote(values.get(e.getKey())));
    }
    return sb.append('}').toString();
  }

  private static String quote(String s) {
    StringBuilder sb = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        default -> {
          if (c < 0x20) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.append('"').toString();
  }

  /** A breakdown code the export printed as `?` is unknown, not wrong: the row still counts in the total. */
  private static String knownOrNull(String raw) {
    return Fields.isMissing(raw) ? null : raw;
  }

  /**
   * The GACC partner code: from its column; else from the partner's name, Chinese or English, for a query
   * that named partners without coding them; else the world, for a query without partners.
   */
  private static String partner(String code, String name) throws RowRejected {
    if (code != null) {
      return Fields.digits(code, "trading partner code");
    }
    if (name == null) {
      return "WLD";
    }
    return GaccPartnerNames.code(name).orElseThrow(() -> new RowRejected(Reason.UNMAPPED_COUNTRY,
        "trading partner '" + name + "' is not a name on China Customs' partner list"));
  }

  @Override
  public List<SourceRecord> interpret(List<String> fields) throws RowRejected {
    String flow = field(fields, "flow");
    Periods.Period period = Periods.parse(field(fields, "period"));
    String code = Fields.code(field(fields, "commodity_code"), "commodity code", 8, 10, 6, 4, 2);
    String partner = partner(field(fields, "partner_code"), field(fields, "partner_name"));
    String rawRegime = field(fields, "regime_code");
    String rawProvince = field(fields, "province_code");
    String regime = knownOrNull(rawRegime);
    String province = knownOrNull(rawProvince);
    String breakdown = null;
    if (rawRegime != null || rawProvince != null) { // a detail row even when its regime or province is `?`
      breakdown = "regime=" + (regime == null ? "" : Fields.digits(regime, "customs regime code"))
          + "|province=" + (province == null ? "" : Fields.digits(province, "province code"));
    }
    String unit1 = SourceRecord.canonicalUnit(field(fields, "unit1"));
    String unit2 = SourceRecord.canonicalUnit(field(fields, "unit2"));
    Double q1 = Fields.quantity(field(fields, "quantity1"), "first quantity");
    Double q2 = Fields.quantity(field(fields, "quantity2"), "second quantity");
    double value = Fields.value(field(fields, "value"), "value");
    Double kg = SourceRecord.kilograms(q1, unit1);
    if (kg == null) {
      kg = SourceRecord.kilograms(q2, unit2);
    }
    int year = period.start().getYear();
    String codeSystem = code.length() >= 8 ? "CN" + code.length() : "HS" + code.length();
    String key = String.join("|", flow, period.start().toString(), String.valueOf(period.months()), code,
        partner, regime == null ? "" : regime, province == null ? "" : province);
    return List.of(new SourceRecord("CHN", partner, flow, period.start(), period.months(), code, codeSystem,
        SourceRecord.hsVintageOfYear(year), q1, unit1, kg, value, field(fields, "currency"),
        SourceRecord.valuationOf(flow), key, breakdown, null));
  }
}
