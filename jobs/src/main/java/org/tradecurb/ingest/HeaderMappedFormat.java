package org.tradecurb.ingest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The shared mechanics of the three formats: header names map published columns to bronze columns, and each
 * data line is split, checked for its field count, reordered into the bronze columns, and interpreted.
 */
abstract class HeaderMappedFormat implements CustomsFormat {

  private final Source source;
  private final List<String> columns;
  private final Map<String, Integer> index = new HashMap<>();

  HeaderMappedFormat(Source source, List<String> columns) {
    this.source = source;
    this.columns = columns;
    for (int i = 0; i < columns.size(); i++) {
      index.put(columns.get(i), i);
    }
  }

  @Override
  public Source source() {
    return source;
  }

  @Override
  public List<String> bronzeColumns() {
    return columns;
  }

  /** A bronze field by column name, trimmed; null when the file had no such column. */
  String field(List<String> fields, String column) {
    String v = fields.get(index.get(column));
    return v == null ? null : v.trim();
  }

  void set(List<String> fields, String column, String value) {
    fields.set(index.get(column), value);
  }

  /** The header's names, without a byte-order mark and without the empty name a trailing comma leaves. */
  static List<String> headerNames(String header, char delimiter) throws FileLayoutException {
    String text = header.startsWith("\uFEFF") ? header.substring(1) : header;
    List<String> names;
    try {
      names = new ArrayList<>(CsvLine.split(text, delimiter));
    } catch (RowRejected e) {
      throw new FileLayoutException("header is not a delimited line: " + e.getMessage());
    }
    while (!names.isEmpty() && names.get(names.size() - 1).isBlank()) {
      names.remove(names.size() - 1);
    }
    return names;
  }

  private static boolean isHeader(List<String> values, List<String> names) {
    if (values.size() != names.size()) {
      return false;
    }
    for (int i = 0; i < names.size(); i++) {
      if (!values.get(i).trim().equalsIgnoreCase(names.get(i).trim())) {
        return false;
      }
    }
    return true;
  }

  /** The position of a control character or a byte-order mark (a file pasted into another), or -1. */
  static int controlCharacter(String line, char delimiter) {
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if ((c < 0x20 && c != delimiter) || c == 0x7F || c == '\uFEFF') {
        return i;
      }
    }
    return -1;
  }

  /**
   * Adds what the line itself does not carry (flow from the folder, currency from the header, ...), or
   * refuses a line that contradicts the rest of its file.
   */
  interface Completion extends java.io.Serializable {
    void complete(List<String> fields, List<String> values) throws RowRejected;
  }

  /**
   * The parser for a file whose header has {@code width} names, the bronze column at position i of the line
   * being {@code positions.get(column)}.
   */
  FileParser lineParser(char delimiter, List<String> names, Map<String, Integer> positions, Completion completion) {
    int width = names.size();
    int[] sourceIndex = columns.stream().mapToInt(c -> positions.getOrDefault(c, -1)).toArray();
    return line -> {
      try {
        String text = line.startsWith("\uFEFF") ? line.substring(1) : line;
        List<String> values = new ArrayList<>(CsvLine.split(text, delimiter));
        // A trailing delimiter on every line (China Customs) leaves empty fields past the header's width.
        while (values.size() > width && values.get(values.size() - 1).isBlank()) {
          values.remove(values.size() - 1);
        }
        if (values.stream().allMatch(String::isBlank)) {
          throw new RowRejected(Reason.EMPTY_LINE, "no field is filled in");
        }
        if (isHeader(values, names)) {
          throw new RowRejected(Reason.REPEATED_HEADER, "the header line again (two files joined into one?)");
        }
        int control = controlCharacter(line, delimiter);
        if (control >= 0) {
          throw new RowRejected(Reason.CONTROL_CHARACTER, String.format("character U+%04X at column %d",
              (int) line.charAt(control), control + 1));
        }
        if (values.size() != width) {
          throw new RowRejected(Reason.FIELD_COUNT, "expected " + width + " fields, found " + values.size());
        }
        List<String> fields = new ArrayList<>(columns.size());
        for (int idx : sourceIndex) {
          fields.add(idx < 0 ? null : values.get(idx));
        }
        completion.complete(fields, values);
        List<SourceRecord> records = interpret(fields);
        return LineOutcome.accepted(fields, records.get(0).period().getYear());
      } catch (RowRejected e) {
        return LineOutcome.rejected(e.reason, e.getMessage());
      }
    };
  }
}
