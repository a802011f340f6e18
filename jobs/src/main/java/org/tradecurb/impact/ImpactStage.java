package org.tradecurb.impact;

import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.tradecurb.pipeline.RunContext;
import org.tradecurb.pipeline.Stage;
import org.tradecurb.quality.PipelineRuns;
import org.tradecurb.spark.TableSpec;
import org.tradecurb.spark.Warehouse;
import org.tradecurb.tag.CurbEvent;
import org.tradecurb.tag.DualUseCatalog;
import org.tradecurb.tag.DualUseTagger;

/**
 * Impact: trade_flows_tagged → the gold tables analysts read (monthly_flows, curb_impact, event_study,
 * mirror_flows, mirror_flows_by_category, diversion, source_comparison). They are small aggregates, so each
 * run rebuilds them whole, in one commit per table — and only when the tagged flows, the events or the
 * settings changed since the last run.
 */
public final class ImpactStage implements Stage {

  public static final String NAME = "impact";

  public static final List<TableSpec> TABLES = List.of(MonthlyFlows.TABLE, CurbImpact.TABLE, EventStudy.TABLE,
      MirrorFlows.BY_HS6, MirrorFlows.BY_CATEGORY, Diversion.TABLE, SourceSelection.COMPARISON);

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public void run(RunContext run) {
    long started = System.currentTimeMillis();
    Warehouse warehouse = run.warehouse();
    if (!warehouse.exists(DualUseTagger.TABLE)) {
      run.recordSkipped(NAME, started, "trade_flows_tagged does not exist yet");
      return;
    }
    PipelineRuns.Entry entry = new PipelineRuns.Entry(NAME, "all");
    ImpactSettings settings = ImpactSettings.from(run.config());
    List<CurbEvent> events = CurbEvent.fromConfig(run.config());
    entry.inputFingerprint = "trade_flows_tagged@" + warehouse.version(DualUseTagger.TABLE) + ";settings@"
        + Integer.toHexString(settings.hashCode()) + ";events@" + Integer.toHexString(events.hashCode());
    if (entry.inputFingerprint.equals(lastFingerprint(run)) && TABLES.stream().allMatch(warehouse::exists)) {
      run.record(started, List.of(entry.skipped("tagged flows, events and settings unchanged since the last "
          + "impact run")));
      return;
    }

    run.describe(NAME, "choose sources, build the event panel, measure each event");
    ImpactModel model = ImpactModel.build(run.spark(), warehouse.read(DualUseTagger.TABLE), events, settings,
        DualUseCatalog.load(run.config()).instrumentCategories());
    try {
      List<String> written = new ArrayList<>();
      for (Map.Entry<TableSpec, Dataset<Row>> out : model.tables().entrySet()) {
        run.describe(NAME, "write " + out.getKey().name());
        warehouse.replace(out.getKey(), out.getValue(), "true", run.runId());
        long rows = warehouse.rowsWrittenByLastCommit(out.getKey());
        entry.written += rows;
        written.add(out.getKey().name() + " " + rows);
      }
      entry.read = warehouse.read(DualUseTagger.TABLE).count();
      entry.accepted = entry.read;
      entry.message = String.join(", ", written) + " rows; " + events.size() + " events";
    } finally {
      model.release();
    }
    run.record(started, List.of(entry));
  }

  private static String lastFingerprint(RunContext run) {
    Warehouse warehouse = run.warehouse();
    if (!warehouse.exists(PipelineRuns.TABLE)) {
      return null;
    }
    warehouse.ensure(PipelineRuns.TABLE);
    List<Row> last = warehouse.read(PipelineRuns.TABLE)
        .where(col("stage").equalTo(NAME).and(col("status").equalTo("succeeded")))
        .orderBy(col("finished_at").desc()).select("input_fingerprint").limit(1).collectAsList();
    return last.isEmpty() ? null : last.get(0).getString(0);
  }
}
