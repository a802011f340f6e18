package org.tradecurb.normalize;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Date;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;
import org.tradecurb.SparkTestBase;

/**
 * Normalize's rules on typed records written out by hand: which record is accepted, excluded or
 * quarantined and why, and what the accepted ones sum to in trade_flows.
 */
class TradeFlowsTest extends SparkTestBase {

  private static final Timestamp EARLY = Timestamp.valueOf("2026-01-01 00:00:00");
  private static final Timestamp LATE = Timestamp.valueOf("2026-02-01 00:00:00");

  /** A record as SourceRecords produces it: only the fields a rule reads vary. */
  private static Row record(String source, String file, long line, Timestamp ingested, String reporter,
      String partner, String month, String code, Double quantity, double value, String currency, String key,
      String breakdown, String exclusion, String reject) {
    Date period = Date.valueOf(month + "-01");
    String system = source.equals("comtrade") ? "HS6-H6" : source.equals("japan_customs") ? "JP9" : "CN8";
    return RowFactory.create(source, file, line, ingested, 2025, "raw " + file + ":" + line, reporter, partner,
        "export", reject == null ? period : null, 1, code, system, "HS2022", quantity, quantity == null ? null : "kg",
        quantity, value, currency, "FOB", key, breakdown, exclusion, reject, reject == null ? null : reject + " here");
  }

  private static Row row(Object... values) {
    return RowFactory.create(values);
  }

  private Dataset<Row> classified(List<Row> records) {
    Dataset<Row> partners = spark().createDataFrame(List.of(
        row("m49", "156", "CHN", "China"), row("m49", "392", "JPN", "Japan"),
        row("gacc", "116", "JPN", "Japan"), row("japan", "105", "CHN", "China")), PartnerCrosswalk.SCHEMA);
    Dataset<Row> fx = spark().createDataFrame(List.of(
        row("JPY", Date.valueOf("2025-01-01"), 1, 150.0, "approximate"),
        row("JPY", Date.valueOf("2025-02-01"), 1, 160.0, "approximate"),
        row("CNY", Date.valueOf("2025-03-01"), 1, 7.0, "provisional")), FxRates.SCHEMA);
    Dataset<Row> typed = spark().createDataFrame(records, SourceRecords.SCHEMA);
    Dataset<Row> japan = TradeFlows.withLastPublished(typed.where("source = 'japan_customs'"));
    return TradeFlows.classify(TradeFlows.allPublished(typed.where("source <> 'japan_customs'")).unionByName(japan),
        partners, fx);
  }

