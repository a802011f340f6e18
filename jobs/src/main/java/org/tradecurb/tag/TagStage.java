package org.tradecurb.tag;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.year;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.tradecurb.TradecurbException;
import org.tradecurb.normalize.TradeFlows;
import org.tradecurb.pipeline.RunContext;
import org.tradecurb.pipeline.Stage;
import org.tradecurb.quality.PipelineRuns;
import org.tradecurb.spark.Warehouse;

/**
 * Tag: writes the catalogue and events tables, then trade_flows_tagged. Only source-years whose trade_flows
 * rows changed since they were last tagged are redone; a new catalogue version redoes everything.
 */
public final class TagStage implements Stage {

  public static final String NAME = "tag";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public void run(RunContext run) {
    long started = System.currentTimeMillis();
    Warehouse warehouse = run.warehouse();
    DualUseCatalog catalog = DualUseCatalog.load(run.config());
    List<CurbEvent> events = CurbEvent.fromConfig(run.config());
    checkEventInstruments(events, catalog);
    run.describe(NAME, "write catalogue and events");
    if (!catalog.version().equals(storedCatalogVersion(warehouse))) {
      warehouse.replace(DualUseCatalog.TABLE, catalog.toDataset(run.spark()), "true", run.runId());
    }
    Dataset<Row> eventRows = CurbEvent.toDataset(run.spark(), events);
    if (!warehouse.exists(CurbEvent.TABLE) || !sameRows(warehouse.read(CurbEvent.TABLE), eventRows)) {
      warehouse.replace(CurbEvent.TABLE, eventRows, "true", run.runId());
    }

    if (!warehouse.exists(TradeFlows.TABLE)) {
      run.recordSkipped(NAME, started, "trade_flows does not exist yet");
      return;
    }
    Set<String> stale = staleSourceYears(warehouse, catalog.version());
    if (stale.isEmpty()) {
      run.recordSkipped(NAME, started, "trade_flows unchanged since the last tag run");
      return;
    }
    PipelineRuns.Entry entry = new PipelineRuns.Entry(NAME, "all");
    String condition = "(" + stale.stream().map(sy -> {
      String[] p = sy.split("\\|");
      int y = Integer.parseInt(p[1]);
      return "(source = " + Warehouse.literal(p[0]) + " AND period >= DATE'" + LocalDate.of(y, 1, 1)
          + "' AND period < DATE'" + LocalDate.of(y + 1, 1, 1) + "')";
    }).collect(Collectors.joining(" OR ")) + ")";
    run.describe(NAME, "tag " + stale.size() + " source-years");
    Dataset<Row> flows = warehouse.read(TradeFlows.TABLE).where(condition);
    Dataset<Row> matches = DualUseTagger.codeMatches(flows,
        DualUseTagger.catalogKeys(run.spark(), catalog), DualUseTagger.hs2017To2022());
    warehouse.replace(DualUseTagger.TABLE, DualUseTagger.tag(flows, matches, catalog.version(), run.runId()),
        condition, run.runId());
    List<Row> counts = warehouse.read(DualUseTagger.TABLE)
        .where("tagged_run_id = " + Warehouse.literal(run.runId()))
        .groupBy().agg(org.apache.spark.sql.functions.count("*"),
            org.apache.spark.sql.functions.sum(org.apache.spark.sql.functions.col("dual_use").cast("long")))
        .collectAsList();
    entry.read = warehouse.count(TradeFlows.TABLE, condition);
    entry.accepted = entry.read;
    entry.written = counts.get(0).getLong(0);
    entry.message = stale.size() + " source-year(s) tagged; " + (counts.get(0).isNullAt(1) ? 0 : counts.get(0).getLong(1))
        + " dual-use rows; catalogue " + catalog.version().substring(0, 12);
    if (entry.written != entry.read) {
      entry.status = "failed";
      entry.exitCode = org.tradecurb.ExitCode.RECONCILIATION_FAILED.code;
      run.record(started, List.of(entry));
      throw new TradecurbException(org.tradecurb.ExitCode.RECONCILIATION_FAILED,
          "tag wrote " + entry.written + " rows for " + entry.read + " trade_flows rows").recorded();
    }
    run.record(started, List.of(entry));
  }

  /** Small tables only: both sides are collected. */
  private static boolean sameRows(Dataset<Row> stored, Dataset<Row> fresh) {
    java.util.Set<String> a = new java.util.HashSet<>();
    stored.collectAsList().forEach(r -> a.add(r.toString()));
    java.util.Set<String> b = new java.util.HashSet<>();
    fresh.collectAsList().forEach(r -> b.add(r.toString()));
    return a.equals(b);
  }

  private static void checkEventInstruments(List<CurbEvent> events, DualUseCatalog catalog) {
    List<String> known = catalog.instruments();
    for (CurbEvent e : events) {
      for (String instrument : e.instruments()) {
        if (!instrument.equals(CurbEvent.WHOLE_CATALOGUE) && !known.contains(instrument)) {
          throw TradecurbException.badConfig("event " + e.id() + " binds instrument '" + instrument
              + "', which the catalogue does not list (known: " + String.join(", ", known) + ")");
        }
      }
    }
  }

  private static String storedCatalogVersion(Warehouse warehouse) {
    if (!warehouse.exists(DualUseCatalog.TABLE)) {
      return null;
    }
    List<Row> v = warehouse.read(DualUseCatalog.TABLE).select("catalog_version").limit(1).collectAsList();
    return v.isEmpty() ? null : v.get(0).getString(0);
  }

  /**
   * Source-years to (re)tag: those where the normalize runs behind trade_flows differ from those behind
   * trade_flows_tagged (new, revised or removed figures), or tagged with another catalogue version.
   */
  private static Set<String> staleSourceYears(Warehouse warehouse, String catalogVersion) {
    Dataset<Row> flows = warehouse.read(TradeFlows.TABLE)
        .select(col("source"), year(col("period")).as("y"), col("normalized_run_id")).distinct();
    Set<String> stale = new TreeSet<>();
    if (!warehouse.exists(DualUseTagger.TABLE)) {
      flows.select("source", "y").distinct().collectAsList().forEach(r -> stale.add(r.getString(0) + "|" + r.getInt(1)));
      return stale;
    }
    Dataset<Row> tagged = warehouse.read(DualUseTagger.TABLE)
        .where(col("catalog_version").equalTo(catalogVersion))
        .select(col("source"), year(col("period")).as("y"), col("normalized_run_id")).distinct();
    Dataset<Row> taggedAll = warehouse.read(DualUseTagger.TABLE)
        .select(col("source"), year(col("period")).as("y"), col("normalized_run_id")).distinct();
    for (Row r : flows.except(tagged).union(taggedAll.except(flows)).select("source", "y").distinct()
        .collectAsList()) {
      stale.add(r.getString(0) + "|" + r.getInt(1));
    }
    return stale;
  }
}
