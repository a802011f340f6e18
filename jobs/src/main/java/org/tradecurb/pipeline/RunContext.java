package org.tradecurb.pipeline;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.apache.spark.sql.SparkSession;
import org.tradecurb.config.TradecurbConfig;
import org.tradecurb.quality.PipelineRuns;
import org.tradecurb.spark.Warehouse;
import org.tradecurb.spark.WarehouseLock;

/**
 * What every stage of one run shares: the session, configuration, warehouse, run id and start time, and
 * where each stage's previous run left off (read from pipeline_runs once, when first asked).
 */
public final class RunContext {

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(RunContext.class);

  // To the millisecond: runs of one warehouse (one at a time, under its lock) then sort by id in the order they
  // started, even two short runs within one second.
  private static final DateTimeFormatter RUN_ID_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);

  private final SparkSession spark;
  private final TradecurbConfig config;
  private final Warehouse warehouse;
  private final String runId;
  private final Instant startedAt;
  private Map<String, Map<String, String>> lastConsumed;

  private RunContext(SparkSession spark, TradecurbConfig config, Warehouse warehouse, String runId,
      Instant startedAt) {
    this.spark = spark;
    this.config = config;
    this.warehouse = warehouse;
    this.runId = runId;
    this.startedAt = startedAt;
  }

  public static RunContext start(SparkSession spark, TradecurbConfig config) {
    Instant now = Instant.now();
    String runId = RUN_ID_TIME.format(now) + "-" + UUID.randomUUID().toString().substring(0, 8);
    return new RunContext(spark, config, Warehouse.of(spark, config), runId, now);
  }

  public SparkSession spark() {
    return spark;
  }

  public TradecurbConfig config() {
    return config;
  }

  public Warehouse warehouse() {
    return warehouse;
  }

  public String runId() {
    return runId;
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

  /** What the stage consumed when it last ran without failing; empty when it never has. */
  public synchronized Map<String, String> lastConsumed(String stage) {
    if (lastConsumed == null) {
      lastConsumed = PipelineRuns.lastConsumed(warehouse);
    }
    return lastConsumed.getOrDefault(stage, Map.of());
  }

  /** Where every stage left off, if this run has read it (see {@link #lastConsumed(String)}). */
  public synchronized java.util.Optional<Map<String, Map<String, String>>> lastConsumedIfRead() {
    return java.util.Optional.ofNullable(lastConsumed);
  }

  /**
   * Runs one step of a stage under its name, so the Spark UI and the event log read like the pipeline, and
   * logs what it took: one line per step, with the rows it reports.
   */
  public <T> T step(String stage, String step, Supplier<T> work, java.util.function.ToLongFunction<T> rows) {
    spark.sparkContext().setJobGroup("tradecurb-" + stage, stage + ": " + step, false);
    long started = System.nanoTime();
    T result = work.get();
    spark.sparkContext().setJobGroup("tradecurb-" + stage, stage, false);
    LOG.info("{}: {}: {} rows in {} s", stage, step, String.format("%,d", rows.applyAsLong(result)),
        String.format("%.1f", (System.nanoTime() - started) / 1e9));
    return result;
  }

  /** A step that reports no row count. */
  public void step(String stage, String step, Runnable work) {
    spark.sparkContext().setJobGroup("tradecurb-" + stage, stage + ": " + step, false);
    long started = System.nanoTime();
    work.run();
    spark.sparkContext().setJobGroup("tradecurb-" + stage, stage, false);
    LOG.info("{}: {} in {} s", stage, step, String.format("%.1f", (System.nanoTime() - started) / 1e9));
  }
}
