package org.tradecurb.report;

/**
 * HTML escaping for every piece of text the report takes from data. The one function is safe in element
 * content and in quoted attribute values alike (HTML and inline SVG), so callers never choose between two.
 */
public final class Html {

  private Html() {}

  /**
   * The text with {@code & < > " '} replaced by character references; null becomes the empty string.
   * Control characters other than tab, newline and carriage return, which HTML does not allow, become U+FFFD.
   */
  public static String escape(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder out = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      String replacement = switch (c) {
        case '&' -> "&amp;";
        case '<' -> "&lt;";
        case '>' -> "&gt;";
        case '"' -> "&quot;";
        case '\'' -> "&#39;";
        default -> (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f ? "\uFFFD" : null;
      };
      if (replacement != null) {
        if (out == null) {
          out = new StringBuilder(text.length() + 16).append(text, 0, i);
        }
        out.append(replacement);
      } else if (out != null) {
        out.append(c);
      }
    }
    return out == null ? text : out.toString();
  }
}
