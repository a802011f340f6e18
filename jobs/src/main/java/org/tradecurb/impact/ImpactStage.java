package org.tradecurb.impact;

import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Observation;
import org.apache.spark.sql.Row;
import org.tradecurb.pipeline.Fingerprint;
import org.tradecurb.pipeline.RunContext;
import org.tradecurb.pipeline.Stage;
import org.tradecurb.pipeline.StageResult;
import org.tradecurb.quality.PipelineRuns;
import org.tradecurb.spark.Parallel;
import org.tradecurb.spark.TableSpec;
import org.tradecurb.spark.TableVersion;
import org.tradecurb.spark.Warehouse;
import org.tradecurb.tag.CurbEvent;
import org.tradecurb.tag.DualUseCatalog;
import org.tradecurb.tag.DualUseTagger;

/**
 * Impact: trade_flows_tagged → the gold tables analysts read (monthly_flows, curb_impact, event_study,
 * curb_estimates, placebo_tests, mirror_flows, mirror_flows_by_category, diversion, source_comparison). They
 * are small aggregates, so each run rebuilds them whole, one commit per table, side by side — and only when the
 * tagged flows, the events, the catalogue's instruments or the settings changed since the last run.
 */
public final class ImpactStage implements Stage {

  public static final String NAME = "impact";

  public static final List<TableSpec> TABLES = List.of(MonthlyFlows.TABLE, CurbImpact.TABLE, EventStudy.TABLE,
      CurbEstimates.TABLE, PlaceboTests.TABLE, MirrorFlows.BY_HS6, MirrorFlows.BY_CATEGORY, Diversion.TABLE,
      SourceSelection.COMPARISON);

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<TableSpec> tables() {
    return TABLES;
  }

  @Override
  public StageResult run(RunContext run) {
    Warehouse warehouse = run.warehouse();
    ImpactSettings settings = ImpactSettings.from(run.config());
    List<CurbEvent> events = CurbEvent.fromConfig(run.config());
    Map<String, java.util.Set<String>> instrumentCategories = DualUseCatalog.load(run.config()).instrumentCategories();
    Map<String, String> consumed = new TreeMap<>();
    Optional<TableVersion> tagged = warehouse.version(DualUseTagger.TABLE);
    if (tagged.isEmpty()) {
      return StageResult.skipped(NAME, "trade_flows_tagged does not exist yet", consumed);
    }
    consumed.put(DualUseTagger.TABLE.name(), tagged.get().toString());
    consumed.put("settings", Fingerprint.of(settings));
    consumed.put("events", Fingerprint.of(events));
    Map<String, TreeSet<String>> sorted = new TreeMap<>();
    instrumentCategories.forEach((k, v) -> sorted.put(k, new TreeSet<>(v)));
    consumed.put("catalog_instruments", Fingerprint.of(sorted));
    // A gold table recreated since (dropped, or a new layout) is rebuilt with the others.
    for (TableSpec t : TABLES) {
      consumed.put(t.name(), warehouse.tableId(t));
    }
    if (consumed.equals(run.lastConsumed(NAME))) {
      return StageResult.skipped(NAME, "tagged flows, events and settings unchanged since the last impact run",
          consumed);
    }

    Observation read = new Observation("impact-read-" + run.runId());
    ImpactModel model = ImpactModel.build(run.spark(), warehouse.read(DualUseTagger.TABLE, tagged.get())
        .observe(read, count(lit(1)).as("rows")), events, settings, instrumentCategories);
    try {
      run.step(NAME, "aggregate the tagged flows by route, month and source", () -> model.base().count(), n -> n);
      run.step(NAME, "measure " + events.size() + " events", () -> model.impact().count(), n -> n);
      Map<TableSpec, Supplier<Dataset<Row>>> outputs = model.tables();
      List<TableSpec> order = new ArrayList<>(outputs.keySet());
      Map<String, Long> written = new ConcurrentHashMap<>();
      Parallel.run(order.size(), i -> {
        TableSpec table = order.get(i);
        written.put(table.name(), run.step(NAME, "write " + table.name(),
            () -> warehouse.replace(table, outputs.get(table).get(), "true", run.runId()), Warehouse.Written::rows)
            .rows());
      });
      // The tables written into, which their first writes may have created.
      TABLES.forEach(t -> consumed.put(t.name(), warehouse.tableId(t)));
      PipelineRuns.Entry entry = new PipelineRuns.Entry(NAME, "all");
      entry.read = ((Number) Warehouse.observed(read).get("rows")).longValue();
      entry.accepted = entry.read;
      entry.written = written.values().stream().mapToLong(Long::longValue).sum();
      entry.message = String.join(", ", order.stream().map(t -> t.name() + " " + written.get(t.name())).toList())
          + " rows; " + events.size() + " events";
      return StageResult.of(NAME, List.of(entry), consumed);
    } finally {
      model.release();
    }
  }
}
