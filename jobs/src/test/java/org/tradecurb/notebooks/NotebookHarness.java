package org.tradecurb.notebooks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Runs a Databricks SQL notebook (source format) against a Spark session the way an analyst would, statement
 * by statement, exactly as written.
 *
 * <ul>
 *   <li>The file must begin with the line {@value #HEADER}; cells are separated by lines
 *       {@value #SEPARATOR}; cells whose first line starts with {@code -- MAGIC} (markdown) are skipped.</li>
 *   <li>A cell holds one or more statements, each ended by a {@code ;} that is the last thing on its line
 *       (a line comment may follow it). Semicolons inside strings, quoted identifiers and comments do not
 *       count. The last statement of a cell may omit its {@code ;}.</li>
 *   <li>A comment line {@code -- expect: rows} among the comments just before a statement means its result
 *       must not be empty. Any other {@code -- expect:} line is an error, and so is one with no statement
 *       after it.</li>
 * </ul>
 *
 * Each statement's text, from the end of the previous one, comments included, goes to {@code spark.sql}
 * unchanged and its result is collected. Temporary views and {@code tradecurb.*} settings the notebook
 * creates are removed afterwards so one notebook cannot lean on another.
 */
public final class NotebookHarness {

  public static final String HEADER = "-- Databricks notebook source";
  public static final String SEPARATOR = "-- COMMAND ----------";
  static final String MAGIC = "-- MAGIC";
  private static final Pattern EXPECT = Pattern.compile("^--\\s*expect\\s*:\\s*(.*?)\\s*$");

  private NotebookHarness() {}

  /** One statement of a notebook: where it is, its text as written, and whether it must return rows. */
  public record Statement(String notebook, int cell, int index, int line, String sql, boolean expectRows) {

    /** "02_the_2026_ban.sql, cell 7, statement 2 (line 58)". */
    public String where() {
      return notebook + ", cell " + cell + ", statement " + index + " (line " + line + ")";
    }
  }

  /** A statement's outcome: its rows, or the error that stopped it. */
  public record Outcome(Statement statement, List<Row> rows, String error) {

    public boolean failed() {
      return error != null || (statement.expectRows() && rows.isEmpty());
    }

    public String problem() {
      if (error != null) {
        return error;
      }
      return statement.expectRows() && rows.isEmpty() ? "returned no rows but is marked -- expect: rows" : null;
    }
  }

  /** Everything one run of a notebook produced. */
  public record Report(Path notebook, List<String> parseErrors, List<Outcome> outcomes) {

    public List<String> failures() {
      List<String> out = new ArrayList<>();
      String name = notebook.getFileName().toString();
      for (String e : parseErrors) {
        out.add(name + ": " + e);
      }
      for (Outcome o : outcomes) {
        if (o.failed()) {
          out.add(o.statement().where() + ": " + o.problem() + "\n    " + o.statement().sql().replace("\n", "\n    "));
        }
      }
      return out;
    }

    public boolean ok() {
      return failures().isEmpty();
    }

    /** Throws an AssertionError listing every failure with its notebook, cell, statement and text. */
    public void assertOk() {
      List<String> failures = failures();
      if (!failures.isEmpty()) {
        throw new AssertionError(failures.size() + " failure(s) in notebook " + notebook + ":\n"
            + String.join("\n", failures));
      }
    }
  }

  /** A parsed notebook: its statements in order, and what is malformed about it. */
  public record Parsed(List<Statement> statements, List<String> errors) {}

  // ---------------------------------------------------------------------------------------------------- parse

  public static Parsed parse(Path notebook) {
    try {
      return parse(notebook.getFileName().toString(), Files.readString(notebook, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static Parsed parse(String name, String text) {
    List<String> errors = new ArrayList<>();
    List<Statement> statements = new ArrayList<>();
    String[] lines = text.replace("\r\n", "\n").split("\n", -1);
    if (lines.length == 0 || !lines[0].equals(HEADER)) {
      errors.add("first line must be '" + HEADER + "'");
      return new Parsed(statements, errors);
    }
    int cell = 1;
    int cellStart = 1; // index into lines of the cell's first line
    for (int i = 1; i <= lines.length; i++) {
      if (i == lines.length || lines[i].strip().equals(SEPARATOR)) {
        parseCell(name, cell, lines, cellStart, i, statements, errors);
        cell++;
        cellStart = i + 1;
      }
    }
    return new Parsed(statements, errors);
  }

  private static void parseCell(String name, int cell, String[] lines, int from, int to, List<Statement> statements,
      List<String> errors) {
    String firstLine = null;
    for (int i = from; i < to; i++) {
      if (!lines[i].isBlank()) {
        firstLine = lines[i].strip();
        break;
      }
    }
    if (firstLine == null) {
      return;
    }
    if (firstLine.startsWith(MAGIC)) {
      for (int i = from; i < to; i++) {
        if (!lines[i].isBlank() && !lines[i].strip().startsWith(MAGIC)) {
          errors.add("cell " + cell + " (line " + (i + 1) + ") mixes MAGIC lines and SQL");
          break;
        }
      }
      return;
    }
    StringBuilder body = new StringBuilder();
    for (int i = from; i < to; i++) {
      body.append(lines[i]).append('\n');
    }
    int index = 1;
    for (Piece p : split(body.toString())) {
      int line = from + 1 + p.firstCodeLine();
      Matcher bad = null;
      boolean expect = false;
      for (String comment : p.leadingComments()) {
        Matcher m = EXPECT.matcher(comment);
        if (m.matches()) {
          if (m.group(1).equals("rows")) {
            expect = true;
          } else {
            bad = m;
          }
        }
      }
      if (bad != null) {
        errors.add("cell " + cell + " near line " + line + ": unknown directive '" + bad.group(0)
            + "' (only '-- expect: rows')");
      }
      if (p.code().isBlank()) {
        if (expect) {
          errors.add("cell " + cell + " near line " + line + ": '-- expect: rows' with no statement after it");
        }
        continue;
      }
      statements.add(new Statement(name, cell, index++, line, p.text(), expect));
    }
  }

  /**
   * A chunk of a cell up to a statement end: its text as written (without the {@code ;}), the text with
   * comments removed, the comment lines before its first code, and the 0-based line of that code.
   */
  public record Piece(String text, String code, List<String> leadingComments, int firstCodeLine) {}

  /** Splits a cell's text into statements at {@code ;} that end a line, outside strings and comments. */
  public static List<Piece> split(String cell) {
    List<Piece> pieces = new ArrayList<>();
    int n = cell.length();
    int start = 0;
    int line = 0;
    StringBuilder code = new StringBuilder();
    List<String> leading = new ArrayList<>();
    int firstCodeLine = -1;
    int i = 0;
    while (i < n) {
      char c = cell.charAt(i);
      char next = i + 1 < n ? cell.charAt(i + 1) : '\0';
      if (c == '-' && next == '-') {
        int end = cell.indexOf('\n', i);
        end = end < 0 ? n : end;
        if (firstCodeLine < 0) {
          leading.add(cell.substring(i, end).strip());
        }
        code.append(' ');
        i = end;
        continue;
      }
      if (c == '/' && next == '*') {
        int depth = 0;
        int j = i;
        while (j < n) {
          if (cell.startsWith("/*", j)) {
            depth++;
            j += 2;
          } else if (cell.startsWith("*/", j)) {
            depth--;
            j += 2;
            if (depth == 0) {
              break;
            }
          } else {
            if (cell.charAt(j) == '\n') {
              line++;
            }
            j++;
          }
        }
        code.append(' ');
        i = j;
        continue;
      }
      if (c == '\'' || c == '"' || c == '`') {
        if (firstCodeLine < 0) {
          firstCodeLine = line;
        }
        int j = i + 1;
        while (j < n && cell.charAt(j) != c) {
          if (cell.charAt(j) == '\\' && c != '`' && j + 1 < n) {
            j++;
          }
          if (cell.charAt(j) == '\n') {
            line++;
          }
          j++;
        }
        j = Math.min(j + 1, n);
        code.append(cell, i, j);
        i = j;
        continue;
      }
      if (c == ';' && restOfLineIsBlankOrComment(cell, i + 1)) {
        pieces.add(new Piece(cell.substring(start, i).strip(), code.toString(), List.copyOf(leading),
            firstCodeLine < 0 ? line : firstCodeLine));
        int end = cell.indexOf('\n', i);
        end = end < 0 ? n : end;
        start = end;
        code.setLength(0);
        leading.clear();
        firstCodeLine = -1;
        i = end;
        continue;
      }
      if (c == '\n') {
        line++;
      } else if (!Character.isWhitespace(c) && firstCodeLine < 0) {
        firstCodeLine = line;
      }
      code.append(c);
      i++;
    }
    String rest = cell.substring(Math.min(start, n)).strip();
    if (!rest.isEmpty()) {
      pieces.add(new Piece(rest, code.toString(), List.copyOf(leading), firstCodeLine < 0 ? line : firstCodeLine));
    }
    return pieces;
  }

  private static boolean restOfLineIsBlankOrComment(String s, int from) {
    int i = from;
    while (i < s.length() && s.charAt(i) != '\n') {
      char c = s.charAt(i);
      if (c == '-' && i + 1 < s.length() && s.charAt(i + 1) == '-') {
        return true;
      }
      if (!Character.isWhitespace(c)) {
        return false;
      }
      i++;
    }
    return true;
  }

  // ------------------------------------------------------------------------------------------------------ run

  /** Parses and runs every statement of the notebook, collecting each result; never throws for SQL errors. */
  public static Report run(SparkSession spark, Path notebook) {
    Parsed parsed = parse(notebook);
    List<Outcome> outcomes = new ArrayList<>();
    Set<String> viewsBefore = tempViews(spark);
    try {
      for (Statement s : parsed.statements()) {
        try {
          outcomes.add(new Outcome(s, spark.sql(s.sql()).collectAsList(), null));
        } catch (Exception e) {
          outcomes.add(new Outcome(s, List.of(), e.getClass().getSimpleName() + ": " + firstLine(e.getMessage())));
        }
      }
    } finally {
      for (String view : tempViews(spark)) {
        if (!viewsBefore.contains(view)) {
          spark.catalog().dropTempView(view);
        }
      }
      for (Row setting : spark.sql("SET").collectAsList()) {
        if (setting.getString(0).startsWith("tradecurb.")) {
          spark.conf().unset(setting.getString(0));
        }
      }
    }
    return new Report(notebook, parsed.errors(), outcomes);
  }

  private static Set<String> tempViews(SparkSession spark) {
    Set<String> names = new HashSet<>();
    for (Row r : spark.sql("SHOW VIEWS").collectAsList()) {
      if (r.getBoolean(r.fieldIndex("isTemporary"))) {
        names.add(r.getString(r.fieldIndex("viewName")));
      }
    }
    return names;
  }

  private static String firstLine(String message) {
    String m = message == null ? "" : message.strip();
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }

  /** The notebooks of a folder, {@code *.sql} in name order. */
  public static List<Path> notebooks(Path folder) {
    try (var files = Files.list(folder)) {
      return files.filter(p -> p.getFileName().toString().endsWith(".sql")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
