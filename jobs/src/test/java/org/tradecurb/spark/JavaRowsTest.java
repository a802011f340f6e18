package org.tradecurb.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Date;
import java.sql.Timestamp;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.tradecurb.SparkTestBase;

class JavaRowsTest extends SparkTestBase {

  private static final StructType SCHEMA = new StructType().add("file", DataTypes.StringType, false)
      .add("line", DataTypes.LongType, false).add("year", DataTypes.IntegerType, true)
      .add("at", DataTypes.TimestampType, true).add("period", DataTypes.DateType, true)
      .add("value", DataTypes.DoubleType, true);

  @Test
  void javaRowsMakeAFrameOfTheirValuesAndComeBackFromItUnchanged() {
    List<Row> rows = List.of(
        RowFactory.create("a.csv", 2L, 2026, Timestamp.valueOf("2026-01-06 09:30:00"), Date.valueOf("2026-01-01"), 1.5),
        RowFactory.create("b.csv", 7L, null, null, null, null));
    JavaRDD<Row> rdd = JavaSparkContext.fromSparkContext(spark().sparkContext()).parallelize(rows, 2);

    Dataset<Row> frame = JavaRows.frame(spark(), rdd, SCHEMA);
    assertEquals(SCHEMA, frame.schema());
    assertEquals(List.of("a.csv 3 2027 2026-01-06 2026-01 1.5", "b.csv 8 null null null null"),
        frame.selectExpr("concat_ws(' ', file, line + 1, coalesce(cast(year + 1 AS string), 'null'), "
            + "coalesce(cast(to_date(at) AS string), 'null'), coalesce(date_format(period, 'yyyy-MM'), 'null'), "
            + "coalesce(cast(value AS string), 'null'))").orderBy("file").collectAsList().stream()
            .map(r -> r.getString(0)).toList(), "the values, as SQL reads them");
    assertEquals(rows, JavaRows.rows(frame.orderBy("file")).collect(), "back as the same Java rows");
  }
}
