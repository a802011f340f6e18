package org.tradecurb.impact;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The categories the gold tables report: each dual-use category, their total {@code all_dual_use},
 * {@code non_dual_use}, the first control group, and {@code broad_sensitivity}: codes matched only through a
 * broad line (a subheading or parent line of which the controlled goods are a small part), kept out of both
 * all_dual_use and non_dual_use and reported on their own for sensitivity checks.
 */
public final class Categories {

  public static final String ALL_DUAL_USE = "all_dual_use";
  public static final String NON_DUAL_USE = "non_dual_use";
  public static final String BROAD_SENSITIVITY = "broad_sensitivity";

  private Categories() {}

  /** The row's code is matched only through a broad line. */
  static Column broad() {
    return coalesce(col("match_breadth").equalTo("broad"), lit(false));
  }

  /** The row's code is matched by the catalogue: counted as dual-use, or broad. */
  static Column matched() {
    return col("dual_use").or(broad());
  }

  /** One row per category a flow counts in: its own category and all_dual_use, broad_sensitivity, or non_dual_use. */
  public static Dataset<Row> explode(Dataset<Row> flows) {
    return explode(flows, matched(), col("dual_use_category"));
  }

  /**
   * As {@link #explode(Dataset)} with the treated set and the category treated rows take given: treated
   * dual-use rows count in that category and in all_dual_use, treated broad rows in broad_sensitivity, rows
   * the catalogue does not match in non_dual_use, the other matched rows nowhere.
   */
  public static Dataset<Row> explode(Dataset<Row> flows, Column treated, Column category) {
    Column categories = when(treated.and(col("dual_use")), array(category, lit(ALL_DUAL_USE)))
        .when(treated.and(broad()), array(lit(BROAD_SENSITIVITY)))
        .when(col("dual_use").equalTo(false).and(col("match_breadth").isNull()), array(lit(NON_DUAL_USE)))
        .otherwise(array());
    return flows.withColumn("category", org.apache.spark.sql.functions.explode(categories));
  }
}
