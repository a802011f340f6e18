package org.tradecurb.notebooks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.tradecurb.SampleWarehouse;
import org.tradecurb.SharedReference;
import org.tradecurb.SparkTestBase;

/**
 * Every notebook in notebooks/ runs, statement by statement and exactly as written, against the warehouse built
 * from data-samples/; statements marked {@code -- expect: rows} return rows; and the harness itself is shown to
 * catch a broken column and an empty result.
 */
class NotebooksIT extends SparkTestBase {

  private static final List<String> REQUIRED = List.of("01_start_here.sql", "02_the_2026_ban.sql",
      "03_mirror_and_diversion.sql", "04_earlier_curbs.sql");
  private static final Pattern PARAMETER_USE = Pattern.compile("\\$\\{(tradecurb\\.[A-Za-z0-9_.]+)}");
  private static final Pattern PARAMETER_SET = Pattern.compile("(?is)^\\s*SET\\s+(tradecurb\\.[A-Za-z0-9_.]+)\\s*=.*");

  private static Path folder() {
    return SharedReference.repoRoot().resolve("notebooks");
  }

  @Test
  void theNotebooksArePresent() {
    List<String> names = NotebookHarness.notebooks(folder()).stream().map(p -> p.getFileName().toString()).toList();
    Assertions.assertTrue(names.containsAll(REQUIRED), "notebooks/ should hold " + REQUIRED + " but holds " + names);
  }

  /**
   * Static checks, no Spark: the header, well-formed cells, and the parameter convention (every parameter a
   * query uses is SET in the notebook and every one SET is used, all SETs in one cell, the first SQL cell).
   */
  @Test
  void everyNotebookIsWellFormedAndSetsItsParametersInOneCell() {
    List<String> problems = new ArrayList<>();
    for (Path nb : NotebookHarness.notebooks(folder())) {
      String name = nb.getFileName().toString();
      NotebookHarness.Parsed parsed = NotebookHarness.parse(nb);
      parsed.errors().forEach(e -> problems.add(name + ": " + e));
      if (parsed.statements().isEmpty()) {
        problems.add(name + ": no SQL statements");
        continue;
      }
      Set<String> set = new LinkedHashSet<>();
      Set<Integer> setCells = new TreeSet<>();
      Set<String> used = new TreeSet<>();
      for (NotebookHarness.Statement s : parsed.statements()) {
        String code = NotebookHarness.split(s.sql()).get(0).code();
        Matcher m = PARAMETER_SET.matcher(code);
        if (m.matches()) {
          set.add(m.group(1));
          setCells.add(s.cell());
        }
        Matcher u = PARAMETER_USE.matcher(code);
        while (u.find()) {
          used.add(u.group(1));
        }
      }
      int firstSqlCell = parsed.statements().get(0).cell();
      if (!setCells.isEmpty() && !setCells.equals(Set.of(firstSqlCell))) {
        problems.add(name + ": parameters are SET in cells " + setCells + "; expected all in cell " + firstSqlCell
            + ", the first SQL cell");
      }
      Set<String> unset = new TreeSet<>(used);
      unset.removeAll(set);
      if (!unset.isEmpty()) {
        problems.add(name + ": uses parameters it never SETs: " + unset);
      }
      Set<String> unused = new TreeSet<>(set);
      unused.removeAll(used);
      if (!unused.isEmpty()) {
        problems.add(name + ": SETs parameters no query uses: " + unused);
      }
      if (parsed.statements().stream().noneMatch(NotebookHarness.Statement::expectRows)) {
        problems.add(name + ": no statement is marked -- expect: rows");
      }
    }
    Assertions.assertTrue(problems.isEmpty(), String.join("\n", problems));
  }

  @TestFactory
  Stream<DynamicTest> everyStatementOfEveryNotebookRuns() {
    List<Path> notebooks = NotebookHarness.notebooks(folder());
    Assertions.assertFalse(notebooks.isEmpty(), "no notebooks in " + folder());
    return notebooks.stream().map(nb -> DynamicTest.dynamicTest(nb.getFileName().toString(), () -> {
      SampleWarehouse.get(spark());
      NotebookHarness.Report report = NotebookHarness.run(spark(), nb);
      report.assertOk();
      Assertions.assertFalse(report.outcomes().isEmpty(), nb + " ran no statements");
    }));
  }

