package org.tradecurb.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.tradecurb.SparkTestBase;

class WarehouseTest extends SparkTestBase {

  private static TableSpec spec(String name, String... partitionedBy) {
    return TableSpec.builder(name).layer("silver").comment("counts by source").grain("source").lineage("a test")
        .column("source", DataTypes.StringType, false, "where the count comes from")
        .column("n", DataTypes.LongType, false, "a count")
        .partitionedBy(partitionedBy)
        .build();
  }

  private static final TableSpec COUNTS = spec("counts", "source");
  private static final TableSpec NEVER_WRITTEN = spec("never_written");
  private static final TableSpec REFUSED = spec("refused");

  private Dataset<Row> rows(Object[]... values) {
    StructType loose = new StructType().add("source", DataTypes.StringType).add("n", DataTypes.LongType);
    return spark().createDataFrame(Arrays.stream(values).map(RowFactory::create).toList(), loose);
  }

  /** The rows the query's scans read from files (before any filter), from the tasks' input metrics. */
  private long recordsRead(Dataset<Row> query) throws java.util.concurrent.TimeoutException {
    LongAdder read = new LongAdder();
    SparkListener listener = new SparkListener() {
      @Override
      public void onTaskEnd(SparkListenerTaskEnd end) {
        if (end.taskMetrics() != null) {
          read.add(end.taskMetrics().inputMetrics().recordsRead());
        }
      }
    };
    spark().sparkContext().addSparkListener(listener);
    try {
      query.collectAsList();
      spark().sparkContext().listenerBus().waitUntilEmpty();
    } finally {
      spark().sparkContext().removeSparkListener(listener);
    }
    return read.sum();
  }

  private static List<String> contents(Dataset<Row> table) {
    return table.collectAsList().stream().map(r -> r.getAs("source") + " " + r.getAs("n")).sorted().toList();
  }

  @Test
  void aTableIsCreatedByItsFirstWriteWithItsSpecAndItsPartitionsAndRowsReadFromTheLogAsFromTheState()
      throws Exception {
    Warehouse w = new Warehouse(spark(), newDir("first-write").toString(), false, "unused");
    w.prepare(List.of(COUNTS, NEVER_WRITTEN, REFUSED));
    Assertions.assertFalse(w.exists(COUNTS), "prepared, not created");
    Assertions.assertTrue(w.createdEmpty(COUNTS));

    // A replace into a table not created yet is its creation: version 0 holds the rows and the spec.
    assertEquals(2, w.replace(COUNTS, rows(new Object[] {"a", 1L}, new Object[] {"b", 2L}), "source = 'a'", "r1")
        .rows());
    TableVersion created = w.version(COUNTS).orElseThrow();
    assertEquals(0, created.version());
    Row detail = sql("DESCRIBE DETAIL " + w.identifier(COUNTS)).first();
    assertEquals("counts by source", detail.getAs("description"));
    assertEquals(List.of("source"), detail.getList(detail.fieldIndex("partitionColumns")));
    assertEquals("a test", detail.<String, String>getJavaMap(detail.fieldIndex("properties")).get("tradecurb.source"));
    Assertions.assertFalse(sql("SELECT * FROM " + w.identifier(COUNTS)).schema().apply("n").nullable(),
        "NOT NULL from the spec");

    w.append(COUNTS, rows(new Object[] {"c", 3L}), "r2");
    w.replace(COUNTS, rows(), "source = 'b'", "r3");
    TableVersion now = w.version(COUNTS).orElseThrow();
    assertEquals(2, now.version());
    assertEquals(Set.of(Map.of("source", "a"), Map.of("source", "b")), w.partitions(COUNTS, created));
    assertEquals(Set.of(Map.of("source", "a"), Map.of("source", "c")), w.partitions(COUNTS, now));
    assertEquals(w.partitionsFromState(COUNTS, created), w.partitions(COUNTS, created), "replayed = state");
    assertEquals(w.partitionsFromState(COUNTS, now), w.partitions(COUNTS, now), "replayed = state");
    // The latest version is read from the files the log replay finds live; an earlier one by Delta's time travel.
    assertEquals(List.of("a 1", "c 3"), contents(w.read(COUNTS, now)));
    assertEquals(List.of("a 1", "c 3"), contents(w.read(COUNTS)));
    assertEquals(List.of("c 3"), contents(w.read(COUNTS, now).where("source = 'c'")));
    assertEquals(1L, recordsRead(w.read(COUNTS, now).where("source = 'c'")),
        "the partition filter prunes the replayed scan to partition c's file: 1 row of 2 read");
    assertEquals(List.of("a 1", "b 2"), contents(w.read(COUNTS, created)));

    // A first write refused by the spec (a null in a NOT NULL column) leaves the table to be created.
    Assertions.assertThrows(Exception.class, () -> w.append(REFUSED, rows(new Object[] {"a", null}), "r4"));
    Assertions.assertFalse(w.exists(REFUSED));
    Assertions.assertTrue(w.createdEmpty(REFUSED));

    // What no write created is created empty on request.
    w.createMissing(List.of(COUNTS, NEVER_WRITTEN, REFUSED));
    assertEquals(0L, w.read(NEVER_WRITTEN).count());
    assertEquals(0L, w.read(REFUSED).count());
    assertEquals(2, w.version(COUNTS).orElseThrow().version(), "a written table is left alone");
  }

