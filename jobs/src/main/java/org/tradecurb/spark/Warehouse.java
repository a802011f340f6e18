package org.tradecurb.spark;

import io.delta.tables.DeltaTable;
import io.delta.tables.DeltaTableBuilder;
import java.util.Collection;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.analysis.NoSuchTableException;
import org.apache.spark.sql.functions;
import org.tradecurb.config.TradecurbConfig;

/**
 * Where tradecurb's Delta tables live and the only way stages read and write them. In `path` mode a table
 * is the folder {@code <warehouse>/<name>}; in `metastore` mode it is {@code <database>.<name>} in the
 * session's catalog, stored under the same folder. Storage URIs pass through untouched.
 */
public final class Warehouse {

  private final SparkSession spark;
  private final String root;
  private final boolean metastore;
  private final String database;
  /** Tables known to exist: a Delta log lookup per write is measurable on small runs. */
  private final java.util.Set<String> ensured = java.util.concurrent.ConcurrentHashMap.newKeySet();

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

  public boolean exists(TableSpec table) {
    if (metastore) {
      return spark.catalog().tableExists(database, table.name());
    }
    return DeltaTable.isDeltaTable(spark, location(table));
  }

  /** Creates the table with its comments, properties and partitioning unless it exists. */
  public void ensure(TableSpec table) {
    if (ensured.contains(table.name())) {
      return;
    }
    if (exists(table)) {
      addMissingColumns(table);
      ensured.add(table.name());
      return;
    }
    DeltaTableBuilder builder = DeltaTable.createIfNotExists(spark);
    if (metastore) {
      spark.sql("CREATE DATABASE IF NOT EXISTS `" + database + "`");
      builder = builder.tableName(database + "." + table.name());
    }
    builder = builder.location(location(table))
        .addColumns(table.schema())
        .comment(table.comment());
    if (!table.partitionColumns().isEmpty()) {
      builder = builder.partitionedBy(table.partitionColumns().toArray(new String[0]));
    }
    for (Map.Entry<String, String> p : table.properties().entrySet()) {
      builder = builder.property(p.getKey(), p.getValue());
    }
    builder.execute();
    ensured.add(table.name());
  }

  /**
   * A table written by an older tradecurb gains the columns added since (as nullable columns), so an upgrade
   * never needs a rebuild of history.
   */
  private void addMissingColumns(TableSpec table) {
    java.util.Set<String> present = new java.util.HashSet<>(java.util.Arrays.asList(read(table).columns()));
    java.util.List<String> additions = new java.util.ArrayList<>();
    for (org.apache.spark.sql.types.StructField f : table.schema().fields()) {
      if (!present.contains(f.name())) {
        additions.add("`" + f.name() + "` " + f.dataType().sql() + " COMMENT "
            + literal(f.getComment().isDefined() ? f.getComment().get() : ""));
      }
    }
    if (!additions.isEmpty()) {
      spark.sql("ALTER TABLE " + identifier(table) + " ADD COLUMNS (" + String.join(", ", additions) + ")");
    }
  }

  public Dataset<Row> read(TableSpec table) {
    return spark.table(identifier(table));
  }

  /** The table, or an empty frame of its schema when nothing was ever written. */
  public Dataset<Row> readOrEmpty(TableSpec table) {
    return exists(table) ? read(table) : spark.createDataFrame(java.util.List.of(), table.schema());
  }

  /**
   * Atomically replaces the rows matching {@code condition} with {@code rows}: one Delta commit, so a rerun
   * or a crash never leaves duplicates. Works on every Spark 3.5 patch, unlike overwrite-by-saveAsTable.
   */
  public void replace(TableSpec table, Dataset<Row> rows, String condition, String runId) {
    ensure(table);
    try {
      conform(table, rows).writeTo(identifier(table))
          .option("userMetadata", runId)
          .overwrite(functions.expr(condition));
    } catch (NoSuchTableException e) {
      throw new IllegalStateException("table " + table.name() + " vanished while being written", e);
    }
  }

  public void append(TableSpec table, Dataset<Row> rows, String runId) {
    ensure(table);
    try {
      conform(table, rows).writeTo(identifier(table)).option("userMetadata", runId).append();
    } catch (NoSuchTableException e) {
      throw new IllegalStateException("table " + table.name() + " vanished while being written", e);
    }
  }

  /** Columns in the table's order and types, so a writer cannot drift from the declared schema. */
  private static Dataset<Row> conform(TableSpec table, Dataset<Row> rows) {
    Column[] columns = java.util.Arrays.stream(table.schema().fields())
        .map(f -> functions.col(f.name()).cast(f.dataType()).as(f.name()))
        .toArray(Column[]::new);
    return rows.select(columns);
  }

  /** The table's current Delta version: what a downstream stage records having consumed. */
  public long version(TableSpec table) {
    return DeltaTable.forPath(spark, location(table)).history(1).select("version").first().getLong(0);
  }

  /**
   * Rows the table's latest commit wrote, from Delta's operation metrics. Exact for a whole-table replace;
   * a replace of part of a table also counts rows it copied from rewritten files (use {@link #count}).
   */
  public long rowsWrittenByLastCommit(TableSpec table) {
    Row last = DeltaTable.forPath(spark, location(table)).history(1).select("operationMetrics").first();
    scala.collection.Map<String, String> metrics = last.getMap(0);
    return Long.parseLong(metrics.get("numOutputRows").getOrElse(() -> "0"));
  }

  /** Rows now in the table that match a condition: how a stage checks what its commit really wrote. */
  public long count(TableSpec table, String condition) {
    return read(table).where(condition).count();
  }

  /**
   * Makes every existing table addressable by its bare name in this session's SQL. In path mode the names are
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
        String registered = spark.sql("DESCRIBE DETAIL " + name).select("location").first().getString(0);
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
