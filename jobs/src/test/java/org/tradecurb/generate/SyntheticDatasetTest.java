package org.tradecurb.generate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tradecurb.generate.SyntheticTrade.Direction;
import org.tradecurb.ingest.SourceRecord;

/** The written files: reproducible, readable by the ingest formats, and true to the synthetic world. */
class SyntheticDatasetTest {

  /** The default world, over a shorter span to keep the suite fast. */
  private static final GeneratorOptions OPTIONS = GeneratorOptions.builder()
      .start(YearMonth.of(2025, 1)).end(YearMonth.of(2026, 6)).badRows(12).build();

  @TempDir
  static Path temp;

  private static Path out;
  private static SyntheticDataset.Written written;
  private static IngestedFiles ingested;
  private static SyntheticTrade trade;

  @BeforeAll
  static void generate() throws IOException {
    out = temp.resolve("a");
    written = SyntheticDataset.write(out, OPTIONS);
    ingested = IngestedFiles.read(out);
    trade = SyntheticTrade.of(OPTIONS);
  }

  private static Map<String, byte[]> contents(Path root) throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      Map<String, byte[]> files = new HashMap<>();
      for (Path p : walk.filter(Files::isRegularFile).toList()) {
        files.put(root.relativize(p).toString(), Files.readAllBytes(p));
      }
      return files;
    }
  }

  @Test
  void theSameOptionsWriteIdenticalBytes() throws IOException {
    SyntheticDataset.write(temp.resolve("b"), OPTIONS);
    Map<String, byte[]> a = contents(out);
    Map<String, byte[]> b = contents(temp.resolve("b"));
    assertEquals(a.keySet(), b.keySet());
    a.forEach((path, bytes) -> assertArrayEquals(bytes, b.get(path), path));
  }

  @Test
  void anotherSeedChangesEveryFile() throws IOException {
    SyntheticDataset.write(temp.resolve("c"), GeneratorOptions.builder().start(OPTIONS.start()).end(OPTIONS.end())
        .badRows(OPTIONS.badRows()).seed(OPTIONS.seed() + 1).build());
    Map<String, byte[]> a = contents(out);
    Map<String, byte[]> c = contents(temp.resolve("c"));
    assertEquals(a.keySet(), c.keySet());
    a.forEach((path, bytes) -> assertFalse(Arrays.equals(bytes, c.get(path)), path + " did not change"));
  }

  @Test
  void everyFileParsesAndIngestRefusesExactlyThePlantedRows() throws IOException {
    assertEquals(written.files(), ingested.files.size());
    assertEquals(12, written.planted().size());
    Set<String> refused = ingested.rejections.stream()
        .map(r -> r.path() + " line " + r.line() + " " + r.reason()).collect(Collectors.toSet());
    Set<String> planted = written.planted().stream()
        .map(p -> p.path() + " line " + p.line() + " " + p.reason()).collect(Collectors.toSet());
    assertEquals(planted, refused);
    assertEquals(Set.copyOf(BadRows.REASONS), written.planted().stream().map(BadRows.Planted::reason)
        .collect(Collectors.toSet()));
    String readme = Files.readString(out.resolve("README.md"));
    for (BadRows.Planted p : written.planted()) {
      assertTrue(readme.contains("| " + p.path() + " | " + p.line() + " | " + p.reason().name() + " |"),
          "README lists " + p);
    }
    assertTrue(readme.contains("Synthetic") && readme.contains(OPTIONS.commandLine())
        && readme.contains("comtradeplus.un.org") && readme.contains("customs.go.jp")
        && readme.contains("stats.customs.gov.cn") && readme.contains("e-stat.go.jp"));
  }

  @Test
  void everyPublishedFigureComesBackToTheTruth() {
    Partners partners = trade.partners();
    List<Partner> all = Stream.concat(Stream.of(partners.china()), partners.destinations().stream()).toList();
    Map<String, Partner> byM49 = index(all, Partner::m49);
    Map<String, Partner> byGacc = index(all, Partner::gacc);
    Map<String, Partner> byJapan = index(all.stream().filter(p -> p.japan() != null).toList(), Partner::japan);
    Map<String, Commodity> byHs6 = index(trade.commodities(), Commodity::hs6);
    Map<String, Commodity> byJp9 = index(trade.commodities(), Commodity::jp9);
    Map<String, Commodity> byCn8 = index(trade.commodities(), Commodity::cn8);
    FxTable fx = FxTable.load();
    Map<String, double[]> china = new HashMap<>();
    int totals = 0;
    int breakdowns = 0;
    for (IngestedFiles.Record ir : ingested.records) {
      SourceRecord r = ir.record();
      YearMonth month = YearMonth.from(r.period());
      if (ir.path().startsWith("comtrade/")) {
        if ("breakdown_row".equals(r.exclusion())) {
          breakdowns++;
          continue;
        }
        assertNull(r.exclusion(), ir.path());
        totals++;
        boolean chinaReports = r.reporterCode().equals("156");
        TrueFlow truth = trade.reported(chinaReports ? partners.china() : partners.japan(),
            chinaReports ? Direction.EXPORT : Direction.IMPORT, byM49.get(r.partnerCode()), byHs6.get(r.code()),
            month);
        assertEquals(Math.round(truth.usd()), r.value(), 0.0, ir.path() + " line " + ir.line());
        assertEquals(Math.round(truth.kg()), r.netWeightKg(), 0.0);
      } else if (ir.path().startsWith("japan-customs/")) {
        if (month.isAfter(OPTIONS.end())) {
          assertEquals(0.0, r.value(), "unpublished months are zero");
          continue;
        }
        if (r.breakdown() != null || r.partnerCode().equals("WLD")) {
          // Port rows and national totals restate the by-country rows: SyntheticJapanVariantsTest checks them.
          continue;
        }
        Direction direction = r.flow().equals(SourceRecord.EXPORT) ? Direction.EXPORT : Direction.IMPORT;
        TrueFlow truth = trade.reported(partners.japan(), direction, byJapan.get(r.partnerCode()),
            byJp9.get(r.code()), month);
        double yenPerUsd = fx.unitsPerUsd("JPY", month);
        assertEquals(truth.usd(), r.value() / yenPerUsd, 1000 / yenPerUsd, ir.path() + " line " + ir.line());
        assertEquals(Math.round(truth.kg()), r.netWeightKg(), 0.0);
      } else {
        // The two customs regimes of a figure add up to it; convert the sum.
        String key = r.flow() + " " + r.partnerCode() + " " + r.code() + " " + month + " " + r.periodMonths()
            + " " + r.currency();
        double[] sum = china.computeIfAbsent(key, k -> new double[2]);
        sum[0] += r.value();
        sum[1] += r.netWeightKg();
      }
    }
    assertEquals(totals, breakdowns, "one breakdown row per totals row");
    assertTrue(totals > 0 && !china.isEmpty());
    china.forEach((key, sum) -> {
      String[] k = key.split(" ");
      Direction direction = k[0].equals(SourceRecord.EXPORT) ? Direction.EXPORT : Direction.IMPORT;
      List<YearMonth> months = k[4].equals("2") ? List.of(YearMonth.parse(k[3]), YearMonth.parse(k[3]).plusMonths(1))
          : List.of(YearMonth.parse(k[3]));
      TrueFlow truth = TrueFlow.ZERO;
      for (YearMonth m : months) {
        truth = truth.plus(trade.reported(partners.china(), direction, byGacc.get(k[1]), byCn8.get(k[2]), m));
      }
      double usd = k[5].equals("USD") ? sum[0] : sum[0] / fx.unitsPerUsd("CNY", months);
      assertEquals(truth.usd(), usd, 1.0, key);
      assertEquals(Math.round(truth.kg()), sum[1], 0.0, key);
    });
  }

  @Test
  void januaryAndFebruaryOfTheCombinedYearArePublishedTogether() {
    for (String flow : List.of("exports", "imports")) {
      String dir = "china-customs/" + flow + "/";
      assertTrue(ingested.files.contains(dir + "202501-202502.csv"));
      assertFalse(ingested.files.contains(dir + "202501.csv") || ingested.files.contains(dir + "202502.csv"));
      assertTrue(ingested.files.contains(dir + "202601.csv") && ingested.files.contains(dir + "202602.csv"));
    }
    Partner china = trade.partners().china();
    Partner japan = trade.partners().japan();
    Commodity magnets = trade.commodities().stream().filter(c -> c.cn8().equals("85051110")).findFirst().orElseThrow();
    TrueFlow jan = trade.reported(china, Direction.EXPORT, japan, magnets, YearMonth.of(2025, 1));
    TrueFlow feb = trade.reported(china, Direction.EXPORT, japan, magnets, YearMonth.of(2025, 2));
    List<SourceRecord> combined = ingested.records.stream()
        .filter(r -> r.path().equals("china-customs/exports/202501-202502.csv")).map(IngestedFiles.Record::record)
        .filter(r -> r.code().equals("85051110") && r.partnerCode().equals(japan.gacc())).toList();
    assertEquals(2, combined.size(), "ordinary and processing trade");
    assertTrue(combined.stream().allMatch(r -> r.periodMonths() == 2 && r.period().getMonthValue() == 1));
    double kg = combined.stream().mapToDouble(SourceRecord::netWeightKg).sum();
    assertEquals(Math.round(jan.kg() + feb.kg()), kg, 0.0);
    double yuan = combined.stream().mapToDouble(SourceRecord::value).sum();
    double meanRate = FxTable.load().unitsPerUsd("CNY", List.of(YearMonth.of(2025, 1), YearMonth.of(2025, 2)));
    assertEquals("CNY", combined.get(0).currency());
    assertEquals(Math.round((jan.usd() + feb.usd()) * meanRate), yuan, 0.0, "one figure for both months");
  }

  @Test
  void theFilesCarryThePublishersQuirks() throws IOException {
    assertTrue(firstLine("japan-customs/imp_2025.csv", StandardCharsets.UTF_8).contains("Value-Apl"));
    assertFalse(firstLine("japan-customs/imp_2026.csv", StandardCharsets.UTF_8).contains("Apl"));
    Charset gb18030 = Charset.forName("GB18030");
    Set<String> styles = new HashSet<>();
    for (String f : ingested.files) {
      if (f.startsWith("china-customs/")) {
        String header = firstLine(f, gb18030);
        styles.add(header.contains("商品编码") ? "zh" : "en");
        styles.add(header.contains("人民币") || header.contains("Renminbi") ? "CNY" : "USD");
        styles.add(header.contains("数据年月") || header.contains("Date of data") ? "period column" : "file name");
        for (String line : Files.readAllLines(out.resolve(f), gb18030)) {
          assertTrue(line.startsWith("\"") && line.endsWith("\","), f + ": " + line);
        }
      }
    }
    assertEquals(Set.of("zh", "en", "CNY", "USD", "period column", "file name"), styles);
    assertTrue(ingested.records.stream().anyMatch(r -> r.record().quantity() != null
        && r.path().startsWith("china-customs/") && r.record().quantity() >= 1000), "thousands separators parse");
    assertTrue(ingested.records.stream().filter(r -> r.path().equals("japan-customs/imp_2026.csv")
        && r.record().period().getMonthValue() > 6).allMatch(r -> r.record().value() == 0));
  }

  private static String firstLine(String path, Charset charset) throws IOException {
    try (var lines = Files.lines(out.resolve(path), charset)) {
      return lines.findFirst().orElseThrow();
    }
  }

  private static <T> Map<String, T> index(List<T> items, Function<T, String> key) {
    return items.stream().collect(Collectors.toMap(key, Function.identity()));
  }
}
