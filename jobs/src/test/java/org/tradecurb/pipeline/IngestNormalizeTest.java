package org.tradecurb.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.tradecurb.Fixtures.lines;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.tradecurb.ExitCode;
import org.tradecurb.Fixtures;
import org.tradecurb.SparkTestBase;
import org.tradecurb.TradecurbException;
import org.tradecurb.Warehouses;
import org.tradecurb.config.TradecurbConfig;
import org.tradecurb.ingest.SampleRows;

/**
 * Ingest and normalize on small files with every quirk, against hand-computed answers: which lines are
 * quarantined and why, how counts reconcile, what trade_flows holds, and that reruns and revisions behave.
 */
class IngestNormalizeTest extends SparkTestBase {

  private static final String GACC_ZH = "\"商品编码\",\"商品名称\",\"贸易伙伴编码\",\"贸易伙伴名称\",\"贸易方式编码\","
      + "\"贸易方式名称\",\"第一数量\",\"第一计量单位\",\"第二数量\",\"第二计量单位\",\"人民币\",";

  /** Writes the quirky inputs; returns the input root. */
  private static Path inputs() {
    Path in = newDir("in");
    Fixtures.writeGzip(in, "comtrade/chn_2025.tsv.gz", lines(
        SampleRows.comtradeHeader('\t'),
        SampleRows.comtradeLine(SampleRows.comtrade("primaryValue", "1000", "netWgt", "10", "qty", "10"), '\t'),
        SampleRows.comtradeLine(SampleRows.comtrade("motCode", "1000", "primaryValue", "400"), '\t'),
        SampleRows.comtradeLine(SampleRows.comtrade("primaryValue", "-5"), '\t'),
        "",
        SampleRows.comtradeLine(SampleRows.comtrade("cmdCode", "85051A"), '\t')));
    Fixtures.write(in, "japan-customs/imp_2025.csv", lines(
        SampleRows.japanHeader(false, true),
        SampleRows.japanRow("2", "2025,'850511000',105", "KG", new long[] {10, 20, 30}, new long[] {100, 200, 300}),
        SampleRows.japanRow("2", "2025,'850511000',103", "KG", new long[] {1}, new long[] {7})
            .replaceFirst(",7,", ",x,")));
    Fixtures.write(in, "japan-customs/port_imp_2025.csv", lines(
        SampleRows.japanHeader(true, true),
        SampleRows.japanRow("2", "2025,100,'850511000',105", "KG", new long[] {4}, new long[] {60}),
        SampleRows.japanRow("2", "2025,200,'850511000',106", "KG", new long[] {5}, new long[] {50}),
        SampleRows.japanRow("2", "2025,300,'850511000',106", "KG", new long[] {6}, new long[] {70})));
    Fixtures.write(in, "china-customs/exports/202601.csv", lines(GACC_ZH,
        "\"85051110\",\"稀土永磁\",\"116\",\"日本\",\"10\",\"一般贸易\",\"1,000\",\"千克\",\"0\",\"?\",\"7,000\",",
        "\"85051110\",\"稀土永磁\",\"116\",\"日本\",\"14\",\"进料加工贸易\",\"500\",\"千克\",\"0\",\"?\",\"3,500\",",
        "\"85051110\",\"稀土永磁\",\"777\",\"某地\",\"10\",\"一般贸易\",\"5\",\"千克\",\"0\",\"?\",\"9\","),
        Fixtures.GB18030);
    Fixtures.write(in, "china-customs/exports/more_202601.csv", lines(GACC_ZH,
        "\"85051110\",\"稀土永磁\",\"116\",\"日本\",\"10\",\"一般贸易\",\"1,000\",\"千克\",\"0\",\"?\",\"7,000\","),
        Fixtures.GB18030);
    Fixtures.write(in, "china-customs/exports/janfeb.csv", lines(
        "\"Date of data\",\"Commodity code\",\"Trading partner code\",\"Quantity\",\"Unit\",\"US dollar\",",
        "\"202501-202502\",\"28053013\",\"116\",\"20\",\"Kilogram\",\"2,000\","), Fixtures.GB18030);
    Fixtures.write(in, "comtrade/README.md", "notes are ignored");
    Fixtures.write(in, "stray.dat", "not customs data");
    return in;
  }

  private RunContext context(Path in, Path warehouse) {
    TradecurbConfig config = TradecurbConfig.defaults().with("input", in.toString())
        .with("warehouse", warehouse.toString());
    return RunContext.start(spark(), config);
  }

  private List<Row> rows(Path warehouse, String table, String query) {
    Warehouses.table(spark(), warehouse, table).createOrReplaceTempView(table);
    return sql(query).collectAsList();
  }

