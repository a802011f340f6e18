package org.tradecurb;

import com.holdenkarau.spark.testing.JavaDataFrameSuiteBase;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.execution.SparkPlan;
import org.junit.jupiter.api.BeforeEach;

/**
 * The Spark 3.5 line's session for tests: spark-testing-base, which builds it from {@code conf()} and also
 * gives the DataFrame comparisons. Its JUnit 4 hooks never run under JUnit 5, so the session starts here.
 */
abstract class SparkTestKit extends JavaDataFrameSuiteBase {

  @Override
  public boolean enableHiveSupport() {
    return false;
  }

  /** One start at a time: classes running side by side must not each build the shared context. */
  @BeforeEach
  public void startSpark() {
    synchronized (SparkTestKit.class) {
      runBefore();
    }
  }

  /** The physical plan a frame's actions run, whose metrics those actions fill in. */
  public static SparkPlan executedPlan(Dataset<Row> frame) {
    return frame.queryExecution().executedPlan();
  }
}
