package org.tradecurb.ingest;

import java.nio.charset.Charset;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Japan Customs' Trade Statistics of Japan CSV: one row per year × HS code × country, with the twelve
 * months side by side. The published variants are read by their headers: by country (the common one),
 * port-level (a `Custom` column after `Year`), and national totals (no `Country`: the world as partner).
 * Values are in thousands of yen; codes are 9-digit statistical codes written with a leading apostrophe.
 */
public final class JapanCustomsFormat extends HeaderMappedFormat {

  public static final String[] MONTHS = {
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"
  };

  public static final List<String> COLUMNS;

  /** The three figures of a month, as column-name prefixes. */
  private static final List<String> MONTH_FIGURES = List.of("quantity1_", "quantity2_", "value_");

  static {
    List<String> cols = new ArrayList<>(List.of(
        "exp_or_imp", "year", "custom", "hs", "country", "unit1", "unit2",
        "quantity1_year", "quantity2_year", "value_year"));
    for (String m : MONTHS) {
      cols.add("quantity1_" + m);
      cols.add("quantity2_" + m);
      cols.add("value_" + m);
    }
    COLUMNS = List.copyOf(cols);
  }

  public JapanCustomsFormat() {
    super(Source.JAPAN_CUSTOMS, COLUMNS);
  }

  @Override
  public Charset fallbackCharset() {
    return Charset.forName("windows-31j");
  }

