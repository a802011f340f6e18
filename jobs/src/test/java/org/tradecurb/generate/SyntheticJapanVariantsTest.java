package org.tradecurb.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tradecurb.ingest.SourceRecord;

/** Japan's port-level and national-total files: read by ingest, and restating the by-country rows exactly. */
class SyntheticJapanVariantsTest {

  /** Extra partners give the totals more countries to sum; no planted rows, so nothing may be refused. */
  private static final GeneratorOptions OPTIONS = GeneratorOptions.builder()
      .start(YearMonth.of(2025, 1)).end(YearMonth.of(2026, 6)).partners(3).build();
  private static final String BY_COUNTRY = "japan-customs/imp_2025.csv";
  private static final String PORTS = "japan-customs/imp_2025_ports.csv";
  private static final String TOTAL = "japan-customs/imp_2025_total.csv";

  @TempDir
  static Path temp;

  private static Path out;
  private static IngestedFiles ingested;

  @BeforeAll
  static void generate() throws IOException {
    out = temp.resolve("data");
    SyntheticDataset.write(out, OPTIONS);
    ingested = IngestedFiles.read(out);
  }

  @Test
  void theFirstYearsImportsGetBothVariantsAndEveryLineParses() throws IOException {
    assertEquals(Set.of("japan-customs/imp_2025.csv", "japan-customs/exp_2025.csv", "japan-customs/imp_2026.csv",
        "japan-customs/exp_2026.csv", PORTS, TOTAL), ingested.files.stream()
        .filter(f -> f.startsWith("japan-customs/")).collect(Collectors.toSet()));
    assertTrue(firstLine(PORTS).startsWith("Exp or Imp,Year,Custom,HS,Country,Unit1,Unit2,"), firstLine(PORTS));
    assertTrue(firstLine(TOTAL).startsWith("Exp or Imp,Year,HS,Unit1,Unit2,"), firstLine(TOTAL));
    assertEquals(List.of(), ingested.rejections);
    long dataLines = Files.readAllLines(out.resolve(PORTS), StandardCharsets.UTF_8).size() - 1;
    assertEquals(dataLines * 12, records(PORTS).size(), "JapanCustomsFormat reads every port row");
    assertEquals(OPTIONS.codes() + Commodities.DUAL_USE.size() + Commodities.ORDINARY.size(),
        records(TOTAL).size() / 12, "a national row per code");
  }

  @Test
  void theOfficesOfARowAddUpToItWithinRounding() {
    Map<String, SourceRecord> byCountry = records(BY_COUNTRY).stream()
        .collect(Collectors.toMap(SyntheticJapanVariantsTest::figure, r -> r));
    Map<String, List<SourceRecord>> offices = records(PORTS).stream()
        .collect(Collectors.groupingBy(SyntheticJapanVariantsTest::figure));
    // Every port row has its by-country figure, so ingest excludes it as detail of that figure.
    assertEquals(byCountry.keySet(), offices.keySet());
    offices.forEach((key, rows) -> {
      SourceRecord whole = byCountry.get(key);
      assertTrue(rows.size() == 2 || rows.size() == 3, key + ": " + rows.size() + " offices");
      assertEquals(rows.size(), rows.stream().map(SourceRecord::breakdown).distinct().count(), key);
      rows.forEach(r -> assertTrue(r.breakdown().matches("custom=\\d{3}"), r.breakdown()));
      assertEquals(whole.netWeightKg(), rows.stream().mapToDouble(SourceRecord::netWeightKg).sum(), 0.0, key);
      if (whole.quantity() != null) {
        assertEquals(whole.quantity(), rows.stream().mapToDouble(SourceRecord::quantity).sum(), 0.0, key);
      }
      // Each office's value is rounded down on its own: together they lose less than 1,000 yen apiece.
      double shortfall = whole.value() - rows.stream().mapToDouble(SourceRecord::value).sum();
      assertTrue(shortfall >= 0 && shortfall < 1000.0 * rows.size(), key + " short by " + shortfall + " yen");
    });
  }

  @Test
  void theNationalTotalIsTheSumOfTheCountries() {
    Map<String, double[]> sums = new TreeMap<>();
    for (SourceRecord r : records(BY_COUNTRY)) {
      double[] sum = sums.computeIfAbsent(r.code() + " " + r.period(), k -> new double[3]);
      sum[0] += r.value();
      sum[1] += r.netWeightKg();
      sum[2] += r.quantity() == null ? 0 : r.quantity();
    }
    Map<String, double[]> totals = new TreeMap<>();
    for (SourceRecord r : records(TOTAL)) {
      assertEquals("WLD", r.partnerCode());
      assertNull(r.breakdown(), "a national figure");
      totals.put(r.code() + " " + r.period(),
          new double[] {r.value(), r.netWeightKg(), r.quantity() == null ? 0 : r.quantity()});
    }
    assertEquals(sums.keySet(), totals.keySet());
    sums.forEach((key, sum) -> assertEquals(List.of(sum[0], sum[1], sum[2]),
        List.of(totals.get(key)[0], totals.get(key)[1], totals.get(key)[2]), key));
  }

  @Test
  void theOptionChoosesTheYearOrNone() {
    FxTable fx = FxTable.load();
    GeneratorOptions.Builder options = GeneratorOptions.builder().start(OPTIONS.start()).end(OPTIONS.end());
    assertEquals(List.of(), JapanCustomsVariants.of(SyntheticTrade.of(options.japanVariantsYear(0).build()), fx));
    assertEquals(List.of("japan-customs/imp_2026_ports.csv", "japan-customs/imp_2026_total.csv"),
        JapanCustomsVariants.of(SyntheticTrade.of(options.japanVariantsYear(2026).build()), fx).stream()
            .map(GeneratedFile::path).toList());
  }

  @Test
  void theReadmeSaysWhatTheVariantsAreAndHowIngestTreatsThem() throws IOException {
    String readme = Files.readString(out.resolve("README.md"));
    assertTrue(readme.contains("--japan-variants-year 2025"), "in the command line");
    assertTrue(readme.contains("`" + PORTS + "`: port level") && readme.contains("`detail_of_national_figure`"));
    assertTrue(readme.contains("`" + TOTAL + "`: national totals") && readme.contains("partner `WLD`"));
  }

  private static List<SourceRecord> records(String path) {
    return ingested.records.stream().filter(r -> r.path().equals(path)).map(IngestedFiles.Record::record).toList();
  }

  /** The figure a record belongs to, as ingest matches detail to its national figure. */
  private static String figure(SourceRecord r) {
    return String.join(" ", r.flow(), r.period().toString(), r.code(), r.reporterCode(), r.partnerCode());
  }

  private static String firstLine(String path) throws IOException {
    try (var lines = Files.lines(out.resolve(path), StandardCharsets.UTF_8)) {
      return lines.findFirst().orElseThrow();
    }
  }
}
