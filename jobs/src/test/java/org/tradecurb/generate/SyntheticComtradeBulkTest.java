package org.tradecurb.generate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tradecurb.ExitCode;
import org.tradecurb.TradecurbException;
import org.tradecurb.cli.GenerateCommand;
import org.tradecurb.ingest.ComtradeFormat;
import picocli.CommandLine;

/** generate --comtrade-bulk-rows: exact row counts, plain Comtrade bulk files, the same rows however split. */
class SyntheticComtradeBulkTest {

  /** Over the default span one code gives 2 rows × 18 partners × 33 months = 1,188 rows. */
  private static final long ROWS = 50_000;

  @TempDir
  static Path temp;

  private static ComtradeBulkFiles.Written written;
  private static List<Path> tenFiles;

  @BeforeAll
  static void generate() throws IOException {
    written = ComtradeBulkFiles.write(temp.resolve("ten"), GeneratorOptions.DEFAULTS, ROWS, 10);
    tenFiles = files(temp.resolve("ten"));
  }

  private static List<Path> files(Path root) throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(Files::isRegularFile).sorted().toList();
    }
  }

  private static List<String> lines(Path file) throws IOException {
    return Files.readAllLines(file, StandardCharsets.UTF_8);
  }

  private static GenerateCommand command(String... args) {
    return CommandLine.populateCommand(new GenerateCommand(), args);
  }

  @Test
  void theRowsAreExactAndSplitEvenlyUnderOneHeaderAFile() throws IOException {
    assertEquals(ROWS, written.dataRows());
    assertEquals(10, written.files());
    List<String> names = tenFiles.stream().map(p -> temp.resolve("ten").relativize(p).toString()).toList();
    assertEquals("comtrade/bulk_01_of_10.tsv", names.get(0));
    assertEquals("comtrade/bulk_10_of_10.tsv", names.get(9));
    assertEquals(10, names.size(), "only the bulk files: " + names);
    String header = String.join("\t", ComtradeFormat.COLUMNS);
    for (Path f : tenFiles) {
      List<String> lines = lines(f);
      assertEquals(header, lines.get(0), f.toString());
      assertEquals(ROWS / 10 + 1, lines.size(), f + ": a tenth of the rows and the header");
      assertTrue(lines.stream().allMatch(l -> l.split("\t", -1).length == 47), f + ": 47 columns every line");
    }
  }

  @Test
  void aKnownRowOpensTheFirstFile() throws IOException {
    // China's exports to Japan of dysprosium metal in January 2024: the totals row, then its air breakdown.
    List<String> lines = lines(tenFiles.get(0));
    assertEquals("C\tM\t20240101\t2024\t1\t202401\t156\tCHN\tChina\tX\tExport\t392\tJPN\tJapan\t0\tW00\tWorld\tH6\tHS"
        + "\tTrue\t280530\tDysprosium metal, not intermixed\t6\tTrue\tC00\tTOTAL CPC\t0\t0\tTOTAL MOT\t8\tkg\t1075"
        + "\tFalse\t-1\tN/A\t\tFalse\t1075\tFalse\t\tFalse\t\t495136\t495136\t0\tTrue\tTrue", lines.get(1));
    String[] breakdown = lines.get(2).split("\t", -1);
    assertEquals("1000", breakdown[ComtradeFormat.COLUMNS.indexOf("motCode")]);
    assertTrue(Long.parseLong(breakdown[ComtradeFormat.COLUMNS.indexOf("primaryValue")]) < 495136);
  }

  @Test
  void theBuiltInCodesComeFirstThenSyntheticOnesUntilTheRowsFitCuttingTheLastMonthShort() throws IOException {
    assertEquals((ROWS + 1187) / 1188, written.codes(), "the fewest codes that hold the rows");
    assertEquals(YearMonth.of(2024, 1), written.firstMonth());
    // 43 codes give 1,548 rows a month: 50,000 rows fill 32 months and part of the 33rd.
    assertEquals(YearMonth.of(2026, 9), written.lastMonth());
    IngestedFiles ingested = IngestedFiles.read(temp.resolve("ten"));
    assertEquals(List.of(), ingested.rejections, "ingest accepts every row");
    assertEquals(ROWS, ingested.records.size());
    assertEquals(ROWS / 2, ingested.records.stream().filter(r -> r.record().exclusion() == null).count(),
        "one totals row for each breakdown row");
    assertEquals(written.codes(), ingested.records.stream().map(r -> r.record().code()).distinct().count());
    assertEquals(2, ingested.records.stream().map(r -> r.record().reporterCode()).distinct().count());
  }

  @Test
  void oneFileHoldsTheSameRowsAsTen() throws IOException {
    Path one = temp.resolve("one");
    command("--out", one.toString(), "--comtrade-bulk-rows", String.valueOf(ROWS)).run();
    List<Path> files = files(one);
    assertEquals(List.of(one.resolve("comtrade/bulk_1_of_1.tsv")), files);
    List<String> joined = new ArrayList<>();
    for (Path f : tenFiles) {
      List<String> lines = lines(f);
      joined.addAll(lines.subList(1, lines.size()));
    }
    List<String> single = lines(files.get(0));
    assertEquals(joined, single.subList(1, single.size()));
  }

  @Test
  void anOddCountEndsOnATotalsRow() throws IOException {
    Path odd = temp.resolve("odd");
    command("--out", odd.toString(), "--comtrade-bulk-rows", "7", "--comtrade-bulk-files", "3").run();
    List<Integer> sizes = new ArrayList<>();
    for (Path f : files(odd)) {
      sizes.add(lines(f).size() - 1);
    }
    assertEquals(List.of(2, 2, 3), sizes);
    List<String> first = lines(files(odd).get(0));
    String[] last = lines(files(odd).get(2)).get(3).split("\t", -1);
    assertEquals("0", last[ComtradeFormat.COLUMNS.indexOf("motCode")]);
    assertArrayEquals(lines(tenFiles.get(0)).get(1).getBytes(StandardCharsets.UTF_8),
        first.get(1).getBytes(StandardCharsets.UTF_8), "the same first row whatever the size");
  }

  @Test
  void optionsTheBulkFilesCannotHonourAreUsageErrors() {
    Path dir = temp.resolve("refused");
    for (String[] bad : List.of(
        new String[] {"--comtrade-bulk-files", "3"},
        new String[] {"--comtrade-bulk-rows", "100", "--codes", "3"},
        new String[] {"--comtrade-bulk-rows", "100", "--bad-rows", "0"},
        new String[] {"--comtrade-bulk-rows", "0"},
        new String[] {"--comtrade-bulk-rows", "5", "--comtrade-bulk-files", "6"},
        new String[] {"--comtrade-bulk-rows", "100", "--comtrade-bulk-files", "1001"},
        new String[] {"--comtrade-bulk-rows", "200000000"})) {
      List<String> args = new ArrayList<>(List.of("--out", dir.toString()));
      args.addAll(List.of(bad));
      TradecurbException e = assertThrows(TradecurbException.class, () -> command(args.toArray(new String[0])).run(),
          String.join(" ", bad));
      assertEquals(ExitCode.USAGE, e.exitCode(), e.getMessage());
      assertTrue(e.getMessage().startsWith("--comtrade-bulk"), e.getMessage());
    }
    assertTrue(!Files.exists(dir), "nothing written");
  }
}
