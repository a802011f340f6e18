package org.tradecurb.normalize;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.storage.StorageLevel;
import org.tradecurb.ExitCode;
import org.tradecurb.TradecurbException;
import org.tradecurb.ingest.BronzeTables;
import org.tradecurb.ingest.IngestLedger;
import org.tradecurb.ingest.Source;
import org.tradecurb.pipeline.RunContext;
import org.tradecurb.pipeline.Stage;
import org.tradecurb.quality.PipelineRuns;
import org.tradecurb.quality.Quarantine;
import org.tradecurb.spark.Warehouse;

/**
 * Normalize: bronze → trade_flows. Redoes exactly the source-years that newly ingested files touch (a
 * revised file's old years included), replacing them in one commit per source so reruns never duplicate.
 */
public final class NormalizeStage implements Stage {

  public static final String NAME = "normalize";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public void run(RunContext run) {
    long started = System.currentTimeMillis();
    Warehouse warehouse = run.warehouse();
    Map<Source, Set<Integer>> pending = pendingYears(warehouse);
    if (pending.isEmpty()) {
      run.recordSkipped(NAME, started, "no newly ingested files");
      return;
    }
    List<PipelineRuns.Entry> entries = new ArrayList<>();
    Dataset<Row> partners = PartnerCrosswalk.toDataset(run.spark(), PartnerCrosswalk.load(run.config()));
    Dataset<Row> fx = FxRates.toDataset(run.spark(), FxRates.load(run.config()));
    entries.addAll(normalize(run, pending, partners, fx));
    List<String> unreconciled = entries.stream().filter(en -> !en.reconciles())
        .map(en -> en.source + " (" + en.countsText() + ")").toList();
    if (!unreconciled.isEmpty()) {
      String message = "normalize counts do not reconcile: " + String.join("; ", unreconciled);
      entries.forEach(en -> {
        en.status = "failed";
        en.exitCode = ExitCode.RECONCILIATION_FAILED.code;
        en.message = message;
      });
      run.record(started, entries);
      throw new TradecurbException(ExitCode.RECONCILIATION_FAILED, message).recorded();
    }
    markNormalized(run, pending.keySet());
    run.record(started, entries);
  }

  /** Source-years of ledger entries that no normalize run has folded in yet. */
  private static Map<Source, Set<Integer>> pendingYears(Warehouse warehouse) {
    Map<Source, Set<Integer>> years = new EnumMap<>(Source.class);
    if (!warehouse.exists(IngestLedger.TABLE)) {
      return years;
    }
    List<Row> rows = warehouse.read(IngestLedger.TABLE)
        .where(col("normalized_run_id").isNull())
        .select(col("source"), functions.explode(col("ref_years")).as("year"))
        .distinct()
        .collectAsList();
    for (Row r : rows) {
      years.computeIfAbsent(Source.fromId(r.getString(0)), s -> new TreeSet<>()).add(r.getInt(1));
    }
    return years;
  }

  /** SQL condition selecting the pending source-years by period (trade_flows) or ref_year (quarantine). */
  private static String pendingCondition(Map<Source, Set<Integer>> pending, boolean byPeriod) {
    return "(" + pending.entrySet().stream().map(e -> {
      String years = byPeriod
          ? e.getValue().stream().map(y -> "(period >= DATE'" + LocalDate.of(y, 1, 1) + "' AND period < DATE'"
              + LocalDate.of(y + 1, 1, 1) + "')").collect(Collectors.joining(" OR "))
          : "ref_year IN (" + e.getValue().stream().map(String::valueOf).collect(Collectors.joining(", ")) + ")";
      return "(source = " + Warehouse.literal(e.getKey().id) + " AND (" + years + "))";
    }).collect(Collectors.joining(" OR ")) + ")";
  }

  /** All pending source-years in one pass: one classification, one trade_flows commit, one quarantine commit. */
  private static List<PipelineRuns.Entry> normalize(RunContext run, Map<Source, Set<Integer>> pending,
      Dataset<Row> partners, Dataset<Row> fx) {
    Warehouse warehouse = run.warehouse();
    Dataset<Row> records = null;
    for (Map.Entry<Source, Set<Integer>> e : pending.entrySet()) {
      Dataset<Row> bronze = warehouse.read(BronzeTables.of(e.getKey()))
          .where(col("ref_year").isin(e.getValue().toArray()));
      Dataset<Row> typed = SourceRecords.fromBronze(bronze, e.getKey());
      records = records == null ? typed : records.unionByName(typed);
    }
    run.describe(NAME, "classify records of " + pending);
    Dataset<Row> classified = TradeFlows.classify(records, partners, fx).persist(StorageLevel.MEMORY_AND_DISK());
    try {
      Map<String, PipelineRuns.Entry> bySource = new java.util.LinkedHashMap<>();
      pending.forEach((source, years) -> {
        PipelineRuns.Entry entry = new PipelineRuns.Entry(NAME, source.id);
        entry.message = "years " + years.stream().map(String::valueOf).collect(Collectors.joining(", "))
            + " redone";
        bySource.put(source.id, entry);
      });
      for (Row r : classified.groupBy("source", "disposition").count().collectAsList()) {
        PipelineRuns.Entry entry = bySource.get(r.getString(0));
        long n = r.getLong(2);
        entry.read += n;
        switch (r.getString(1)) {
          case TradeFlows.ACCEPTED -> entry.accepted = n;
          case TradeFlows.QUARANTINED -> entry.quarantined = n;
          default -> entry.excluded += n;
        }
      }
      run.describe(NAME, "write trade_flows");
      String inPending = pendingCondition(pending, true);
      warehouse.replace(TradeFlows.TABLE, TradeFlows.aggregate(classified, run.runId()), inPending, run.runId());
      for (Row r : warehouse.read(TradeFlows.TABLE)
          .where("normalized_run_id = " + Warehouse.literal(run.runId()) + " AND " + inPending)
          .groupBy("source").count().collectAsList()) {
        bySource.get(r.getString(0)).written = r.getLong(1);
      }
      run.describe(NAME, "quarantine refused records");
      Dataset<Row> refused = classified.where(col("disposition").equalTo(TradeFlows.QUARANTINED)).select(
          lit(NAME).as("stage"), col("source"), col("source_file"), col("source_line"), col("raw_line"),
          col("reason_code"), col("reason_message"), col("ref_year"), lit(run.runId()).as("run_id"),
          lit(run.startedTimestamp()).as("quarantined_at"));
      warehouse.replace(Quarantine.TABLE, refused,
          "stage = 'normalize' AND " + pendingCondition(pending, false), run.runId());
      return new ArrayList<>(bySource.values());
    } finally {
      classified.unpersist();
    }
  }

  private static void markNormalized(RunContext run, Set<Source> sources) {
    String list = sources.stream().map(s -> Warehouse.literal(s.id)).collect(Collectors.joining(", "));
    run.spark().sql("UPDATE " + run.warehouse().identifier(IngestLedger.TABLE) + " SET normalized_run_id = "
        + Warehouse.literal(run.runId()) + " WHERE normalized_run_id IS NULL AND source IN (" + list + ")");
  }
}
