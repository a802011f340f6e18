package org.tradecurb.spark;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.delta.DeltaLog;
import org.apache.spark.sql.delta.Snapshot;
import org.apache.spark.sql.delta.actions.Action;
import scala.Option;
import scala.Tuple2;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The calls whose signatures differ between the Spark lines, for Spark 4 with Delta 4 (Scala 2.13).
 * Its twin in src/main/spark3 makes the same calls on Spark 3.5 with Delta 3.3.
 */
public final class SparkLine {

  private SparkLine() {}

  /** Spark's own text table of the first {@code limit} rows, as {@code show()} prints it. */
  public static String showString(Dataset<Row> rows, int limit) {
    // Spark 4's Dataset is an interface over two implementations; the in-process one renders the table.
    return ((org.apache.spark.sql.classic.Dataset<Row>) rows).showString(limit, 0, false);
  }

  /** The table as of one version of its log. */
  public static Snapshot snapshotAt(DeltaLog log, long version) {
    return log.getSnapshotAt(version, Option.empty(), Option.empty(), log.getSnapshotAt$default$4());
  }

  /** Every action committed in versions {@code from} to {@code to}; fails when one is gone from the log. */
  public static List<Action> actions(DeltaLog log, long from, long to) {
    List<Action> actions = new ArrayList<>();
    scala.collection.Iterator<Tuple2<Object, scala.collection.immutable.Seq<Action>>> commits =
        log.getChanges(from, to, Option.empty(), true);
    while (commits.hasNext()) {
      actions.addAll(CollectionConverters.asJava(commits.next()._2()));
    }
    return actions;
  }
}
