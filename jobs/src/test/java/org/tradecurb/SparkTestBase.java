package org.tradecurb;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.tradecurb.spark.Sessions;

/**
 * The one Spark test base: a single local[2] session per test JVM, configured like production, with
 * DataFrame comparisons available to JUnit 5 tests. {@code SparkTestKit} holds what differs between the Spark
 * lines (src/test/spark3: spark-testing-base; src/test/spark4: its stand-in).
 */
public abstract class SparkTestBase extends SparkTestKit {

  /** The session is built from this conf on both lines. */
  @Override
  public SparkConf conf() {
    SparkConf conf = new SparkConf()
        .setMaster("local[2]")
        .setAppName("tradecurb-tests")
        .set("spark.ui.enabled", "false")
        .set("spark.driver.host", "127.0.0.1")
        // Test inputs are a few rows, as bin/tradecurb runs small inputs: one shuffle partition (each task pays
        // for its plan whatever its rows), and no whole-stage code, whose compiling costs more than it saves.
        .set("spark.sql.shuffle.partitions", "1")
        .set("spark.sql.codegen.wholeStage", "false");
    Map<String, String> defaults = Sessions.defaults();
    defaults.putAll(Sessions.localDefaults());
    for (Map.Entry<String, String> e : defaults.entrySet()) {
      if (!conf.contains(e.getKey())) {
        conf.set(e.getKey(), e.getValue());
      }
    }
    return conf;
  }

  /** A fresh directory under target/ for one test's warehouse or input files. */
  protected static Path newDir(String prefix) {
    try {
      Path base = Path.of("target", "test-work");
      Files.createDirectories(base);
      return Files.createTempDirectory(base, prefix).toAbsolutePath();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Rows of a query, for small known-answer checks. */
  protected Dataset<Row> sql(String query) {
    return spark().sql(query);
  }
}
