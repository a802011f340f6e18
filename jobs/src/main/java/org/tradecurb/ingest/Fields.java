package org.tradecurb.ingest;


/** Field rules shared by the three formats: numbers as customs agencies print them, and codes. */
final class Fields {


  /**
   * The largest figure a row may carry: a thousand times the world's yearly trade in US dollars, and far
   * below where sums in thousandths ({@link org.tradecurb.spark.ExactSum}) would overflow a long.
   */
  static final double MAX_FIGURE = 1e15;

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
    if (!isNumber(s)) {
      throw new RowRejected(Reason.BAD_NUMBER, name + " is not a number: '" + s + "'");
    }
    double v = Double.parseDouble(s.indexOf(',') < 0 ? s : s.replace(",", ""));
    if (v < 0) {
      throw new RowRejected(Reason.NEGATIVE_VALUE, name + " is negative: " + s);
    }
    if (!(v <= MAX_FIGURE)) {
      throw new RowRejected(Reason.OUT_OF_RANGE, name + " is " + (Double.isInfinite(v) ? "beyond a double ("
          + s + ")" : s + ", above " + MAX_FIGURE));
    }
    return v;
  }

  /**
   * A number as agencies print them: an optional minus, digits (or thousands groups {@code 1,234,567}), an
   * optional fraction and exponent. Checked by hand: this runs for every figure of every row.
   */
  static boolean isNumber(String s) {
    int i = 0;
    int n = s.length();
    if (i < n && s.charAt(i) == '-') {
      i++;
    }
    int start = i;
    while (i < n && isDigit(s.charAt(i))) {
      i++;
    }
    int lead = i - start;
    if (lead == 0) {
      return false;
    }
    if (i < n && s.charAt(i) == ',') {
      if (lead > 3) {
        return false;
      }
      while (i < n && s.charAt(i) == ',') {
        if (i + 4 > n || !isDigit(s.charAt(i + 1)) || !isDigit(s.charAt(i + 2)) || !isDigit(s.charAt(i + 3))) {
          return false;
        }
        i += 4;
        if (i < n && isDigit(s.charAt(i))) {
          return false;
        }
      }
    }
    if (i < n && s.charAt(i) == '.') {
      int fraction = ++i;
      while (i < n && isDigit(s.charAt(i))) {
        i++;
      }
      if (i == fraction) {
        return false;
      }
    }
    if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
      i++;
      if (i < n && (s.charAt(i) == '-' || s.charAt(i) == '+')) {
        i++;
      }
      int exponent = i;
      while (i < n && isDigit(s.charAt(i))) {
        i++;
      }
      if (i == exponent) {
        return false;
      }
    }
    return i == n;
  }

  static boolean isDigits(String s) {
    if (s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (!isDigit(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
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
    if (!isDigits(s)) {
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
    if (!isDigits(s) || s.length() > 9) {
      throw new RowRejected(reason, name + " is not a whole number: '" + s + "'");
    }
    return Integer.parseInt(s);
  }

  /** A country or partner code as digits, kept as text (leading zeros matter in some crosswalks). */
  static String digits(String raw, String name) throws RowRejected {
    String s = raw == null ? "" : raw.trim();
    if (!isDigits(s)) {
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