  /** A copy of a notebook with one column misspelt must fail, naming the notebook, cell and statement. */
  @Test
  void theHarnessCatchesABrokenColumnName(@TempDir Path tmp) throws IOException {
    String name = "03_mirror_and_diversion.sql";
    String column = "japan_imports_kg";
    String broken = "japan_imports_kilograms";
    List<String> lines = Files.readAllLines(folder().resolve(name), StandardCharsets.UTF_8);
    int changed = -1;
    for (int i = 0; i < lines.size() && changed < 0; i++) {
      String line = lines.get(i);
      if (!line.strip().startsWith("--") && line.contains(column)) {
        lines.set(i, line.replaceFirst(Pattern.quote(column), broken));
        changed = i + 1;
      }
    }
    Assertions.assertTrue(changed > 0, name + " has no SQL line mentioning " + column);
    Path copy = tmp.resolve(name);
    Files.write(copy, lines, StandardCharsets.UTF_8);

    SampleWarehouse.get(spark());
    NotebookHarness.Report report = NotebookHarness.run(spark(), copy);
    Assertions.assertFalse(report.ok(), "the harness let a misspelt column through");
    List<NotebookHarness.Outcome> failed = report.outcomes().stream().filter(NotebookHarness.Outcome::failed).toList();
    Assertions.assertEquals(1, failed.size(), "exactly the broken statement fails: " + report.failures());
    NotebookHarness.Statement s = failed.get(0).statement();
    Assertions.assertTrue(s.sql().contains(broken), "the failing statement is the edited one: " + s.sql());
    Assertions.assertTrue(failed.get(0).error().contains(broken), "the error names the column: " + failed.get(0).error());
    AssertionError error = Assertions.assertThrows(AssertionError.class, report::assertOk);
    Assertions.assertTrue(error.getMessage().contains(name + ", cell " + s.cell() + ", statement " + s.index()),
        "the failure names notebook, cell and statement: " + error.getMessage());
    Assertions.assertTrue(error.getMessage().contains(broken), "the failure shows the statement: " + error.getMessage());
    Assertions.assertTrue(report.outcomes().stream().filter(o -> !o.failed()).count() > 5,
        "the other statements still ran");
  }

  @Test
  void theHarnessCatchesAnEmptyResultMarkedExpectRows(@TempDir Path tmp) throws IOException {
    Path nb = tmp.resolve("empty.sql");
    Files.writeString(nb, String.join("\n", NotebookHarness.HEADER,
        "-- MAGIC %md", "-- MAGIC # Test", "", NotebookHarness.SEPARATOR, "",
        "SET tradecurb.test_value = 1;", "", NotebookHarness.SEPARATOR, "",
        "-- expect: rows", "SELECT 1 AS x WHERE '${tradecurb.test_value}' = '1';", "",
        "-- expect: rows", "SELECT 1 AS x WHERE 1 = 0;", "",
        "SELECT 2 AS y WHERE 1 = 0;", ""), StandardCharsets.UTF_8);
    NotebookHarness.Report report = NotebookHarness.run(spark(), nb);
    Assertions.assertEquals(4, report.outcomes().size());
    Assertions.assertEquals(List.of(false, false, true, false),
        report.outcomes().stream().map(NotebookHarness.Outcome::failed).toList(), report.failures().toString());
    Assertions.assertTrue(report.failures().get(0).startsWith("empty.sql, cell 3, statement 2 (line 15)"),
        report.failures().get(0));
    Assertions.assertTrue(spark().conf().getOption("tradecurb.test_value").isEmpty(),
        "the notebook's parameters are unset after the run");
  }

  @Test
  void statementsSplitAtLineEndSemicolonsOutsideStringsAndComments() {
    String cell = String.join("\n",
        "-- a comment; with a semicolon;",
        "-- expect: rows",
        "SELECT 'a;' AS a, \"b;\" AS b, `c;` AS c, 'it\\'s;' AS d /* block; comment */ FROM t;",
        "/* leading",
        "   block; */",
        "SELECT 1; -- trailing comment",
        "SELECT x",
        "FROM t -- no semicolon here;",
        "WHERE y = ';'",
        ";",
        "-- only a comment at the end");
    List<NotebookHarness.Piece> pieces = NotebookHarness.split(cell);
    Assertions.assertEquals(4, pieces.size(), pieces.toString());
    Assertions.assertTrue(pieces.get(0).text().endsWith("/* block; comment */ FROM t"), pieces.get(0).text());
    Assertions.assertEquals(List.of("-- a comment; with a semicolon;", "-- expect: rows"),
        pieces.get(0).leadingComments());
    Assertions.assertEquals(2, pieces.get(0).firstCodeLine());
    Assertions.assertEquals("/* leading\n   block; */\nSELECT 1", pieces.get(1).text());
    Assertions.assertEquals(5, pieces.get(1).firstCodeLine());
    Assertions.assertEquals("SELECT x\nFROM t -- no semicolon here;\nWHERE y = ';'", pieces.get(2).text());
    Assertions.assertTrue(pieces.get(3).code().isBlank(), "a trailing comment is no statement");
  }

  @Test
  void malformedNotebooksAreReported() {
    Assertions.assertFalse(NotebookHarness.parse("x.sql", "SELECT 1;\n").errors().isEmpty(), "missing header");
    NotebookHarness.Parsed dangling = NotebookHarness.parse("x.sql",
        NotebookHarness.HEADER + "\nSELECT 1;\n-- expect: rows\n");
    Assertions.assertEquals(1, dangling.errors().size(), dangling.errors().toString());
    NotebookHarness.Parsed typo = NotebookHarness.parse("x.sql",
        NotebookHarness.HEADER + "\n-- expect: row\nSELECT 1;\n");
    Assertions.assertEquals(1, typo.errors().size(), typo.errors().toString());
    NotebookHarness.Parsed parsed = NotebookHarness.parse("x.sql", String.join("\n", NotebookHarness.HEADER,
        "-- MAGIC %md", "-- MAGIC SELECT nothing;", "", NotebookHarness.SEPARATOR, "", "SELECT 1;", "SELECT 2"));
    Assertions.assertEquals(List.of(), parsed.errors());
    Assertions.assertEquals(2, parsed.statements().size());
    Assertions.assertEquals(2, parsed.statements().get(0).cell());
    Assertions.assertEquals(7, parsed.statements().get(0).line());
    Assertions.assertEquals(8, parsed.statements().get(1).line());
  }
}
