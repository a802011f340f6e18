package org.tradecurb.quality;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.TaskContext;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.tradecurb.spark.KeyedAccumulator;

/**
 * Takes the refused rows out of a frame while it is being written elsewhere, so that one pass over the
 * input feeds both the table and the quarantine: each task keeps its refused rows (in the quarantine's
 * columns) and they arrive in the driver with the task's result. A task that refuses more than a bound
 * keeps none; the caller then computes the quarantine rows again instead of holding them in memory.
 */
public final class QuarantineTap {

  /** Refused rows one task keeps; past this the quarantine is computed again. */
  static final int MAX_ROWS_PER_TASK = 50_000;

  /** One task's refused rows, or none kept because there were too many. */
  private record Kept(List<Row> rows, boolean full) implements Serializable {}

  private final KeyedAccumulator<Integer, Kept> kept = new KeyedAccumulator<>();

  public QuarantineTap(SparkSession spark) {
    spark.sparkContext().register(kept);
  }

  /**
   * The rows of {@code frame} that are not refused; the refused ones (where {@code refused} is true) are
   * kept by the tap as rows of {@code quarantineColumns}, in the quarantine table's order.
   */
  public Dataset<Row> divert(Dataset<Row> frame, Column refused, Column... quarantineColumns) {
    KeyedAccumulator<Integer, Kept> sink = kept;
    UserDefinedFunction keep = functions.udf((UDF1<Row, Boolean>) row -> {
      sink.update(TaskContext.getPartitionId(), (partition, k) -> {
        Kept task = k == null ? new Kept(new ArrayList<>(), false) : k;
        if (task.full() || task.rows().size() >= MAX_ROWS_PER_TASK) {
          return new Kept(List.of(), true);
        }
        task.rows().add(row);
        return task;
      });
      return false;
    }, DataTypes.BooleanType).asNondeterministic();
    return frame.where(coalesce(when(refused, keep.apply(struct(quarantineColumns))), lit(true)));
  }

  /** Whether every refused row was kept (no task went past the bound): then {@link #rows()} is complete. */
  public boolean complete() {
    return kept.value().values().stream().noneMatch(Kept::full);
  }

  /** The refused rows kept, after the action that ran the frame. */
  public List<Row> rows() {
    List<Row> all = new ArrayList<>();
    kept.value().values().forEach(k -> all.addAll(k.rows()));
    return all;
  }
}
