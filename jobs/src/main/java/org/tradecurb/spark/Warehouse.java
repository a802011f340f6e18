package org.tradecurb.spark;

import io.delta.tables.DeltaTable;
import io.delta.tables.DeltaTableBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Observation;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.analysis.NoSuchTableException;
import org.apache.spark.sql.delta.DeltaLog;
import org.apache.spark.sql.delta.Snapshot;
import org.apache.spark.sql.delta.actions.Action;
import org.apache.spark.sql.delta.actions.AddFile;
import org.apache.spark.sql.delta.actions.RemoveFile;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.tradecurb.config.TradecurbConfig;
import scala.Option;
import scala.collection.JavaConverters;

/**
 * Where tradecurb's Delta tables live and the only way stages read and write them. In `path` mode a table
 * is the folder {@code <warehouse>/<name>}; in `metastore` mode it is {@code <database>.<name>} in the
 * session's catalog, stored under the same folder. Storage URIs pass through untouched.
 *
 * <p>Every write is one Delta commit and reports the rows it wrote, observed while writing (no re-read).
 * Tables take their definition from their {@link TableSpec} (comments, NOT NULL columns, properties,
 * partitioning). In path mode a missing table is created by its first write, in the same commit as its rows;
 * what a stage leaves unwritten is created empty after it ({@link #createMissing}). In metastore mode tables
 * are created when prepared, so the catalog holds them; a replace into a table created by this process is an
 * append, since there is nothing to replace yet.
 */