  private static double rate(String currency, String month) {
    return org.tradecurb.normalize.ReferenceTable.load("fx_monthly.csv", java.util.Optional.empty()).rows().stream()
        .filter(r -> r.get(0).equals(month) && r.get(1).equals(currency))
        .mapToDouble(r -> Double.parseDouble(r.get(2))).findFirst().orElseThrow();
  }

  @Test
  void quirkyFilesLandReconciledThenARerunChangesNothingAndARevisionReplacesItsRows() {
    Path in = inputs();
    Path wh = newDir("wh");
    Pipeline.run(context(in, wh), List.of("ingest", "normalize"));

    Set<String> quarantined = rows(wh, "quarantine",
        "SELECT stage, source_file, source_line, reason_code FROM quarantine").stream()
        .map(r -> r.getString(0) + " " + r.getString(1) + ":" + r.get(2) + " " + r.getString(3))
        .collect(Collectors.toSet());
    Set<String> expected = Set.of(
        "ingest comtrade/chn_2025.tsv.gz:4 NEGATIVE_VALUE",
        "ingest comtrade/chn_2025.tsv.gz:6 BAD_CODE",
        "ingest japan-customs/imp_2025.csv:3 BAD_NUMBER",
        "ingest stray.dat:null UNKNOWN_FILE",
        "normalize china-customs/exports/202601.csv:4 UNMAPPED_COUNTRY",
        "normalize china-customs/exports/202601.csv:2 DUPLICATE_RECORD");
    assertEquals(expected, quarantined);

    List<Row> runs = rows(wh, "pipeline_runs", "SELECT stage, source, rows_read, rows_accepted, rows_quarantined, "
        + "rows_excluded, rows_written, status FROM pipeline_runs ORDER BY stage, source");
    assertEquals(List.of(
        "ingest china_customs 5 5 0 0 5 succeeded",
        "ingest comtrade 4 2 2 0 2 succeeded",
        "ingest japan_customs 5 4 1 0 4 succeeded",
        // china: 5 records: 2 regime rows summed into one flow, 1 duplicate, 1 unmapped, 1 Jan+Feb
        "normalize china_customs 5 3 2 0 2 succeeded",
        // comtrade: the totals row, and the mode-of-transport breakdown excluded
        "normalize comtrade 2 1 0 1 1 succeeded",
        // japan: 4 lines x 12 months; national CHN Jan-Mar, port TWN Jan (two ports summed); the rest are
        // months not yet published or port detail of the national CHN figure
        "normalize japan_customs 48 5 0 43 4 succeeded"),
        runs.stream().map(r -> r.mkString(" ")).toList());

    List<Row> flows = rows(wh, "trade_flows", "SELECT source, reporter_iso3, partner_iso3, flow, "
        + "CAST(period AS STRING), period_months, code, code_system, hs6, quantity, net_weight_kg, value, currency, "
        + "value_usd, valuation, detail_summed FROM trade_flows ORDER BY source, period, partner_iso3");
    assertEquals(7, flows.size());
    Row gaccJanFeb = flows.get(0);
    assertEquals("china_customs CHN JPN export 2025-01-01 2 28053013 CN8 280530 20.0 20.0 2000.0 USD 2000.0 FOB false",
        gaccJanFeb.mkString(" "));
    Row gaccMagnets = flows.get(1);
    assertEquals("china_customs CHN JPN export 2026-01-01 1 85051110 CN8 850511 1500.0 1500.0 10500.0 CNY",
        String.join(" ", java.util.Arrays.stream(new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12})
            .mapToObj(i -> String.valueOf(gaccMagnets.get(i))).toList()),
        "two regimes summed; the duplicate line counted once");
    assertEquals(10500.0 / rate("CNY", "2026-01"), gaccMagnets.getDouble(13), 1e-6);
    Assertions.assertTrue(gaccMagnets.getBoolean(15));
    assertEquals("comtrade CHN JPN export 2025-03-01 1 850511 HS6-H6 850511 10.0 10.0 1000.0 USD 1000.0 FOB false",
        flows.get(2).mkString(" "));
    Row japanJan = flows.get(3);
    assertEquals("JPN CHN import", japanJan.getString(1) + " " + japanJan.getString(2) + " " + japanJan.getString(3));
    assertEquals(100_000.0, japanJan.getDouble(11), "100 thousand yen");
    assertEquals(100_000.0 / rate("JPY", "2025-01"), japanJan.getDouble(13), 1e-6);
    assertEquals("CIF", japanJan.getString(14));
    Row japanTaiwan = flows.get(4);
    assertEquals("TWN", japanTaiwan.getString(2));
    assertEquals(120_000.0, japanTaiwan.getDouble(11), "ports 200 and 300 summed");
    Assertions.assertTrue(japanTaiwan.getBoolean(15));