  @Test
  void aTableHoldsNoneOfAValueOnlyWhereEveryFileStatisticsRuleItOut() {
    Warehouse w = new Warehouse(spark(), newDir("holds-none").toString(), false, "unused");
    TableSpec counts = spec("unpartitioned_counts");
    w.prepare(List.of(counts));
    Assertions.assertFalse(w.holdsNone(counts, "source", "a"), "a table not created yet can tell nothing");
    w.append(counts, rows(new Object[] {"ingest", 1L}, new Object[] {"ingest", 2L}), "r1");
    Assertions.assertTrue(w.holdsNone(counts, "source", "normalize"), "above the file's greatest value");
    Assertions.assertTrue(w.holdsNone(counts, "source", "a"), "below its least");
    Assertions.assertFalse(w.holdsNone(counts, "source", "ingest"));
    w.append(counts, rows(new Object[] {"a", 3L}, new Object[] {"zeta", 4L}).coalesce(1), "r2");
    Assertions.assertFalse(w.holdsNone(counts, "source", "normalize"), "within the range of the file holding both");
    w.replace(counts, rows(), "source IN ('a', 'zeta')", "r3");
    Assertions.assertTrue(w.holdsNone(counts, "source", "normalize"), "the file holding it removed");
  }

  @Test
  void aBareNameFollowsTheWarehouseLastRegisteredAndStaysWhereItIs() {
    TableSpec named = spec("registered_counts");
    Warehouse first = new Warehouse(spark(), newDir("register-first").toString(), false, "unused");
    Warehouse second = new Warehouse(spark(), newDir("register-second").toString(), false, "unused");
    first.append(named, rows(new Object[] {"a", 1L}), "r1");
    second.append(named, rows(new Object[] {"a", 1L}, new Object[] {"b", 2L}), "r1");

    first.registerForSql(List.of(named));
    assertEquals(1L, sql("SELECT count(*) FROM registered_counts").first().getLong(0));
    second.registerForSql(List.of(named));
    assertEquals(2L, sql("SELECT count(*) FROM registered_counts").first().getLong(0), "re-pointed");
    // The catalog's location reads as the warehouse's own, so registering there again leaves the entry as it is.
    String registered = SparkLine.registeredLocation(spark(), "registered_counts");
    assertEquals(second.location(named).replaceFirst("^file:", ""), registered.replaceFirst("^file:", ""));
    second.registerForSql(List.of(named));
    assertEquals(2L, sql("SELECT count(*) FROM registered_counts").first().getLong(0), "registered where it is");
  }
}
