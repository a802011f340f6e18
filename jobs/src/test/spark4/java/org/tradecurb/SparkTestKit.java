package org.tradecurb;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.SparkPlan;

/**
 * The Spark 4 line's session for tests. spark-testing-base has no Spark 4 release, so this stands in for
 * what the 3.5 line takes from it: one session per test JVM, built from {@code conf()} and never stopped
 * between classes, and its two DataFrame comparisons.
 */
abstract class SparkTestKit {

  private static SparkSession session;

  public abstract SparkConf conf();

  public SparkSession spark() {
    synchronized (SparkTestKit.class) {
      if (session == null) {
        session = SparkSession.builder().config(conf()).getOrCreate();
      }
      return session;
    }
  }

  /** Same schema (nullability included) and the same rows in the same order. */
  public void assertDataFrameEquals(Dataset<Row> expected, Dataset<Row> result) {
    assertEquals(expected.schema(), result.schema(), "schema");
    assertEquals(expected.collectAsList(), result.collectAsList(), "rows");
  }

  /** Same column names and types, and the same rows in any order; nullability is not compared. */
  public void assertDataFrameDataEquals(Dataset<Row> expected, Dataset<Row> result) {
    assertEquals(columns(expected), columns(result), "columns");
    assertEquals(0L, expected.exceptAll(result).union(result.exceptAll(expected)).count(),
        "rows in one frame and not the other");
  }

  private static List<String> columns(Dataset<Row> frame) {
    return Arrays.stream(frame.schema().fields())
        .map(f -> f.name() + " " + f.dataType().simpleString()).toList();
  }

  /** The physical plan a frame's actions run, whose metrics those actions fill in. */
  public static SparkPlan executedPlan(Dataset<Row> frame) {
    return ((org.apache.spark.sql.classic.Dataset<Row>) frame).queryExecution().executedPlan();
  }
}