    // The same warehouse again: a rerun changes nothing, a revision replaces exactly its file's rows.

    long bronzeVersion = Warehouses.version(spark(), wh, "japan_customs_raw");
    long flowsVersion = Warehouses.version(spark(), wh, "trade_flows");
    List<Row> before = rows(wh, "trade_flows", "SELECT * FROM trade_flows ORDER BY source, period, partner_iso3, code");

    Pipeline.run(context(in, wh), List.of("ingest", "normalize"));
    assertEquals(bronzeVersion, Warehouses.version(spark(), wh, "japan_customs_raw"), "no commit to bronze");
    assertEquals(flowsVersion, Warehouses.version(spark(), wh, "trade_flows"), "no commit to trade_flows");
    List<Row> skipped = rows(wh, "pipeline_runs", "SELECT DISTINCT status FROM pipeline_runs WHERE run_id = "
        + "(SELECT max(run_id) FROM pipeline_runs)");
    assertEquals(List.of("skipped"), skipped.stream().map(r -> r.getString(0)).toList());

    Fixtures.write(in, "japan-customs/imp_2025.csv", lines(
        SampleRows.japanHeader(false, true),
        SampleRows.japanRow("2", "2025,'850511000',105", "KG", new long[] {10, 20, 30}, new long[] {150, 200, 300})));
    Pipeline.run(context(in, wh), List.of("ingest", "normalize"));
    List<Row> bronze = rows(wh, "japan_customs_raw", "SELECT source_file, count(*) FROM japan_customs_raw "
        + "GROUP BY source_file ORDER BY source_file");
    assertEquals("[japan-customs/imp_2025.csv,1] [japan-customs/port_imp_2025.csv,3]",
        bronze.stream().map(Row::toString).collect(Collectors.joining(" ")));
    List<Row> jan = rows(wh, "trade_flows", "SELECT value FROM trade_flows WHERE source = 'japan_customs' "
        + "AND partner_iso3 = 'CHN' AND period = DATE'2025-01-01'");
    assertEquals(List.of(150_000.0), jan.stream().map(r -> r.getDouble(0)).toList());
    List<Row> after = rows(wh, "trade_flows", "SELECT * FROM trade_flows WHERE source <> 'japan_customs' "
        + "ORDER BY source, period, partner_iso3, code");
    assertEquals(before.stream().filter(r -> !r.getString(0).equals("japan_customs")).map(r -> r.mkString("|"))
        .toList(), after.stream().map(r -> r.mkString("|")).toList(), "other sources untouched");
    List<Row> ledger = rows(wh, "ingest_files", "SELECT revision FROM ingest_files "
        + "WHERE source_file = 'japan-customs/imp_2025.csv'");
    assertEquals("[2]", ledger.get(0).toString());
    List<Row> redone = rows(wh, "pipeline_runs", "SELECT source, message FROM pipeline_runs WHERE stage = 'normalize' "
        + "AND run_id = (SELECT max(run_id) FROM pipeline_runs) AND status = 'succeeded'");
    assertEquals("[japan_customs,years 2025 redone; excluded: detail_of_national_figure, month_not_yet_published]",
        redone.stream().map(Row::toString).collect(Collectors.joining()),
        "only the revised file's source-year is redone, found from the bronze table's Delta log");
    List<Row> quarantine = rows(wh, "quarantine", "SELECT count(*) FROM quarantine "
        + "WHERE source_file = 'japan-customs/imp_2025.csv'");
    assertEquals(0L, quarantine.get(0).getLong(0), "the revision fixed the bad line: its quarantine row is gone");

