package org.tradecurb.spark;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;

/**
 * Sums and means of values in US dollars, kilograms or any currency that do not depend on the order rows
 * reach an aggregate: doubles added in another order differ in their last digits, so a rerun or a recovery
 * would write other figures. Values are added as whole thousandths (a long sum is exact and keeps Spark's
 * hash aggregation, which decimal sums would not), then returned as doubles. Sums up to 9 × 10^15 units:
 * ingest refuses any single figure above 10^15.
 */
public final class ExactSum {

  private static final double SCALE = 1000.0;

  private ExactSum() {}

  public static Column sum(Column value) {
    return units(value).divide(SCALE);
  }

  /** The sum in whole thousandths, for an aggregate in two steps: {@link #ofUnits} adds these exactly. */
  public static Column units(Column value) {
    return functions.sum(functions.round(value.multiply(SCALE)).cast(DataTypes.LongType));
  }

  /** The sum of partial sums in thousandths ({@link #units}), as {@link #sum} of the values would give it. */
  public static Column ofUnits(String units) {
    return functions.sum(units).divide(SCALE);
  }

  public static Column sum(String column) {
    return sum(functions.col(column));
  }

  public static Column avg(Column value) {
    return sum(value).divide(functions.count(value));
  }
}
