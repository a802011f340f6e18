package org.tradecurb.pipeline;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tradecurb.TradecurbException;
import org.tradecurb.impact.ImpactStage;
import org.tradecurb.ingest.IngestStage;
import org.tradecurb.normalize.NormalizeStage;
import org.tradecurb.quality.PipelineRuns;
import org.tradecurb.spark.TableSpec;
import org.tradecurb.tag.TagStage;

/** The stages in their one order: files → bronze → silver → tagged → gold. */
public final class Pipeline {

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Pipeline.class);

  private static final Map<String, Stage> STAGE_BY_NAME = new LinkedHashMap<>();

  static {
    for (Stage s : List.of(new IngestStage(), new NormalizeStage(), new TagStage(), new ImpactStage())) {
      STAGE_BY_NAME.put(s.name(), s);
    }
  }

  public static final List<String> STAGES = List.copyOf(STAGE_BY_NAME.keySet());

  private Pipeline() {}

  /**
   * Runs the stages in order and records all their results in pipeline_runs in one commit at the end — also
   * when a stage failed, whatever the failure. A failed stage stops the run; its failure is then thrown. A
   * partial one (files refused, the rest landed) lets the later stages run on what landed, and its failure is
   * thrown at the end — unless {@code ingest.fail-fast}.
   */
  public static void run(RunContext run, List<String> stages) {
    List<Stage> toRun = stages.stream().map(name -> {
      Stage stage = STAGE_BY_NAME.get(name);
      if (stage == null) {
        throw new IllegalArgumentException("unknown stage " + name);
      }
      return stage;
    }).toList();
    List<StageResult> results = new ArrayList<>();
    TradecurbException failure = null;
    try {
      // Every table the run will write is ready before the first write: checked, upgraded, or (missing) to be
      // created by its first write.
      List<TableSpec> tables = new ArrayList<>(List.of(PipelineRuns.TABLE));
      toRun.forEach(s -> tables.addAll(s.tables()));
      long started = System.currentTimeMillis();
      try {
        run.step("run", "prepare " + tables.size() + " tables", () -> run.warehouse().prepare(tables));
      } catch (RuntimeException | Error e) {
        StageResult prepared = StageResult.failed(toRun.get(0).name(), e);
        stamp(prepared, started, System.currentTimeMillis());
        results.add(prepared);
        failure = prepared.failure();
      }
      boolean failFast = run.config().typed("ingest.fail-fast", run.config().raw()::getBoolean);
      TradecurbException refused = null;
      for (Stage stage : failure == null ? toRun : List.<Stage>of()) {
        StageResult result = timed(run, stage);
        results.add(result);
        run.warehouse().createMissing(stage.tables());
        if (result.failed() && result.partial() && !failFast) {
          refused = result.failure();
        } else if (result.failed()) {
          failure = result.failure();
          break;
        }
      }
      if (failure == null) {
        failure = refused;
      }
    } finally {
      try {
        PipelineRuns.record(run, results);
        // Tables of stages that did not run or failed: a run leaves every table of its stages in place.
        run.warehouse().createMissing(run.warehouse().missing());
      } catch (RuntimeException logging) {
        if (failure == null) {
          throw logging;
        }
        failure.addSuppressed(logging);
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  /** Records one result on its own (a refused lock, a maintenance run), stamped with its times. */
  public static void record(RunContext run, StageResult result, long startedMillis) {
    stamp(result, startedMillis, System.currentTimeMillis());
    PipelineRuns.record(run, List.of(result));
  }

  private static void stamp(StageResult result, long started, long finished) {
    for (var entry : result.entries()) {
      entry.startedMillis = started;
      entry.finishedMillis = finished;
    }
  }

  private static StageResult timed(RunContext run, Stage stage) {
    long started = System.currentTimeMillis();
    StageResult result;
    run.spark().sparkContext().setJobGroup("tradecurb-" + stage.name(), stage.name(), false);
    try {
      result = stage.run(run);
    } catch (Exception | Error e) {
      // Spark rethrows task failures as checked exceptions it does not declare, and a deep plan can overflow
      // the stack: every kind ends up here, so the run's failed row is written whatever went wrong.
      result = StageResult.failed(stage.name(), e);
      if (!(e instanceof TradecurbException)) {
        LOG.error("{} failed", stage.name(), e);
      }
    }
    long finished = System.currentTimeMillis();
    stamp(result, started, finished);
    LOG.info("{}: {} in {} s", stage.name(), result.failed() ? "failed" : "done",
        String.format("%.1f", (finished - started) / 1e3));
    return result;
  }
}
