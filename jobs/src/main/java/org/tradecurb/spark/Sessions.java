package org.tradecurb.spark;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * Builds the one SparkSession a tradecurb process uses. Settings given on the spark-submit command line
 * win over the defaults here, so a cluster can tune partitions or memory without a rebuild.
 */
public final class Sessions {

  private Sessions() {}

  /** Settings every tradecurb session needs; Delta's two are static and must precede the first context. */
  public static Map<String, String> defaults() {
    Map<String, String> conf = new LinkedHashMap<>();
    conf.put("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension");
    conf.put("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog");
    conf.put("spark.sql.adaptive.enabled", "true");
    conf.put("spark.sql.adaptive.coalescePartitions.enabled", "true");
    // The plan description posted for the (unused) SQL UI: the plain tree, not the formatted per-node one.
    conf.put("spark.sql.ui.explainMode", "simple");
    // Customs tables are small per month: a few partitions, and AQE coalesces further.
    conf.put("spark.sql.shuffle.partitions", "8");
    conf.put("spark.sql.session.timeZone", "UTC");
    // Spark 4 turns ANSI mode on by default, where an array index out of range, a failed cast or a division by
    // zero fails the query. The jobs rely on Spark 3.5's answer, null, on both lines.
    conf.put("spark.sql.ansi.enabled", "false");
    conf.put("spark.ui.showConsoleProgress", "false");
    conf.put("spark.databricks.delta.snapshotPartitions", "2");
    conf.put("spark.sql.sources.parallelPartitionDiscovery.parallelism", "2");
    conf.put("spark.databricks.delta.schema.autoMerge.enabled", "false");
    // Delta 4 ignores VACUUM's RETAIN n HOURS by default (it keeps the table property's 7 days instead): maintain's
    // --retain-hours means what it says on both Spark lines. Delta 3.3 has no such setting.
    conf.put("spark.databricks.delta.vacuum.retentionWindowIgnore.enabled", "false");
    // Aggregates with collect_set/collect_list (the impact tables' sources, trade_flows' source_files) keep up to
    // this many groups per task in a hash map before sorting the rest (Spark's default, 128, sorted nearly every
    // impact aggregate): a bounded map of a few tens of MB.
    conf.put("spark.sql.objectHashAggregate.sortBased.fallbackThreshold", "65536");
    // Reference tables (catalogue, crosswalks, FX) are a few thousand rows: always broadcast.
    conf.put("spark.sql.autoBroadcastJoinThreshold", String.valueOf(32L * 1024 * 1024));
    return conf;
  }

  /**
   * Settings for one machine. Adaptive execution re-plans a query after each stage and posts the whole plan
   * again each time: with one shuffle partition per core there is nothing for it to coalesce, and on the
   * impact stage's many small stages the re-planning took more time than the work.
   */
  public static Map<String, String> localDefaults() {
    return Map.of("spark.sql.adaptive.enabled", "false",
        // Local files without a process started per file written (see LocalFiles). The FileSystem form is not
        // cached, since spark-submit caches Hadoop's own before the session's settings exist.
        "spark.hadoop.fs.file.impl", LocalFiles.class.getName(),
        "spark.hadoop.fs.file.impl.disable.cache", "true",
        "spark.hadoop.fs.AbstractFileSystem.file.impl", LocalFiles.Context.class.getName());
  }

  /**
   * Returns the session for this process. A master comes from spark-submit; a bare `java` launch falls back
   * to local mode so the jar also runs on a laptop.
   */
  public static SparkSession getOrCreate(String appName) {
    SparkConf submitted = new SparkConf();
    SparkSession.Builder builder = SparkSession.builder().appName(appName);
    if (!submitted.contains("spark.master")) {
      builder.master("local[*]");
      builder.config("spark.ui.enabled", "false");
    }
    Map<String, String> defaults = defaults();
    if (submitted.get("spark.master", "local[*]").startsWith("local")) {
      defaults.putAll(localDefaults());
    }
    for (Map.Entry<String, String> e : defaults.entrySet()) {
      if (!submitted.contains(e.getKey())) {
        builder.config(e.getKey(), e.getValue());
      }
    }
    return builder.getOrCreate();
  }
}
