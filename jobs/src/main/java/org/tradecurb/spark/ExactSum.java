package org.tradecurb.spark;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

/**
 * Sums and means of values in US dollars, kilograms or any currency that do not depend on the order rows
 * reach an aggregate: doubles added in another order differ in their last digits, so a rerun or a recovery
 * would write other figures. Added in decimal (9 decimal places, exact), then returned as doubles.
 */
public final class ExactSum {

  private static final DataType EXACT = DataTypes.createDecimalType(38, 9);

  private ExactSum() {}

  public static Column sum(Column value) {
    return functions.sum(value.cast(EXACT)).cast(DataTypes.DoubleType);
  }

  public static Column sum(String column) {
    return sum(functions.col(column));
  }

  public static Column avg(Column value) {
    return functions.avg(value.cast(EXACT)).cast(DataTypes.DoubleType);
  }
}
