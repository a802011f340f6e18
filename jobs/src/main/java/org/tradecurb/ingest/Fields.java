package org.tradecurb.ingest;

import java.util.regex.Pattern;

/** Field rules shared by the three formats: numbers as customs agencies print them, and codes. */
final class Fields {

  private static final Pattern NUMBER = Pattern.compile("-?(\\d+|\\d{1,3}(,\\d{3})+)(\\.\\d+)?([eE][-+]?\\d+)?");
  private static final Pattern DIGITS = Pattern.compile("\\d+");

  private Fields() {}

  /** True for the markers agencies use for "no figure": empty, `?` (GACC), `-`, `NA`. */
  static boolean isMissing(String raw) {
    String s = raw == null ? "" : raw.trim();
    return s.isEmpty() || s.equals("?") || s.equals("-") || s.equalsIgnoreCase("NA");
  }

  /**
   * A non-negative number, thousands separators allowed (`"315,286"`), or null when the field is missing.
   *
   * @param name the column name used in the quarantine message
   */
  static Double quantity(String raw, String name) throws RowRejected {
    if (isMissing(raw)) {
      return null;
    }
    String s = raw.trim();
    if (!NUMBER.matcher(s).matches()) {
      throw new RowRejected(Reason.BAD_NUMBER, name + " is not a number: '" + s + "'");
    }
    double v = Double.parseDouble(s.replace(",", ""));
    if (v < 0) {
      throw new RowRejected(Reason.NEGATIVE_VALUE, name + " is negative: " + s);
    }
    return v;
  }

  /** Like {@link #quantity} but the figure must be present: a trade row without a value is not a flow. */
  static double value(String raw, String name) throws RowRejected {
    Double v = quantity(raw, name);
    if (v == null) {
      throw new RowRejected(Reason.MISSING_VALUE, name + " is missing ('" + (raw == null ? "" : raw.trim()) + "')");
    }
    return v;
  }

  /** A commodity code: digits only, of one of the allowed lengths. */
  static String code(String raw, String name, int... lengths) throws RowRejected {
    String s = raw == null ? "" : raw.trim();
    if (!DIGITS.matcher(s).matches()) {
      throw new RowRejected(Reason.BAD_CODE, name + " is not a digit string: '" + s + "'");
    }
    for (int len : lengths) {
      if (s.length() == len) {
        return s;
      }
    }
    throw new RowRejected(Reason.BAD_CODE, name + " '" + s + "' has " + s.length() + " digits; expected "
        + java.util.Arrays.toString(lengths));
  }

  /** A small integer code (country, regime, month). */
  static int integer(String raw, String name, Reason reason) throws RowRejected {
    String s = raw == null ? "" : raw.trim();
    if (!DIGITS.matcher(s).matches() || s.length() > 9) {
      throw new RowRejected(reason, name + " is not a whole number: '" + s + "'");
    }
    return Integer.parseInt(s);
  }

  /** A country or partner code as digits, kept as text (leading zeros matter in some crosswalks). */
  static String digits(String raw, String name) throws RowRejected {
    String s = raw == null ? "" : raw.trim();
    if (!DIGITS.matcher(s).matches()) {
      throw new RowRejected(Reason.BAD_FIELD, name + " is not a numeric code: '" + s + "'");
    }
    return s;
  }

  static String trimToNull(String raw) {
    if (raw == null) {
      return null;
    }
    String s = raw.trim();
    return s.isEmpty() ? null : s;
  }
}