public final class Warehouse {

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Warehouse.class);

  /** Rows a write committed, and the extra metrics asked for, observed during the write. */
  public record Written(long rows, Map<String, Object> metrics) {

    public long count(String metric) {
      Object v = metrics.get(metric);
      return v == null ? 0L : ((Number) v).longValue();
    }
  }

  /** Logs up to this many commits are replayed on the driver to list files, rather than read by a job. */
  private static final long REPLAYED_COMMITS = 50;
  private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
      new com.fasterxml.jackson.databind.ObjectMapper();

  private final SparkSession spark;
  private final String root;
  private final boolean metastore;
  private final String database;
  /** Tables this process created and has not written yet: a replace there is an append. */
  private final Set<String> empty = ConcurrentHashMap.newKeySet();
  /** Tables missing from storage (path mode): the first write creates each, in the commit of its rows. */
  private final Map<String, TableSpec> pending = new ConcurrentHashMap<>();
  /** Columns an existing table has beyond its spec (written by an older version): written as nulls. */
  private final Map<String, List<StructField>> legacyColumns = new ConcurrentHashMap<>();
  private final Set<String> prepared = ConcurrentHashMap.newKeySet();

  public Warehouse(SparkSession spark, String root, boolean metastore, String database) {
    this.spark = spark;
    this.root = root.endsWith("/") ? root.substring(0, root.length() - 1) : root;
    this.metastore = metastore;
    this.database = database;
  }

  public static Warehouse of(SparkSession spark, TradecurbConfig config) {
    return new Warehouse(spark, absolute(config.warehouse()), config.catalogMode().equals("metastore"),
        config.database());
  }

  /** A local relative folder becomes absolute so Spark and Delta agree on it; URIs stay as given. */
  static String absolute(String location) {
    if (location.matches("^[a-zA-Z][a-zA-Z0-9+.-]*://.*") || location.startsWith("file:")) {
      return location;
    }
    return java.nio.file.Path.of(location).toAbsolutePath().normalize().toString();
  }

  public SparkSession spark() {
    return spark;
  }

  public String root() {
    return root;
  }

  public String location(TableSpec table) {
    return root + "/" + table.name();
  }

  /** The name Spark SQL resolves to the table: a path identifier or database.table. */
  public String identifier(TableSpec table) {
    return metastore ? "`" + database + "`.`" + table.name() + "`" : "delta.`" + location(table) + "`";
  }

  private DeltaLog log(TableSpec table) {
    return DeltaLog.forTable(spark, location(table));
  }

  private Snapshot snapshot(TableSpec table) {
    return log(table).update(false, Option.empty(), Option.empty());
  }

  /** Whether the table has been created (a Delta log with a commit); a listing, no Spark job. */
  public boolean exists(TableSpec table) {
    if (metastore && !spark.catalog().tableExists(database, table.name())) {
      return false;
    }
    return snapshot(table).version() >= 0;
  }

  /**
   * Makes the tables ready to be written, several at once: marks those missing for creation by their first
   * write (creates them, in metastore mode); rebuilds a derived table whose partitioning is not its spec's (its
   * stage then redoes everything, as for a new table); adds columns an older version did not have.
   */
  public void prepare(Collection<TableSpec> tables) {
    List<TableSpec> todo = tables.stream().filter(t -> !prepared.contains(t.name())).distinct().toList();
    Parallel.run(todo.size(), i -> prepareOne(todo.get(i)));
  }

  private void prepareOne(TableSpec table) {
    if (!exists(table)) {
      createOnFirstWrite(table);
    } else {
      Snapshot current = snapshot(table);
      List<String> partitioning = JavaConverters.seqAsJavaList(current.metadata().partitionColumns());
      if (!partitioning.equals(table.partitionColumns())) {
        if (!table.derived()) {
          throw new IllegalStateException("table " + table.name() + " is partitioned by " + partitioning
              + " where this version expects " + table.partitionColumns() + "; it holds source data and is not "
              + "rebuilt automatically");
        }
        LOG.warn("{} has an older layout (partitioned by {}); rebuilding it", table.name(), partitioning);
        drop(table);
        createOnFirstWrite(table);
      } else {
        upgradeColumns(table, current.metadata().schema());
      }
    }
    prepared.add(table.name());
  }

  private void createOnFirstWrite(TableSpec table) {
    if (metastore) {
      create(table);
    } else {
      pending.put(table.name(), table);
    }
  }

  /**
   * Creates, empty and side by side, those of the tables that no write has created yet: after a stage every
   * table it owns exists, written or not.
   */
  public void createMissing(Collection<TableSpec> tables) {
    List<TableSpec> todo = tables.stream().filter(t -> pending.containsKey(t.name())).distinct().toList();
    Parallel.run(todo.size(), i -> {
      if (pending.remove(todo.get(i).name()) != null) {
        SparkLine.create(log(todo.get(i)), todo.get(i), null, null);
      }
    });
  }

  /** Every table prepared and not created yet: what {@link #createMissing} has left at the end of a run. */
  public List<TableSpec> missing() {
    return List.copyOf(pending.values());
  }

  private void create(TableSpec table) {
    DeltaTableBuilder builder = DeltaTable.createIfNotExists(spark);
    if (metastore) {
      spark.sql("CREATE DATABASE IF NOT EXISTS `" + database + "`");
      builder = builder.tableName(database + "." + table.name());
    }
    builder = builder.location(location(table)).addColumns(table.schema()).comment(table.comment());
    if (!table.partitionColumns().isEmpty()) {
      builder = builder.partitionedBy(table.partitionColumns().toArray(new String[0]));
    }
    for (Map.Entry<String, String> p : table.properties().entrySet()) {
      builder = builder.property(p.getKey(), p.getValue());
    }
    builder.execute();
    empty.add(table.name());
  }

  private void drop(TableSpec table) {
    if (metastore) {
      spark.sql("DROP TABLE IF EXISTS " + identifier(table));
    }
    try {
      Path path = new Path(location(table));
      FileSystem fs = path.getFileSystem(spark.sparkContext().hadoopConfiguration());
      fs.delete(path, true);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove " + location(table), e);
    }
    DeltaLog.invalidateCache(spark, new Path(location(table)));
  }

  /**
   * A table written by an older tradecurb gains the columns added since; columns since dropped from the spec
   * are kept and written as nulls, so an upgrade never needs a rebuild of history.
   */
  private void upgradeColumns(TableSpec table, StructType current) {
    Set<String> present = new HashSet<>(Arrays.asList(current.fieldNames()));
    List<String> additions = new ArrayList<>();
    for (StructField f : table.schema().fields()) {
      if (!present.contains(f.name())) {
        additions.add("`" + f.name() + "` " + f.dataType().sql() + " COMMENT "
            + literal(f.getComment().isDefined() ? f.getComment().get() : ""));
      }
    }
    if (!additions.isEmpty()) {
      spark.sql("ALTER TABLE " + identifier(table) + " ADD COLUMNS (" + String.join(", ", additions) + ")");
    }
    Set<String> declared = new HashSet<>(Arrays.asList(table.schema().fieldNames()));
    List<StructField> extra = Arrays.stream(current.fields()).filter(f -> !declared.contains(f.name())).toList();
    if (!extra.isEmpty()) {
      legacyColumns.put(table.name(), extra);
    }
  }

  /** Whether the table holds nothing from before this process: created by it, or to be created by a write. */
  public boolean createdEmpty(TableSpec table) {
    return empty.contains(table.name()) || pending.containsKey(table.name());
  }

  /** The table at its latest version. */
  public Dataset<Row> read(TableSpec table) {
    return version(table).map(v -> read(table, v))
        .orElseGet(() -> spark.read().format("delta").load(location(table)));
  }

  /**
   * The table as it was at a version: what a stage reads, so that what it records having read is exact. At the
   * latest version with a short log, a scan of the files replayed from the log on the driver: Delta's own read
   * would first rebuild the table's state in two Spark jobs (about a second a table).
   */
  public Dataset<Row> read(TableSpec table, TableVersion version) {
    DeltaLog log = log(table);
    Snapshot latest = log.unsafeVolatileSnapshot();
    if (latest.version() == version.version() && latest.metadata().id().equals(version.tableId())) {
      Optional<Collection<AddFile>> files = liveFiles(table, version);
      if (files.isPresent()) {
        return SparkLine.scan(log, latest, files.get());
      }
    }
    return spark.read().format("delta").option("versionAsOf", version.version()).load(location(table));
  }

  /** The table's id and latest version, from its Delta log; empty when the table does not exist. */
  public Optional<TableVersion> version(TableSpec table) {
    Snapshot s = snapshot(table);
    return s.version() < 0 ? Optional.empty() : Optional.of(new TableVersion(s.metadata().id(), s.version()));
  }

  /** The table's id, or "" before its first commit: what a stage records of the tables it writes. */
  public String tableId(TableSpec table) {
    return version(table).map(TableVersion::tableId).orElse("");
  }

  /**
   * The partitions (column → value) whose data changed after {@code since} up to {@code until}, from the Delta
   * log's add and remove actions (compactions excluded). Empty when that cannot be known exactly — another
   * table id, a version no longer in the log — so the caller redoes everything.
   */
  public Optional<Set<Map<String, String>>> changedPartitions(TableSpec table, TableVersion since,
      TableVersion until) {
    if (since == null || !since.tableId().equals(until.tableId()) || since.version() > until.version()) {
      return Optional.empty();
    }
    Set<Map<String, String>> changed = new HashSet<>();
    if (since.version() == until.version()) {
      return Optional.of(changed);
    }
    try {
      for (Action action : SparkLine.actions(log(table), since.version() + 1, until.version())) {
        if (action instanceof AddFile add && add.dataChange()) {
          changed.add(JavaConverters.mapAsJavaMap(add.partitionValues()));
        } else if (action instanceof RemoveFile remove && remove.dataChange()) {
          changed.add(JavaConverters.mapAsJavaMap(remove.partitionValues()));
        }
      }
      return Optional.of(changed);
    } catch (RuntimeException e) {
      LOG.warn("cannot read the changes of {} after version {} ({}); redoing all of it", table.name(),
          since.version(), e.getMessage());
      return Optional.empty();
    }
  }

  /**
   * Every partition (column → value) holding data at a version. A short log is replayed on the driver, commit
   * by commit (no Spark job); a longer one, or one whose early commits are gone, is read from Delta's state.
   */
  public Set<Map<String, String>> partitions(TableSpec table, TableVersion at) {
    return liveFiles(table, at)
        .map(files -> files.stream().map(f -> JavaConverters.mapAsJavaMap(f.partitionValues()))
            .collect(java.util.stream.Collectors.toSet()))
        .orElseGet(() -> partitionsFromState(table, at));
  }

  /**
   * Whether the table exists and none of its files can hold a row whose {@code column} is {@code value}, by the
   * least and greatest values Delta records per file: a replace of those rows with none then has nothing to do,
   * and its commit can be left out. False when that cannot be told (a long log, a file without statistics).
   */
  public boolean holdsNone(TableSpec table, String column, String value) {
    Optional<Collection<AddFile>> files = version(table).flatMap(v -> liveFiles(table, v));
    return files.isPresent() && files.get().stream().noneMatch(f -> mayHold(f.stats(), column, value));
  }

  private static boolean mayHold(String stats, String column, String value) {
    try {
      com.fasterxml.jackson.databind.JsonNode s = JSON.readTree(stats == null ? "{}" : stats);
      if (s.path("numRecords").asLong(-1) == 0) {
        return false;
      }
      com.fasterxml.jackson.databind.JsonNode min = s.path("minValues").path(column);
      com.fasterxml.jackson.databind.JsonNode max = s.path("maxValues").path(column);
      // Delta keeps a prefix of a long string as its least value and a longer string as its greatest.
      return !min.isTextual() || !max.isTextual()
          || (min.asText().compareTo(value) <= 0 && max.asText().compareTo(value) >= 0);
    } catch (IOException e) {
      return true;
    }
  }

  /** The table's files at a version, replayed from a short log on the driver; empty when the log is long or gone. */
  private Optional<Collection<AddFile>> liveFiles(TableSpec table, TableVersion at) {
    if (at.version() > REPLAYED_COMMITS) {
      return Optional.empty();
    }
    try {
      Map<String, AddFile> live = new HashMap<>();
      for (Action action : SparkLine.actions(log(table), 0, at.version())) {
        if (action instanceof AddFile add) {
          live.put(add.path(), add);
        } else if (action instanceof RemoveFile remove) {
          live.remove(remove.path());
        }
      }
      return Optional.of(live.values());
    } catch (RuntimeException e) {
      LOG.debug("cannot replay the log of {} ({}); reading its state", table.name(), e.getMessage());
      return Optional.empty();
    }
  }

  /** {@link #partitions} from Delta's state at the version: one job over the log's file list. */
  Set<Map<String, String>> partitionsFromState(TableSpec table, TableVersion at) {
    List<String> columns = table.partitionColumns();
    Set<Map<String, String>> all = new HashSet<>();
    for (Row r : SparkLine.snapshotAt(log(table), at.version()).allFiles()
        .select(columns.stream().map(c -> functions.col("partitionValues").getItem(c).as(c)).toArray(Column[]::new))
        .distinct().collectAsList()) {
      Map<String, String> values = new HashMap<>();
      for (int i = 0; i < columns.size(); i++) {
        values.put(columns.get(i), r.getString(i));
      }
      all.add(values);
    }
    return all;
  }

  /** Appends rows in one commit; {@code metrics} are extra named aggregates observed on the rows written. */
  public Written append(TableSpec table, Dataset<Row> rows, String runId, Column... metrics) {
    return write(table, rows, null, runId, metrics);
  }

  /**
   * Atomically replaces the rows matching {@code condition} with {@code rows}: one Delta commit, so a rerun or
   * a crash never leaves duplicates. A condition on partition columns drops whole files without reading them.
   */
  public Written replace(TableSpec table, Dataset<Row> rows, String condition, String runId, Column... metrics) {
    return write(table, rows, condition, runId, metrics);
  }

  private Written write(TableSpec table, Dataset<Row> rows, String condition, String runId, Column[] metrics) {
    prepare(List.of(table));
    Observation written = new Observation(table.name() + "-" + java.util.UUID.randomUUID());
    List<Column> observed = new ArrayList<>(List.of(functions.count(functions.lit(1)).as("rows")));
    observed.addAll(Arrays.asList(metrics));
    Dataset<Row> out = conform(table, rows).observe(written, observed.get(0),
        observed.subList(1, observed.size()).toArray(new Column[0]));
    try {
      if (pending.remove(table.name()) != null) {
        createWithRows(table, out, runId);
      } else if (condition == null || empty.contains(table.name())) {
        out.writeTo(identifier(table)).option("userMetadata", runId).append();
      } else {
        out.writeTo(identifier(table)).option("userMetadata", runId).overwrite(functions.expr(condition));
      }
    } catch (NoSuchTableException e) {
      throw new IllegalStateException("table " + table.name() + " vanished while being written", e);
    }
    empty.remove(table.name());
    Map<String, Object> values = new LinkedHashMap<>(observed(written));
    return new Written(((Number) values.remove("rows")).longValue(), values);
  }

  private void createWithRows(TableSpec table, Dataset<Row> out, String runId) {
    try {
      SparkLine.create(log(table), table, out, runId);
    } catch (RuntimeException | Error e) {
      if (!exists(table)) {
        pending.put(table.name(), table);
      }
      throw e;
    }
  }

  /**
   * The metrics an observation collected. Call it only after the action that carried it has succeeded:
   * an observation whose action failed never completes.
   */
  public static Map<String, Object> observed(Observation observation) {
    try {
      return observation.getAsJava();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reading observed counts", e);
    }
  }

  /** Columns in the table's order and types, so a writer cannot drift from the declared schema. */
  private Dataset<Row> conform(TableSpec table, Dataset<Row> rows) {
    List<Column> columns = new ArrayList<>();
    for (StructField f : table.schema().fields()) {
      columns.add(functions.col(f.name()).cast(f.dataType()).as(f.name()));
    }
    for (StructField f : legacyColumns.getOrDefault(table.name(), List.of())) {
      columns.add(functions.lit(null).cast(f.dataType()).as(f.name()));
    }
    return rows.select(columns.toArray(new Column[0]));
  }

  /**
   * Makes existing tables addressable by their bare names in this session's SQL. In path mode the names are
   * registered in the session catalog as external tables over the warehouse folders (dropping a name never
   * deletes data); a name already registered elsewhere is re-pointed only in a session-local catalog.
   */
  public void registerForSql(Collection<TableSpec> tables) {
    if (metastore) {
      spark.sql("CREATE DATABASE IF NOT EXISTS `" + database + "`");
      spark.catalog().setCurrentDatabase(database);
      return;
    }
    boolean sessionLocal = "in-memory".equals(spark.conf().get("spark.sql.catalogImplementation", "in-memory"));
    for (TableSpec table : tables) {
      if (!exists(table)) {
        continue;
      }
      String name = "`" + table.name() + "`";
      // A temporary view of the same name would shadow the table: it belongs to this session only.
      spark.catalog().dropTempView(table.name());
      if (spark.catalog().tableExists(table.name())) {
        String registered = SparkLine.registeredLocation(spark, table.name());
        if (registered.replaceFirst("^file:", "").equals(location(table).replaceFirst("^file:", ""))
            || !sessionLocal) {
          continue;
        }
        spark.sql("DROP TABLE " + name);
      }
      spark.sql("CREATE TABLE " + name + " USING delta LOCATION " + literal(location(table)));
    }
  }

  /** SQL literal for a string value in a replace condition. */
  public static String literal(String value) {
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }
}
