package org.tradecurb.ingest;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits one physical line of a delimited file. In comma-separated files quotes follow RFC 4180 (`""` inside
 * a quoted field is a quote). A record never spans lines here: customs exports put none across lines, and a
 * stray quote must quarantine one line rather than swallow the rest of the file.
 */
public final class CsvLine {

  private CsvLine() {}

  static List<String> split(String line, char delimiter) throws RowRejected {
    if (delimiter == '\t') {
      return splitTabs(line);
    }
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    boolean wasQuoted = false;
    int i = 0;
    int n = line.length();
    while (i < n) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"') {
          if (i + 1 < n && line.charAt(i + 1) == '"') {
            field.append('"');
            i += 2;
            continue;
          }
          quoted = false;
        } else {
          field.append(c);
        }
      } else if (c == '"' && field.toString().isBlank() && !wasQuoted) {
        field.setLength(0);
        quoted = true;
        wasQuoted = true;
      } else if (c == delimiter) {
        fields.add(field.toString());
        field.setLength(0);
        wasQuoted = false;
      } else if (wasQuoted && !Character.isWhitespace(c)) {
        throw new RowRejected(Reason.UNBALANCED_QUOTE, "text after a closing quote at column " + (i + 1));
      } else if (!wasQuoted) {
        field.append(c);
      }
      i++;
    }
    if (quoted) {
      throw new RowRejected(Reason.UNBALANCED_QUOTE, "a quoted field opened in field " + (fields.size() + 1)
          + " is not closed on this line");
    }
    fields.add(field.toString());
    return fields;
  }

  /**
   * Tab-separated bulk files are unquoted, so a quote inside a description is text; a field wrapped in quotes
   * whole (as some exporters write) loses them.
   */
  private static List<String> splitTabs(String line) {
    // One pass over the line (every row of a bulk file comes through here): no array of parts, no stripped copies.
    List<String> fields = new ArrayList<>(64);
    int start = 0;
    while (true) {
      int tab = line.indexOf('\t', start);
      int end = tab < 0 ? line.length() : tab;
      int first = start;
      int last = end;
      while (first < last && Character.isWhitespace(line.charAt(first))) {
        first++;
      }
      while (last > first && Character.isWhitespace(line.charAt(last - 1))) {
        last--;
      }
      boolean wrapped = last - first >= 2 && line.charAt(first) == '"' && line.charAt(last - 1) == '"';
      fields.add(wrapped ? line.substring(first + 1, last - 1).replace("\"\"", "\"") : line.substring(start, end));
      if (tab < 0) {
        return fields;
      }
      start = tab + 1;
    }
  }

  /** Splits a line of a well-formed reference file; a malformed line is a programming or data error. */
  public static List<String> parse(String line) {
    try {
      return split(line, ',');
    } catch (RowRejected e) {
      throw new IllegalArgumentException(e.getMessage() + ": " + line);
    }
  }

  /** The header's delimiter: tab when the header has more tabs than commas (Comtrade bulk files). */
  static char detectDelimiter(String header) {
    long tabs = header.chars().filter(ch -> ch == '\t').count();
    long commas = header.chars().filter(ch -> ch == ',').count();
    return tabs > commas ? '\t' : ',';
  }
}
