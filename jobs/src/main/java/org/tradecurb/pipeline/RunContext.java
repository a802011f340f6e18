package org.tradecurb.pipeline;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.tradecurb.config.TradecurbConfig;
import org.tradecurb.quality.PipelineRuns;
import org.tradecurb.spark.Warehouse;
import org.tradecurb.spark.WarehouseLock;
import java.time.Duration;

/** What every stage of one run shares: the session, configuration, warehouse, run id and start time. */
public record RunContext(SparkSession spark, TradecurbConfig config, Warehouse warehouse, String runId,
    Instant startedAt) {

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(RunContext.class);

  private static final DateTimeFormatter RUN_ID_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  public static RunContext start(SparkSession spark, TradecurbConfig config) {
    Instant now = Instant.now();
    String runId = RUN_ID_TIME.format(now) + "-" + UUID.randomUUID().toString().substring(0, 8);
    return new RunContext(spark, config, Warehouse.of(spark, config), runId, now);
  }

  public Timestamp startedTimestamp() {
    return Timestamp.from(startedAt);
  }

  /** Takes the warehouse's writer lock for this run (see {@link WarehouseLock}); close it when done. */
  public WarehouseLock lockWarehouse() {
    return WarehouseLock.acquire(spark.sparkContext().hadoopConfiguration(), warehouse.root(), runId,
        Duration.ofSeconds(config.integer("lock.wait-seconds")),
        Duration.ofHours(config.integer("lock.stale-after-hours")));
  }

  /** Appends a stage's counts to pipeline_runs. */
  public void record(long stageStartMillis, List<PipelineRuns.Entry> entries) {
    List<Row> rows = PipelineRuns.rows(this, stageStartMillis, entries);
    warehouse.append(PipelineRuns.TABLE, spark.createDataFrame(rows, PipelineRuns.TABLE.schema()), runId);
  }

  /** Logs a stage that had nothing to do. */
  public void recordSkipped(String stage, long stageStartMillis, String why) {
    record(stageStartMillis, List.of(new PipelineRuns.Entry(stage, "all").skipped(why)));
  }

  /** Logs a failed stage in pipeline_runs; a failure to log must not hide the original failure. */
  public void recordFailure(String stage, long stageStartMillis, RuntimeException failure) {
    PipelineRuns.Entry entry = new PipelineRuns.Entry(stage, "all");
    entry.status = "failed";
    entry.exitCode = failure instanceof org.tradecurb.TradecurbException te ? te.exitCode().code
        : org.tradecurb.ExitCode.FAILURE.code;
    entry.message = String.valueOf(failure.getMessage());
    try {
      record(stageStartMillis, List.of(entry));
    } catch (RuntimeException logging) {
      failure.addSuppressed(logging);
    }
  }

  /** Names the Spark jobs of a step so the Spark UI and logs read like the pipeline. */
  public void describe(String stage, String step) {
    LOG.info("{}: {}", stage, step);
    spark.sparkContext().setJobGroup("tradecurb-" + stage, stage + ": " + step, false);
  }
}