  private static final Pattern MONTHLY_HEADER = Pattern.compile("(quantity1|quantity2|value)([a-z]+)");
  private static final String[] MONTH_NAMES = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december"
  };

  /**
   * A header as its column name, whatever its spacing, case or month spelling: `Quantity1-Apl` (some files
   * spell April so), `Quantity1 - Sept`, `VALUE_JANUARY` and `Exp or Imp` all read as the published columns.
   */
  static String canonicalName(String header) {
    String s = header.replace("\uFEFF", "").toLowerCase(Locale.ROOT).replaceAll("[\\s_\\-]+", "");
    if (s.equals("exporimp")) {
      return "exp_or_imp";
    }
    Matcher m = MONTHLY_HEADER.matcher(s);
    if (!m.matches()) {
      return s;
    }
    String when = m.group(2);
    if (when.equals("year") || when.equals("apl")) {
      return m.group(1) + "_" + (when.equals("apl") ? "apr" : "year");
    }
    for (int i = 0; i < 12; i++) {
      if (when.length() >= 3 && MONTH_NAMES[i].startsWith(when)) {
        return m.group(1) + "_" + MONTHS[i];
      }
    }
    return s;
  }

  @Override
  public FileParser open(String header, FileContext file) throws FileLayoutException {
    List<String> names = headerNames(header, ',');
    Map<String, Integer> positions = new HashMap<>();
    List<String> unknown = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      String name = canonicalName(names.get(i));
      if (COLUMNS.contains(name)) {
        positions.put(name, i);
      } else {
        unknown.add(names.get(i).trim());
      }
    }
    // The running year's file may stop its header at the last published month: the months after it are
    // not published, so they are absent rather than missing.
    int published = MONTHS.length;
    while (published > 1 && !inHeader(positions, MONTHS[published - 1])) {
      published--;
    }
    Set<String> unpublished = new HashSet<>();
    for (int i = published; i < MONTHS.length; i++) {
      for (String f : MONTH_FIGURES) {
        unpublished.add(f + MONTHS[i]);
      }
    }
    List<String> missing = COLUMNS.stream()
        .filter(c -> !c.equals("custom") && !c.equals("country") && !positions.containsKey(c)
            && !unpublished.contains(c))
        .toList();
    if (!missing.isEmpty() || !unknown.isEmpty()) {
      throw new FileLayoutException("expected a Trade Statistics of Japan header (Exp or Imp,Year,[Custom,]HS,"
          + "[Country,]Unit1,Unit2,Quantity1-Year,...,Value-Dec); "
          + (missing.isEmpty() ? "" : "missing " + String.join(", ", missing) + " ")
          + (unknown.isEmpty() ? "" : "unknown " + String.join(", ", unknown)));
    }
    Integer fileYear = file.year();
    return lineParser(',', names, positions, (fields, values) -> {
      String year = field(fields, "year");
      if (fileYear != null && Fields.isDigits(year) && year.length() <= 4 && Integer.parseInt(year) != fileYear) {
        throw new RowRejected(Reason.YEAR_MISMATCH, "Year " + year + " in a file of " + fileYear
            + " (the year of most of its rows)");
      }
    });
  }

  /** A Trade Statistics of Japan download covers one year. */
  @Override
  public boolean oneYearPerFile() {
    return true;
  }

  private static boolean inHeader(Map<String, Integer> positions, String month) {
    return MONTH_FIGURES.stream().anyMatch(f -> positions.containsKey(f + month));
  }

  /** `'850511000'` → 850511000. */
  static String stripApostrophes(String raw) {
    String s = raw == null ? "" : raw.trim();
    if (s.startsWith("'")) {
      s = s.substring(1);
    }
    if (s.endsWith("'")) {
      s = s.substring(0, s.length() - 1);
    }
    return s;
  }

  @Override
  public List<SourceRecord> interpret(List<String> fields) throws RowRejected {
    String flowCode = field(fields, "exp_or_imp");
    String flow = switch (flowCode) {
      case "1" -> SourceRecord.EXPORT;
      case "2" -> SourceRecord.IMPORT;
      default -> throw new RowRejected(Reason.BAD_FIELD, "Exp or Imp must be 1 or 2, not '" + flowCode + "'");
    };
    int year = Fields.integer(field(fields, "year"), "Year", Reason.BAD_PERIOD);
    if (year < 1988 || year > 2100) {
      throw new RowRejected(Reason.BAD_PERIOD, "Year " + year + " is out of range");
    }
    String code = Fields.code(stripApostrophes(field(fields, "hs")), "HS", 9, 6);
    String rawCountry = field(fields, "country");
    String partner = rawCountry == null ? "WLD" : Fields.digits(rawCountry, "Country");
    String custom = field(fields, "custom");
    if (custom != null && custom.isEmpty()) {
      throw new RowRejected(Reason.BAD_FIELD, "Custom is empty in a port-level file");
    }
    String unit1 = SourceRecord.canonicalUnit(field(fields, "unit1"));
    String unit2 = SourceRecord.canonicalUnit(field(fields, "unit2"));
    Fields.quantity(field(fields, "quantity1_year"), "Quantity1-Year");
    Fields.quantity(field(fields, "quantity2_year"), "Quantity2-Year");
    Fields.quantity(field(fields, "value_year"), "Value-Year");
    String codeSystem = code.length() == 9 ? "JP9" : "HS6";
    String hsVintage = SourceRecord.hsVintageOfYear(year);
    String breakdown = custom == null ? null : "custom=" + custom;
    List<SourceRecord> records = new ArrayList<>(12);
    for (int i = 0; i < 12; i++) {
      String label = Character.toUpperCase(MONTHS[i].charAt(0)) + MONTHS[i].substring(1);
      if (Fields.isMissing(field(fields, "quantity1_" + MONTHS[i]))
          && Fields.isMissing(field(fields, "quantity2_" + MONTHS[i]))
          && Fields.isMissing(field(fields, "value_" + MONTHS[i]))) {
        continue; // a month left wholly blank is not yet published; a published month with no trade is 0
      }
      Double q1 = Fields.quantity(field(fields, "quantity1_" + MONTHS[i]), "Quantity1-" + label);
      Double q2 = Fields.quantity(field(fields, "quantity2_" + MONTHS[i]), "Quantity2-" + label);
      double thousandYen = Fields.value(field(fields, "value_" + MONTHS[i]), "Value-" + label);
      Double kg = SourceRecord.kilograms(q1, unit1);
      if (kg == null) {
        kg = SourceRecord.kilograms(q2, unit2);
      }
      String key = String.join("|", flow, String.valueOf(year), String.valueOf(i + 1),
          custom == null ? "" : custom, code, partner);
      records.add(new SourceRecord("JPN", partner, flow, LocalDate.of(year, i + 1, 1), 1, code, codeSystem,
          hsVintage, unit1 == null ? null : q1, unit1, kg, thousandYen * 1000.0, "JPY",
          SourceRecord.valuationOf(flow), key, breakdown, null));
    }
    if (records.isEmpty()) {
      throw new RowRejected(Reason.MISSING_VALUE, "every month is blank: the row carries no figure");
    }
    return records;
  }
}