    Maintenance.run(context(in, wh), true, true, Maintenance.MIN_RETAIN_HOURS);
    List<String> operations = io.delta.tables.DeltaTable.forPath(spark(), wh.resolve("trade_flows").toString())
        .history(2).select("operation").collectAsList().stream().map(r -> r.getString(0)).toList();
    // OPTIMIZE commits only where there are small files to compact; one file per partition here.
    assertEquals(List.of("VACUUM END", "VACUUM START"), operations);
    assertEquals(after.size(), rows(wh, "trade_flows", "SELECT * FROM trade_flows WHERE source <> 'japan_customs'")
        .size(), "maintenance changes no data");
    TradecurbException unsafe = assertThrows(TradecurbException.class,
        () -> Maintenance.run(context(in, wh), false, true, 24));
    assertEquals(ExitCode.BAD_CONFIGURATION, unsafe.exitCode());
  }

  /**
   * Unreadable files are refused by name while the good ones land. With fail-fast the run stops there; by
   * default (the next run, on the same files) what landed is normalized, and the run still exits 3 naming the
   * refused files again.
   */
  @Test
  void unreadableFilesAreRefusedByNameWhileGoodFilesLandAndGoOnToTradeFlows() throws Exception {
    Path in = newDir("in");
    Fixtures.write(in, "japan-customs/good_2025.csv", lines(SampleRows.japanHeader(false, true),
        SampleRows.japanRow("2", "2025,'850511000',105", "KG", new long[] {1}, new long[] {1})));
    Fixtures.write(in, "japan-customs/wrong.csv", lines("HS,Country,Value", "850511000,105,1"));
    byte[] bad = (SampleRows.comtradeHeader(',') + "\n"
        + SampleRows.comtradeLine(SampleRows.comtradeTotals(), ',') + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
    // Neither UTF-8 (0xC3 0x28) nor Windows-1252 (0x81 is undefined there).
    byte[] undecodable = java.util.Arrays.copyOf(bad, bad.length + 4);
    undecodable[bad.length] = (byte) 0xC3;
    undecodable[bad.length + 1] = (byte) 0x28;
    undecodable[bad.length + 2] = (byte) 0x81;
    undecodable[bad.length + 3] = '\n';
    Fixtures.write(in, "comtrade/broken.csv", undecodable);
    // Saved from the Comtrade website: Windows-1252, a trailing comma on every data row.
    Fixtures.write(in, "comtrade/website_2025.csv", lines(SampleRows.comtradeHeader(','),
        SampleRows.comtradeLine(SampleRows.comtrade("partnerCode", "384", "partnerDesc", "C\u00f4te d'Ivoire"), ',')
            + ","), java.nio.charset.Charset.forName("windows-1252"));
    // Not data at all, under data files' names.
    Fixtures.write(in, "comtrade/error_page.csv", lines("<!DOCTYPE html>", "<html><body>Service unavailable</body></html>"));
    Fixtures.write(in, "comtrade/api_answer.csv", "{\"elapsedTime\":\"0.1 secs\",\"count\":0,\"data\":[]}\n");
    // A spreadsheet (a zip) renamed .csv.
    Fixtures.write(in, "japan-customs/workbook.csv", new byte[] {'P', 'K', 3, 4, 20, 0, 6, 0, 8, 0, 0, 0, 33, 0, '\n'});
    // A download cut short: a gzip stream without its end.
    Path whole = Fixtures.writeGzip(in, "comtrade/cut_2025.tsv.gz", lines(SampleRows.comtradeHeader('\t'),
        SampleRows.comtradeLine(SampleRows.comtradeTotals(), '\t')));
    byte[] gz = java.nio.file.Files.readAllBytes(whole);
    Fixtures.write(in, "comtrade/cut_2025.tsv.gz", java.util.Arrays.copyOf(gz, gz.length - 12));
    // A query export cut at the web's row cap, named by its folder (in any case) rather than its file name.
    List<String> capped = new java.util.ArrayList<>(List.of(GACC_ZH));
    for (int i = 0; i < org.tradecurb.ingest.ChinaCustomsFormat.WEB_EXPORT_ROW_CAP; i++) {
      capped.add("\"85051110\",\"稀土永磁\",\"" + (101 + i % 100) + "\",\"x\",\"10\",\"一般贸易\",\"" + i
          + "\",\"千克\",\"0\",\"?\",\"7\",");
    }
    Fixtures.write(in, "china-customs/Exports/2026-01/query.csv", lines(capped.toArray(new String[0])),
        Fixtures.GB18030);
    Path wh = newDir("wh");
    TradecurbException e = assertThrows(TradecurbException.class, () -> Pipeline.run(RunContext.start(spark(),
        TradecurbConfig.defaults().with("input", in.toString()).with("warehouse", wh.toString())
            .with("ingest.fail-fast", true)), List.of("ingest", "normalize")));
    assertEquals(ExitCode.UNREADABLE_INPUT, e.exitCode());
    Assertions.assertTrue(e.getMessage().contains("comtrade/cut_2025.tsv.gz"), e.getMessage());
    for (String expected : List.of("comtrade/error_page.csv line 1: an HTML or XML page",
        "comtrade/api_answer.csv line 1: a JSON document", "japan-customs/workbook.csv line 1: binary content")) {
      Assertions.assertTrue(e.getMessage().contains(expected), expected + " in: " + e.getMessage());
    }
    Assertions.assertTrue(e.getMessage().contains("japan-customs/wrong.csv line 1: expected a Trade Statistics of Japan header"),
        e.getMessage());
    Assertions.assertTrue(e.getMessage().contains(
        "comtrade/broken.csv line 3: bytes are not valid windows-1252 (nor UTF-8, from line 3)"), e.getMessage());
    assertEquals("[comtrade/website_2025.csv,C\u00f4te d'Ivoire,windows-1252]", rows(wh, "comtrade_raw",
        "SELECT r.source_file, r.partnerDesc, f.charset FROM comtrade_raw r JOIN delta.`" + wh.resolve("ingest_files")
        + "` f USING (source_file)").stream().map(Row::toString).collect(Collectors.joining()),
        "the website CSV lands with its names intact, read as Windows-1252");
    List<Row> bronze = rows(wh, "japan_customs_raw", "SELECT DISTINCT source_file FROM japan_customs_raw");
    assertEquals("[japan-customs/good_2025.csv]", bronze.stream().map(Row::toString).collect(Collectors.joining()));
    List<Row> capLedger = rows(wh, "ingest_files", "SELECT rows_accepted, warning FROM ingest_files "
        + "WHERE source_file = 'china-customs/Exports/2026-01/query.csv'");
    assertEquals(10_000L, capLedger.get(0).getLong(0), "the capped file's rows all land");
    Assertions.assertTrue(capLedger.get(0).getString(1).contains("probably cut off"), capLedger.get(0).getString(1));
    assertEquals(1L, rows(wh, "china_customs_raw", "SELECT count(DISTINCT period) FROM china_customs_raw "
        + "WHERE period = '202601'").get(0).getLong(0), "the period comes from the folder");
    List<Row> failed = rows(wh, "pipeline_runs", "SELECT DISTINCT stage, status, exit_code FROM pipeline_runs");
    assertEquals("[ingest,partial,3]", failed.stream().map(Row::toString).collect(Collectors.joining()),
        "fail-fast: normalize did not run");
    Assertions.assertTrue(Warehouses.table(spark(), wh, "quarantine")
        .where("source_file IN ('comtrade/broken.csv', 'comtrade/cut_2025.tsv.gz')").isEmpty(),
        "nothing of the refused files lands");

    TradecurbException again = assertThrows(TradecurbException.class,
        () -> Pipeline.run(context(in, wh), List.of("ingest", "normalize")));
    assertEquals(ExitCode.UNREADABLE_INPUT, again.exitCode());
    Assertions.assertTrue(again.getMessage().contains("comtrade/cut_2025.tsv.gz")
        && again.getMessage().contains("japan-customs/wrong.csv"), "refused again, by name: " + again.getMessage());
    assertEquals(List.of("japan_customs 2025"), rows(wh, "trade_flows", "SELECT DISTINCT concat(source, ' ', "
        + "year(period)) FROM trade_flows WHERE source = 'japan_customs'").stream().map(r -> r.getString(0))
        .toList(), "what landed went on to trade_flows");
    assertEquals(List.of("ingest partial 3", "normalize succeeded 0"), rows(wh, "pipeline_runs",
        "SELECT DISTINCT concat_ws(' ', stage, status, coalesce(cast(exit_code AS string), 'null')) FROM "
        + "pipeline_runs WHERE run_id = (SELECT max_by(run_id, finished_at) FROM pipeline_runs) ORDER BY 1")
        .stream().map(r -> r.getString(0)).toList());
  }

  @Test
  void inMetastoreModeTablesAreRegisteredAsDatabaseTablesUnderTheWarehouse() {
    Path in = newDir("in");
    Fixtures.write(in, "japan-customs/imp_2025.csv", lines(SampleRows.japanHeader(false, true),
        SampleRows.japanRow("2", "2025,'850511000',105", "KG", new long[] {1}, new long[] {1})));
    Path wh = newDir("wh");
    TradecurbConfig config = TradecurbConfig.defaults().with("input", in.toString())
        .with("warehouse", wh.toString()).with("catalog.mode", "metastore").with("catalog.database", "tc_meta");
    Pipeline.run(RunContext.start(spark(), config), List.of("ingest"));
    Assertions.assertTrue(spark().catalog().tableExists("tc_meta", "japan_customs_raw"));
    assertEquals(1L, sql("SELECT count(*) FROM tc_meta.japan_customs_raw").first().getLong(0));
    Assertions.assertTrue(spark().catalog().tableExists("tc_meta", "pipeline_runs"));
    Assertions.assertTrue(java.nio.file.Files.isDirectory(wh.resolve("japan_customs_raw/_delta_log")),
        "the data lives under the warehouse path");
  }
}
