package org.tradecurb.it;

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

/**
 * What integration tests read from warehouses that runs wrote: whether two hold the same rows in a table (the
 * columns that name a run or its time left out), and a table's latest version.
 */
final class Warehouses {

  /** Columns that name the run or its time: they differ between any two runs by design. */
  private static final List<String> RUN_COLUMNS = List.of("normalized_run_id", "tagged_run_id", "run_id",
      "quarantined_at", "ingest_run_id", "ingested_at");

  private static final String SIDE = "expected_1_actual_minus_1";

  private Warehouses() {}

  private static Dataset<Row> content(SparkSession spark, Path warehouse, String table) {
    Dataset<Row> t = spark.read().format("delta").load(warehouse.resolve(table).toString());
    return t.drop(RUN_COLUMNS.stream().filter(c -> List.of(t.columns()).contains(c)).toArray(String[]::new));
  }

  /** Each table of {@code actual} against {@code expected}: no row missing, extra or repeated, none empty. */
  static void assertSame(SparkSession spark, Path expected, Path actual, List<String> tables, String what) {
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
  static long rows(SparkSession spark, Path warehouse, String table) {
    long n = content(spark, warehouse, table).count();
    assertTrue(n > 0, table + " in " + warehouse + " has rows");
    return n;
  }

  /** The table's latest commit version: it moves only when a run committed to the table. */
  static long version(SparkSession spark, Path warehouse, String table) {
    return io.delta.tables.DeltaTable.forPath(spark, warehouse.resolve(table).toString()).history(1)
        .select("version").first().getLong(0);
  }
}
