package org.tradecurb.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.execution.SparkPlan;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.tradecurb.SparkTestBase;

class SessionsTest extends SparkTestBase {

  private static final String FALLBACK_THRESHOLD = "spark.sql.objectHashAggregate.sortBased.fallbackThreshold";

  @Test
  void deltaSqlExtensionsAreActive() {
    Path dir = newDir("delta-smoke");
    String path = dir.resolve("t").toString();
    spark().range(3).write().format("delta").save(path);
    // DESCRIBE HISTORY only parses when Delta's SQL extension is installed.
    long versions = sql("DESCRIBE HISTORY delta.`" + path + "`").count();
    assertEquals(1, versions);
  }

  /**
   * collect_set over 5,000 groups, at least 2,500 in every task on either side of the shuffle: the session's
   * threshold keeps them in the hash map, where Spark's own (128 groups) sends every task to its sort-based fallback.
   */
  @Test
  void collectSetAggregatesOfThousandsOfGroupsStayInTheHashMap() {
    assertEquals(0L, sortFallbackTasks(), "tasks that fell back to sorting, at the session's threshold");
    String configured = spark().conf().get(FALLBACK_THRESHOLD);
    spark().conf().set(FALLBACK_THRESHOLD, "128");
    try {
      Assertions.assertTrue(sortFallbackTasks() >= 2, "at Spark's default, the partial and the final aggregate both sort");
    } finally {
      spark().conf().set(FALLBACK_THRESHOLD, configured);
    }
  }

  private long sortFallbackTasks() {
    Dataset<Row> sets = spark().range(0, 10_000, 1, 1).selectExpr("id % 5000 AS k", "cast(id AS string) AS v")
        .groupBy("k").agg(functions.collect_set("v").as("vs"));
    assertEquals(5000, sets.collectAsList().size());
    return sortFallbackTasks(executedPlan(sets));
  }

  /** The "number of sort fallback tasks" of every object hash aggregate in the plan. */
  private static long sortFallbackTasks(SparkPlan node) {
    long tasks = node.metrics().contains("numTasksFallBacked") ? node.metrics().apply("numTasksFallBacked").value() : 0;
    scala.collection.Iterator<SparkPlan> children = node.children().iterator();
    while (children.hasNext()) {
      tasks += sortFallbackTasks(children.next());
    }
    return tasks;
  }
}
