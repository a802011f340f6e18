package org.tradecurb.spark;

import java.util.Iterator;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.CatalystTypeConverters;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.types.StructType;
import scala.Function1;

/**
 * Java rows computed on the executors, into and out of frames through Spark's interpreted converters. Spark's
 * own route (createDataFrame over an RDD, a typed map) generates and compiles a converter in every task: for
 * the wide rows of customs files that was the largest cost of a task on small inputs, where the interpreted
 * converter costs less than the generation does.
 */
public final class JavaRows {

  private JavaRows() {}

  /** A frame of the given schema over Java rows, each converted where it is produced. */
  public static Dataset<Row> frame(SparkSession spark, JavaRDD<Row> rows, StructType schema) {
    return SparkLine.frame(spark, rows.mapPartitions(part -> {
      Function1<Object, Object> toInternal = CatalystTypeConverters.createToCatalystConverter(schema);
      return new Converted<Row, InternalRow>(part, r -> (InternalRow) toInternal.apply(r));
    }), schema);
  }

  /** The frame's rows as Java rows. */
  public static JavaRDD<Row> rows(Dataset<Row> frame) {
    StructType schema = frame.schema();
    return SparkLine.internalRows(frame).mapPartitions(part -> {
      Function1<Object, Object> toJava = CatalystTypeConverters.createToScalaConverter(schema);
      return new Converted<InternalRow, Row>(part, r -> (Row) toJava.apply(r));
    });
  }

  private record Converted<A, B>(Iterator<A> in, java.util.function.Function<A, B> convert) implements Iterator<B> {
    @Override
    public boolean hasNext() {
      return in.hasNext();
    }

    @Override
    public B next() {
      return convert.apply(in.next());
    }
  }
}