  @Test
  void everyRecordGetsOneDispositionAndTheReasonOfTheFirstRuleItBreaks() {
    List<Row> records = new ArrayList<>(List.of(
        record("comtrade", "c.tsv", 2, EARLY, "156", "392", "2025-03", "850511", 10.0, 1000, "USD", "c1", null,
            null, null),
        record("comtrade", "c.tsv", 3, EARLY, "156", "392", "2025-03", "850511", 4.0, 400, "USD", "c2", null,
            "breakdown_row", null),
        record("comtrade", "c.tsv", 4, EARLY, "156", "392", "2025-03", "850511", null, 0, "USD", null, null, null,
            "BAD_NUMBER"),
        record("comtrade", "c.tsv", 5, EARLY, "156", "999", "2025-03", "850511", 1.0, 5, "USD", "c3", null, null,
            null),
        // The same record in two files: the later ingest is kept, the other is a duplicate.
        record("china_customs", "old.csv", 2, EARLY, "CHN", "116", "2025-03", "85051110", 100.0, 700, "CNY", "k1",
            null, null, null),
        record("china_customs", "new.csv", 2, LATE, "CHN", "116", "2025-03", "85051110", 100.0, 700, "CNY", "k1",
            null, null, null),
        // Regime detail without a national figure: both kept, summed below.
        record("china_customs", "regimes.csv", 2, EARLY, "CHN", "116", "2025-03", "85051120", 10.0, 70, "CNY",
            "r10", "regime=10", null, null),
        record("china_customs", "regimes.csv", 3, EARLY, "CHN", "116", "2025-03", "85051120", 20.0, 140, "CNY",
            "r14", "regime=14", null, null),
        // Port detail of a figure the national file also has.
        record("japan_customs", "nat.csv", 2, EARLY, "JPN", "105", "2025-01", "850511000", 3.0, 300_000, "JPY",
            "j1", null, null, null),
        record("japan_customs", "port.csv", 2, EARLY, "JPN", "105", "2025-01", "850511000", 1.0, 100_000, "JPY",
            "p1", "custom=100", null, null),
        // February in the national file is blank-zero after January, its last published month.
        record("japan_customs", "nat.csv", 2, EARLY, "JPN", "105", "2025-02", "850511000", 0.0, 0, "JPY",
            "j2", null, null, null),
        // A month without a CNY rate.
        record("china_customs", "new.csv", 3, LATE, "CHN", "116", "2025-04", "85051110", 1.0, 7, "CNY", "k2",
            null, null, null)));

    Map<String, String> outcome = new TreeMap<>();
    for (Row r : classified(records).select("source_file", "source_line", "period", "disposition", "reason_code")
        .collectAsList()) {
      outcome.put(r.getString(0) + ":" + r.getLong(1) + " " + r.get(2), r.getString(3) + " " + r.getString(4));
    }
    assertEquals(Map.ofEntries(
        Map.entry("c.tsv:2 2025-03-01", "accepted null"),
        Map.entry("c.tsv:3 2025-03-01", "excluded breakdown_row"),
        Map.entry("c.tsv:4 null", "quarantined BAD_NUMBER"),
        Map.entry("c.tsv:5 2025-03-01", "quarantined UNMAPPED_COUNTRY"),
        Map.entry("old.csv:2 2025-03-01", "quarantined DUPLICATE_RECORD"),
        Map.entry("new.csv:2 2025-03-01", "accepted null"),
        Map.entry("regimes.csv:2 2025-03-01", "accepted null"),
        Map.entry("regimes.csv:3 2025-03-01", "accepted null"),
        Map.entry("nat.csv:2 2025-01-01", "accepted null"),
        Map.entry("port.csv:2 2025-01-01", "excluded detail_of_national_figure"),
        Map.entry("nat.csv:2 2025-02-01", "excluded month_not_yet_published"),
        Map.entry("new.csv:3 2025-04-01", "quarantined NO_FX_RATE")), outcome);

    Row duplicate = classified(records).where("source_file = 'old.csv'").select("reason_message").first();
    assertEquals("same record as new.csv line 2 (key k1)", duplicate.getString(0));
  }

  @Test
  void acceptedRecordsSumToTheTradeFlowsGrainInUsd() {
    List<Row> records = List.of(
        record("china_customs", "regimes.csv", 2, EARLY, "CHN", "116", "2025-03", "85051120", 10.0, 70, "CNY",
            "r10", "regime=10", null, null),
        record("china_customs", "regimes.csv", 3, EARLY, "CHN", "116", "2025-03", "85051120", 20.0, 140, "CNY",
            "r14", "regime=14", null, null),
        record("japan_customs", "nat.csv", 2, EARLY, "JPN", "105", "2025-01", "850511000", 3.0, 300_000, "JPY",
            "j1", null, null, null));
    List<String> flows = TradeFlows.aggregate(classified(records), "run-1")
        .selectExpr("concat_ws(' ', source, reporter_iso3, partner_iso3, flow, period, code, hs6, quantity, value, "
            + "currency, round(value_usd, 6), usd_rate, fx_quality, detail_summed, source_records, year, "
            + "array_join(source_files, '|'), normalized_run_id)")
        .orderBy("source").collectAsList().stream().map(r -> r.getString(0)).toList();
    assertEquals(List.of(
        "china_customs CHN JPN export 2025-03-01 85051120 850511 30.0 210.0 CNY 30.0 7.0 provisional true 2 2025 "
            + "regimes.csv run-1",
        "japan_customs JPN CHN export 2025-01-01 850511000 850511 3.0 300000.0 JPY 2000.0 150.0 approximate false 1 "
            + "2025 nat.csv run-1"), flows);
  }
}
