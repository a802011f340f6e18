package org.tradecurb.report;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How the report writes numbers, dates and names: plain text, not yet escaped. Negative numbers take the
 * typographic minus sign (U+2212); missing figures read "n/a".
 */
public final class Fmt {

  public static final String MINUS = "\u2212";
  public static final String NA = "n/a";

  private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("MMM yyyy", Locale.ENGLISH);
  private static final DateTimeFormatter SHORT_MONTH = DateTimeFormatter.ofPattern("MMM", Locale.ENGLISH);
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);

  private static final Map<String, String> CATEGORIES = Map.ofEntries(
      Map.entry("all_dual_use", "All dual-use goods"),
      Map.entry("non_dual_use", "Non-dual-use goods"),
      Map.entry("broad_sensitivity", "Broad lines (sensitivity)"),
      Map.entry("rare_earth_elements", "Rare-earth elements"),
      Map.entry("rare_earth_magnets", "Rare-earth magnets"),
      Map.entry("gallium_germanium", "Gallium & germanium"),
      Map.entry("graphite", "Graphite"),
      Map.entry("antimony", "Antimony"),
      Map.entry("tungsten_group", "Tungsten group"),
      Map.entry("superhard", "Superhard materials"),
      Map.entry("other", "Other dual-use"));

  private static final Map<String, String> COUNTRIES = Map.ofEntries(
      Map.entry("CHN", "China"), Map.entry("JPN", "Japan"), Map.entry("KOR", "South Korea"),
      Map.entry("TWN", "Taiwan"), Map.entry("HKG", "Hong Kong"), Map.entry("MAC", "Macao"),
      Map.entry("VNM", "Viet Nam"), Map.entry("THA", "Thailand"), Map.entry("MYS", "Malaysia"),
      Map.entry("SGP", "Singapore"), Map.entry("IDN", "Indonesia"), Map.entry("PHL", "Philippines"),
      Map.entry("IND", "India"), Map.entry("USA", "United States"), Map.entry("CAN", "Canada"),
      Map.entry("MEX", "Mexico"), Map.entry("DEU", "Germany"), Map.entry("NLD", "Netherlands"),
      Map.entry("FRA", "France"), Map.entry("GBR", "United Kingdom"), Map.entry("ITA", "Italy"),
      Map.entry("BEL", "Belgium"), Map.entry("AUS", "Australia"), Map.entry("RUS", "Russia"),
      Map.entry("WLD", "World"), Map.entry("ALL", "all destinations"));

  private Fmt() {}

  /** Readable name of a category; unknown categories are shown as they are. */
  public static String category(String category) {
    return category == null ? "" : CATEGORIES.getOrDefault(category, category);
  }

  /** "South Korea"; unknown codes as they are. */
  public static String country(String iso3) {
    return iso3 == null ? "" : COUNTRIES.getOrDefault(iso3, iso3);
  }

  /** "South Korea (KOR)"; unknown codes once. */
  public static String countryWithCode(String iso3) {
    String name = country(iso3);
    return name.equals(iso3) ? name : name + " (" + iso3 + ")";
  }

  private static final java.util.Set<String> WITH_THE = java.util.Set.of("USA", "GBR", "NLD", "PHL");

  /** The name as it reads in a sentence: "the United States", "Japan". */
  public static String countryInText(String iso3) {
    return WITH_THE.contains(iso3) ? "the " + country(iso3) : country(iso3);
  }

  /** "Germany, South Korea, the United States". */
  public static String countries(List<String> codes) {
    return String.join(", ", codes.stream().map(Fmt::countryInText).toList());
  }

  private static String minus(String formatted) {
    return formatted.startsWith("-") ? MINUS + formatted.substring(1) : formatted;
  }

  /** A fixed-point number with thousands separators. */
  public static String number(double value, int decimals) {
    String s = String.format(Locale.ROOT, "%,." + decimals + "f", value);
    return minus(s.matches("-0[.,]?0*") ? s.substring(1) : s);
  }

  /** "+22.0%", "−67.7%", "0.0%". */
  public static String signedPct(Double pct) {
    if (pct == null || pct.isNaN() || pct.isInfinite()) {
      return NA;
    }
    String s = number(pct, 1);
    if (s.equals("0.0")) {
      return "0.0%";
    }
    return (s.startsWith(MINUS) ? s : "+" + s) + "%";
  }

  /** "67.7%" (no sign): for sentences that say "fell" or "rose". */
  public static String absPct(Double pct) {
    return pct == null || pct.isNaN() || pct.isInfinite() ? NA : number(Math.abs(pct), 1) + "%";
  }

  /** "US$63.8 m", "US$1.20 bn", "US$12.3 k", "US$512", "−US$43.2 m". */
  public static String usd(Double value) {
    if (value == null || value.isNaN() || value.isInfinite()) {
      return NA;
    }
    double a = Math.abs(value);
    String sign = value < 0 && a >= 0.5 ? MINUS : "";
    String body;
    if (a >= 1e9) {
      body = number(a / 1e9, 2) + " bn";
    } else if (a >= 1e6) {
      body = number(a / 1e6, 1) + " m";
    } else if (a >= 1e3) {
      body = number(a / 1e3, 1) + " k";
    } else {
      body = number(a, 0);
    }
    return sign + "US$" + body;
  }

  /** As {@link #usd} with an explicit plus sign for gains. */
  public static String signedUsd(Double value) {
    String s = usd(value);
    return value != null && value > 0 && !s.equals(NA) ? "+" + s : s;
  }

  /** Millions of dollars for axis labels: "60", "2.5". */
  public static String millions(double usd) {
    double m = usd / 1e6;
    return number(m, Math.abs(m) >= 10 || m == Math.rint(m) ? 0 : 1);
  }

  /** Kilograms as tonnes from one tonne up: "4,243 t", "512 kg". */
  public static String kg(Double value) {
    if (value == null || value.isNaN() || value.isInfinite()) {
      return NA;
    }
    double a = Math.abs(value);
    String sign = value < 0 && a >= 0.5 ? MINUS : "";
    return sign + (a >= 1000 ? number(a / 1000, a >= 100_000 ? 0 : 1) + " t" : number(a, 0) + " kg");
  }

  public static String signedKg(Double value) {
    String s = kg(value);
    return value != null && value > 0 && !s.equals(NA) ? "+" + s : s;
  }

  /** "Jan 2026". */
  public static String month(LocalDate d) {
    return d == null ? NA : MONTH.format(d);
  }

  /** "6 Jan 2026". */
  public static String day(LocalDate d) {
    return d == null ? NA : DAY.format(d);
  }

  /** "Jul–Dec 2025", "Nov 2025–Jan 2026", "Jan 2026". */
  public static String monthRange(LocalDate from, LocalDate to) {
    if (from == null || to == null) {
      return NA;
    }
    if (from.withDayOfMonth(1).equals(to.withDayOfMonth(1))) {
      return month(from);
    }
    if (from.getYear() == to.getYear()) {
      return SHORT_MONTH.format(from) + "\u2013" + month(to);
    }
    return month(from) + "\u2013" + month(to);
  }

  /** "Jan" or, in January, "Jan 2026": x-axis labels of monthly charts. */
  public static String axisMonth(LocalDate d) {
    return d.getMonthValue() == 1 ? month(d) : SHORT_MONTH.format(d);
  }

  /** "+3", "−12", "0": relative months. */
  public static String relativeMonth(int m) {
    return m > 0 ? "+" + m : m < 0 ? MINUS + (-m) : "0";
  }
}
