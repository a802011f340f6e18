package org.tradecurb.quality;

import static org.apache.spark.sql.functions.col;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.tradecurb.pipeline.RunContext;
import org.tradecurb.pipeline.StageResult;
import org.tradecurb.spark.TableSpec;
import org.tradecurb.spark.Warehouse;

/**
 * The run log: one row per run × stage × source with the counts that must reconcile
 * (rows_read = rows_accepted + rows_quarantined + rows_excluded) and how the stage ended.
 */
public final class PipelineRuns {

  public static final TableSpec TABLE = TableSpec.builder("pipeline_runs")
      .layer("quality")
      .comment("One row per pipeline run, stage and source: counts read, accepted, quarantined, excluded and "
          + "written, duration and status. A run whose counts do not reconcile fails.")
      .grain("run_id x stage x source")
      .lineage("written once per run, after its last stage")
      .column("run_id", DataTypes.StringType, false, "Run identifier (UTC start time and a random suffix)")
      .column("stage", DataTypes.StringType, false, "ingest, normalize, tag or impact")
      .column("source", DataTypes.StringType, false, "Source the counts are for, or 'all'")
      .column("started_at", DataTypes.TimestampType, false, "Stage start (UTC)")
      .column("finished_at", DataTypes.TimestampType, false, "Stage end (UTC)")
      .column("duration_ms", DataTypes.LongType, false, "Stage wall-clock time in milliseconds")
      .column("rows_read", DataTypes.LongType, false,
          "Records the stage read: data lines of new files (ingest), bronze monthly records (normalize)")
      .column("rows_accepted", DataTypes.LongType, false, "Records that passed every rule")
      .column("rows_quarantined", DataTypes.LongType, false, "Records sent to the quarantine table")
      .column("rows_excluded", DataTypes.LongType, false,
          "Valid records deliberately not carried forward (Comtrade breakdown rows, annual figures, months not "
              + "yet published, port detail of a national figure)")
      .column("rows_written", DataTypes.LongType, false, "Rows the stage's Delta commit wrote to its table")
      .column("status", DataTypes.StringType, false, "succeeded, skipped (nothing new), partial (done on what could be read; a file refused) or failed")
      .column("exit_code", DataTypes.IntegerType, false, "Process exit code this outcome maps to")
      .column("message", DataTypes.StringType, true, "Files processed, files skipped, or the failure")
      .column("pipeline_version", DataTypes.StringType, false, "tradecurb version that ran")
      .column("input_fingerprint", DataTypes.StringType, true,
          "What the stage consumed, as key=value;...: input tables as <table id>@<Delta version>, settings, "
              + "catalogue and events as fingerprints. The next run redoes only what changed since; null when the "
              + "stage failed")
      .build();

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(PipelineRuns.class);

  /** Outcomes whose input fingerprint the next run starts from. */
  private static final List<String> COUNTED = List.of("succeeded", "skipped", "partial");

  private PipelineRuns() {}

  /** The counts of one stage and source, filled as the stage goes. */
  public static final class Entry {
    public final String stage;
    public final String source;
    public long read;
    public long accepted;
    public long quarantined;
    public long excluded;
    public long written;
    public String status = "succeeded";
    public int exitCode;
    public String message;
    public long startedMillis;
    public long finishedMillis;

    public Entry(String stage, String source) {
      this.stage = stage;
      this.source = source;
    }

    /** A stage with nothing to do: counts stay zero, the message says why. */
    public Entry skipped(String why) {
      this.status = "skipped";
      this.message = why;
      return this;
    }

    public boolean reconciles() {
      return read == accepted + quarantined + excluded;
    }

    public String countsText() {
      return "read " + read + ", accepted " + accepted + ", quarantined " + quarantined + ", excluded "
          + excluded + ", written " + written;
    }
  }

  /** Appends the rows of a run's stages: one commit per run, whatever the number of stages. */
  public static void record(RunContext run, List<StageResult> results) {
    List<Row> rows = new ArrayList<>();
    for (StageResult result : results) {
      String fingerprint = result.failed() && !result.partial() ? null : result.fingerprint();
      for (Entry e : result.entries()) {
        rows.add(RowFactory.create(run.runId(), e.stage, e.source, new Timestamp(e.startedMillis),
            new Timestamp(e.finishedMillis), e.finishedMillis - e.startedMillis, e.read, e.accepted, e.quarantined,
            e.excluded, e.written, e.status, e.exitCode, e.message, TableSpec.PIPELINE_VERSION,
            fingerprint == null || fingerprint.isEmpty() ? null : fingerprint));
      }
    }
    if (!rows.isEmpty()) {
      run.warehouse().append(TABLE, run.spark().createDataFrame(rows, TABLE.schema()), run.runId());
      updateIndex(run, results);
    }
  }

  /**
   * Keeps {@link ConsumedIndex} in step with the commit just made, when this run read where the stages left
   * off: those fingerprints with this run's own on top. Otherwise the index is stale and the next run reads the
   * run log. A failure here only costs that read.
   */
  private static void updateIndex(RunContext run, List<StageResult> results) {
    Optional<Map<String, Map<String, String>>> before = run.lastConsumedIfRead();
    if (before.isEmpty()) {
      return;
    }
    Map<String, String> fingerprints = new TreeMap<>();
    before.get().forEach((stage, consumed) -> fingerprints.put(stage, StageResult.fingerprint(consumed)));
    for (StageResult result : results) {
      boolean counted = result.entries().stream().anyMatch(e -> COUNTED.contains(e.status));
      if ((!result.failed() || result.partial()) && counted && !result.fingerprint().isEmpty()) {
        fingerprints.put(result.stage(), result.fingerprint());
      }
    }
    try {
      ConsumedIndex.write(run.warehouse(), run.warehouse().version(TABLE).orElseThrow(), fingerprints,
          run.runId());
    } catch (java.io.IOException | RuntimeException e) {
      LOG.warn("cannot write {} ({}); the next run reads pipeline_runs instead", ConsumedIndex.FILE,
          e.getMessage());
    }
  }

  /**
   * What each stage consumed in its last run that did not fail: where the next run picks up. From
   * {@link ConsumedIndex} when it is current, else one small aggregate over the run log.
   */
  public static Map<String, Map<String, String>> lastConsumed(Warehouse warehouse) {
    return warehouse.version(TABLE)
        .map(v -> ConsumedIndex.read(warehouse, v).orElseGet(() -> fromRunLog(warehouse)))
        .orElseGet(HashMap::new);
  }

  /** {@link #lastConsumed} from the run log itself. */
  static Map<String, Map<String, String>> fromRunLog(Warehouse warehouse) {
    Map<String, Map<String, String>> byStage = new HashMap<>();
    for (Row r : warehouse.read(TABLE)
        .where(col("status").isin(COUNTED.toArray()).and(col("input_fingerprint").isNotNull()))
        .groupBy("stage").agg(functions.max_by(col("input_fingerprint"), col("finished_at")))
        .collectAsList()) {
      byStage.put(r.getString(0), StageResult.parseFingerprint(r.getString(1)));
    }
    return byStage;
  }
}
