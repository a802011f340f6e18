package org.tradecurb.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.delta.DeltaLog;
import org.apache.spark.sql.delta.DeltaOperations;
import org.apache.spark.sql.delta.OptimisticTransaction;
import org.apache.spark.sql.delta.Snapshot;
import org.apache.spark.sql.delta.actions.Action;
import org.apache.spark.sql.delta.actions.AddFile;
import org.apache.spark.sql.delta.actions.FileAction;
import org.apache.spark.sql.delta.actions.Format;
import org.apache.spark.sql.delta.actions.Metadata;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
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

  /**
   * Where the session catalog's table of that name in the current database keeps its data: read from the
   * catalog alone, where DESCRIBE DETAIL would load the Delta table's state.
   */
  public static String registeredLocation(SparkSession spark, String table) {
    try {
      return new org.apache.hadoop.fs.Path(((org.apache.spark.sql.classic.SparkSession) spark).sessionState()
          .catalog().getTableMetadata(new org.apache.spark.sql.catalyst.TableIdentifier(table)).location())
          .toString();
    } catch (org.apache.spark.sql.AnalysisException e) {
      throw new IllegalStateException("no table " + table + " in the session catalog", e);
    }
  }

  /**
   * The frame computed once, on its first use, and kept by the executors in Spark's internal form (no
   * conversion to Java rows and back) under a plan of its own: later queries plan a scan of the kept rows, not
   * the whole derivation again, and get new column ids, so frames derived from one another join cleanly.
   * {@code held} receives the rows, to be released later.
   */
  public static Dataset<Row> keep(List<JavaRDD<?>> held, Dataset<Row> frame) {
    JavaRDD<InternalRow> rows = internalRows(frame).map(InternalRow::copy).persist(StorageLevel.MEMORY_AND_DISK());
    held.add(rows);
    return frame(frame.sparkSession(), rows, frame.schema());
  }

  /** The frame's rows in Spark's internal form, as its plan produces them (a row object may be reused). */
  public static JavaRDD<InternalRow> internalRows(Dataset<Row> frame) {
    return ((org.apache.spark.sql.classic.Dataset<Row>) frame).queryExecution().toRdd().toJavaRDD();
  }

  /** A frame over rows already in Spark's internal form, of the given schema. */
  public static Dataset<Row> frame(SparkSession spark, JavaRDD<InternalRow> rows, StructType schema) {
    return ((org.apache.spark.sql.classic.SparkSession) spark).internalCreateDataFrame(rows.rdd(), schema, false);
  }

  /** A scan of the given files of the table, read as Delta reads them at the snapshot's version. */
  public static Dataset<Row> scan(DeltaLog log, Snapshot snapshot, java.util.Collection<AddFile> files) {
    return log.createDataFrame(snapshot, CollectionConverters.asScala(new ArrayList<>(files)).toList(), false,
        Option.empty());
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

  /**
   * Creates a table and writes its first rows in one commit: the metadata CREATE TABLE would write (columns
   * with comments and NOT NULL, partitioning, properties, comment), then the rows' files; no rows (null), no
   * files. Files a failed earlier attempt left in the folder are not in the log, so they do not count.
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public static long create(DeltaLog log, TableSpec table, Dataset<Row> rows, String userMetadata) {
    scala.collection.immutable.Map<String, String> properties = scala.collection.immutable.Map$.MODULE$.empty();
    for (Map.Entry<String, String> p : table.properties().entrySet()) {
      properties = properties.updated(p.getKey(), p.getValue());
    }
    scala.collection.immutable.Seq<String> partitioning =
        CollectionConverters.asScala(table.partitionColumns()).toList();
    OptimisticTransaction txn = log.startTransaction();
    txn.updateMetadataForNewTable(new Metadata(UUID.randomUUID().toString(), null, table.comment(),
        new Format("parquet", scala.collection.immutable.Map$.MODULE$.empty()), table.schema().json(), partitioning,
        properties, Option.apply(System.currentTimeMillis())));
    scala.collection.immutable.Seq<FileAction> files = rows == null
        ? CollectionConverters.asScala(new ArrayList<FileAction>()).toList() : txn.writeFiles(rows);
    DeltaOperations.Write$ write = DeltaOperations.Write$.MODULE$;
    return txn.commit((scala.collection.immutable.Seq<Action>) (scala.collection.immutable.Seq) files,
        new DeltaOperations.Write(SaveMode.Append, Option.apply(partitioning), Option.empty(),
            Option.apply(userMetadata), write.$lessinit$greater$default$5(), write.$lessinit$greater$default$6(),
            write.$lessinit$greater$default$7(), write.$lessinit$greater$default$8(),
            write.$lessinit$greater$default$9()));
  }
}
