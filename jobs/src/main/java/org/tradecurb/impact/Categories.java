package org.tradecurb.impact;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The categories the gold tables report: each dual-use category, their total {@code all_dual_use}, and
 * {@code non_dual_use}, the first control group.
 */
public final class Categories {

  public static final String ALL_DUAL_USE = "all_dual_use";
  public static final String NON_DUAL_USE = "non_dual_use";

  private Categories() {}

  /** One row per category a flow counts in: its own category and all_dual_use, or non_dual_use. */
  public static Dataset<Row> explode(Dataset<Row> flows) {
    return explode(flows, col("dual_use"));
  }

  /**
   * As {@link #explode(Dataset)} with the treated set given: treated rows count in their category and in
   * all_dual_use, rows that are not dual-use in non_dual_use, dual-use rows outside the treated set nowhere.
   */
  public static Dataset<Row> explode(Dataset<Row> flows, Column treated) {
    Column categories = when(treated, array(col("dual_use_category"), lit(ALL_DUAL_USE)))
        .when(col("dual_use").equalTo(false), array(lit(NON_DUAL_USE)))
        .otherwise(array());
    return flows.withColumn("category", org.apache.spark.sql.functions.explode(categories));
  }
}
