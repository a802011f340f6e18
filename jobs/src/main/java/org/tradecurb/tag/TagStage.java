package org.tradecurb.tag;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Observation;
import org.apache.spark.sql.Row;
import org.tradecurb.ExitCode;
import org.tradecurb.TradecurbException;
import org.tradecurb.normalize.TradeFlows;
import org.tradecurb.pipeline.Fingerprint;
import org.tradecurb.pipeline.RunContext;
import org.tradecurb.pipeline.Stage;
import org.tradecurb.pipeline.StageResult;
import org.tradecurb.quality.PipelineRuns;
import org.tradecurb.spark.Parallel;
import org.tradecurb.spark.TableSpec;
import org.tradecurb.spark.TableVersion;
import org.tradecurb.spark.Warehouse;

/**
 * Tag: writes the catalogue and events tables when they changed, then trade_flows_tagged. Only the
 * source-years whose trade_flows rows changed since the version it last consumed are redone; a new
 * catalogue version redoes everything.
 */
public final class TagStage implements Stage {

  public static final String NAME = "tag";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<TableSpec> tables() {
    return List.of(DualUseCatalog.TABLE, CurbEvent.TABLE, DualUseTagger.TABLE);
  }

  @Override
  public StageResult run(RunContext run) {
    Warehouse warehouse = run.warehouse();
    DualUseCatalog catalog = DualUseCatalog.load(run.config());
    List<CurbEvent> events = CurbEvent.fromConfig(run.config());
    checkEventInstruments(events, catalog);
    Map<String, String> last = run.lastConsumed(NAME);
    Map<String, String> consumed = new TreeMap<>();
    consumed.put("catalog", catalog.version());
    consumed.put("events", Fingerprint.of(events));
    // The three tables' commits are independent: made side by side.
    List<Runnable> writes = new ArrayList<>();
    if (!catalog.version().equals(last.get("catalog")) || warehouse.createdEmpty(DualUseCatalog.TABLE)) {
      writes.add(() -> run.step(NAME, "write dual_use_catalog", () -> warehouse.replace(DualUseCatalog.TABLE,
          catalog.toDataset(run.spark()), "true", run.runId()), Warehouse.Written::rows));
    }
    if (!consumed.get("events").equals(last.get("events")) || warehouse.createdEmpty(CurbEvent.TABLE)) {
      writes.add(() -> run.step(NAME, "write curb_events", () -> warehouse.replace(CurbEvent.TABLE,
          CurbEvent.toDataset(run.spark(), events), "true", run.runId()), Warehouse.Written::rows));
    }

    Optional<TableVersion> flows = warehouse.version(TradeFlows.TABLE);
    String taggedId = warehouse.tableId(DualUseTagger.TABLE);
    consumed.put(DualUseTagger.TABLE.name(), taggedId);
    if (flows.isEmpty()) {
      runAll(writes);
      return StageResult.skipped(NAME, "trade_flows does not exist yet", consumed);
    }
    consumed.put(TradeFlows.TABLE.name(), flows.get().toString());
    boolean redoAll = !catalog.version().equals(last.get("catalog")) || !taggedId.equals(last.get(
        DualUseTagger.TABLE.name()));
    TableVersion since = redoAll ? null : TableVersion.parse(last.get(TradeFlows.TABLE.name())).orElse(null);
    Set<Map<String, String>> stale = warehouse.changedPartitions(TradeFlows.TABLE, since, flows.get())
        .orElseGet(() -> {
          Set<Map<String, String>> all = new HashSet<>(warehouse.partitions(TradeFlows.TABLE, flows.get()));
          warehouse.version(DualUseTagger.TABLE).ifPresent(v -> all.addAll(warehouse.partitions(DualUseTagger.TABLE, v)));
          return all;
        });
    if (stale.isEmpty()) {
      runAll(writes);
      return StageResult.skipped(NAME, "trade_flows unchanged since the last tag run", consumed);
    }
    String condition = "(" + stale.stream().map(p -> "(source = " + Warehouse.literal(p.get("source"))
        + " AND year = " + Integer.parseInt(p.get("year")) + ")").sorted().collect(Collectors.joining(" OR ")) + ")";
    Observation read = new Observation("tag-read-" + run.runId());
    Dataset<Row> input = warehouse.read(TradeFlows.TABLE, flows.get()).where(condition);
    Dataset<Row> matches = DualUseTagger.codeMatches(input, DualUseTagger.catalogKeys(run.spark(), catalog),
        DualUseTagger.hs2017To2022());
    Dataset<Row> tagged = DualUseTagger.tag(input.observe(read, count(lit(1)).as("rows")), matches,
        catalog.version(), run.runId());
    AtomicReference<Warehouse.Written> taggedWrite = new AtomicReference<>();
    writes.add(() -> taggedWrite.set(run.step(NAME, "tag " + stale.size() + " source-years",
        () -> warehouse.replace(DualUseTagger.TABLE, tagged, condition, run.runId(),
            sum(when(col("dual_use"), 1L).otherwise(0L)).as("dual_use")), Warehouse.Written::rows)));
    runAll(writes);
    Warehouse.Written written = taggedWrite.get();
    // The table written into, which its first write may have created.
    consumed.put(DualUseTagger.TABLE.name(), warehouse.tableId(DualUseTagger.TABLE));
    PipelineRuns.Entry entry = new PipelineRuns.Entry(NAME, "all");
    entry.read = ((Number) Warehouse.observed(read).get("rows")).longValue();
    entry.accepted = entry.read;
    entry.written = written.rows();
    entry.message = stale.size() + " source-year(s) tagged; " + written.count("dual_use") + " dual-use rows; "
        + "catalogue " + catalog.version().substring(0, 12);
    StageResult result = StageResult.of(NAME, List.of(entry), consumed);
    if (entry.written != entry.read) {
      return result.failedWith(new TradecurbException(ExitCode.RECONCILIATION_FAILED,
          "tag wrote " + entry.written + " rows for " + entry.read + " trade_flows rows"));
    }
    return result;
  }

  private static void runAll(List<Runnable> writes) {
    Parallel.run(writes.size(), i -> writes.get(i).run());
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
}
