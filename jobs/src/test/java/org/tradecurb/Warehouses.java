package org.tradecurb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.tradecurb.config.TradecurbConfig;
import org.tradecurb.spark.TableSpec;
import org.tradecurb.spark.Warehouse;

/**
 * What tests read from warehouses that runs wrote: a table at its latest version, whether two warehouses hold
 * the same rows in a table (the columns that name a run or its time left out), and a table's latest version.
 */
public final class Warehouses {

  /** Columns that name the run or its time: they differ between any two runs by design. */
  private static final List<String> RUN_COLUMNS = List.of("normalized_run_id", "tagged_run_id", "run_id",
      "quarantined_at", "ingest_run_id", "ingested_at");

  private static final String SIDE = "expected_1_actual_minus_1";

  private Warehouses() {}

  /**
   * A table of the warehouse in that folder at its latest version, read as the stages read it (a scan of the files
   * its log lists): a path read would first rebuild the table's state in two Spark jobs.
   */
  public static Dataset<Row> table(SparkSession spark, Path warehouse, String table) {
    return of(spark, warehouse).read(spec(table));
  }

  /** The table's latest commit version: it moves only when a run committed to the table. */
  public static long version(SparkSession spark, Path warehouse, String table) {
    return of(spark, warehouse).version(spec(table)).orElseThrow().version();
  }

  private static Warehouse of(SparkSession spark, Path warehouse) {
    return Warehouse.of(spark, TradecurbConfig.defaults().with("warehouse", warehouse.toString()));
  }

  private static TableSpec spec(String table) {
    return Tables.all().stream().filter(t -> t.name().equals(table)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no table " + table));
  }

  private static Dataset<Row> content(SparkSession spark, Path warehouse, String table) {
    Dataset<Row> t = table(spark, warehouse, table);
    return t.drop(RUN_COLUMNS.stream().filter(c -> List.of(t.columns()).contains(c)).toArray(String[]::new));
  }

  /** Each table of {@code actual} against {@code expected}: no row missing, extra or repeated, none empty. */
  public static void assertSame(SparkSession spark, Path expected, Path actual, List<String> tables, String what) {
    for (String table : tables) {
      Dataset<Row> want = content(spark, expected, table);
      Dataset<Row> got = content(spark, actual, table).select(want.columns()[0],
          Arrays.copyOfRange(want.columns(), 1, want.columns().length));
      // One grouping over both sides: each distinct row's copies in expected minus those in actual, so a row
      // missing from actual shows above 0 and one extra or repeated in actual below 0.
      List<Row> differences = want.withColumn(SIDE, functions.lit(1))
          .unionByName(got.withColumn(SIDE, functions.lit(-1)))
          .groupBy(Arrays.stream(want.columns()).map(functions::col).toArray(Column[]::new))
          .agg(functions.sum(SIDE).as("missing_minus_extra"))
          .where("missing_minus_extra <> 0").limit(5).collectAsList();
      assertEquals(List.of(), differences, table + ", " + what);
    }
  }

  /** Rows of one table, to show that a comparison compared something. */
  public static long rows(SparkSession spark, Path warehouse, String table) {
    long n = content(spark, warehouse, table).count();
    assertTrue(n > 0, table + " in " + warehouse + " has rows");
    return n;
  }
}
