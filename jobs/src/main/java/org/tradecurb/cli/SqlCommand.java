package org.tradecurb.cli;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.tradecurb.ExitCode;
import org.tradecurb.Tables;
import org.tradecurb.TradecurbException;
import org.tradecurb.config.TradecurbConfig;
import org.tradecurb.spark.Sessions;
import org.tradecurb.spark.SparkLine;
import org.tradecurb.spark.TableSpec;
import org.tradecurb.spark.Warehouse;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Spark SQL against the warehouse, every table by its bare name. csv and json print the result alone on
 * stdout for scripts; logs go to stderr.
 */
@Command(name = "sql", mixinStandardHelpOptions = true,
    description = "Run a Spark SQL query against the warehouse (tables by bare name, e.g. trade_flows).")
final class SqlCommand implements Runnable {

  enum Format { table, csv, json }

  @Parameters(index = "0", paramLabel = "QUERY", description = "The SQL statement")
  String query;

  @Mixin
  PipelineOptions options;

  @Option(names = "--format", defaultValue = "table", description = "table, csv or json (default: table)")
  Format format;

  @Option(names = "--limit", defaultValue = "1000", description = "Rows shown in table format (default: 1000)")
  int limit;

  @Override
  public void run() {
    TradecurbConfig config = options.load();
    SparkSession spark = Sessions.getOrCreate("tradecurb sql");
    Warehouse warehouse = Warehouse.of(spark, config);
    warehouse.registerForSql(referenced(query));
    Dataset<Row> result;
    try {
      result = spark.sql(query);
    } catch (Exception e) {
      // Spark throws AnalysisException (parse and analysis errors) without declaring it.
      if (e instanceof AnalysisException) {
        throw new TradecurbException(ExitCode.USAGE, "SQL cannot run: " + firstLine(e.getMessage()));
      }
      throw e;
    }
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    switch (format) {
      case table -> out.print(SparkLine.showString(result, limit));
      case csv -> printCsv(result, out);
      case json -> printJson(result, out);
    }
    out.flush();
  }

  /**
   * The tables the query names (as a word, in any case): registering a table reads its Delta log, so only
   * those are registered.
   */
  static List<TableSpec> referenced(String query) {
    return Tables.all().stream().filter(t -> java.util.regex.Pattern.compile("(?i)(?<![A-Za-z0-9_])"
        + java.util.regex.Pattern.quote(t.name()) + "(?![A-Za-z0-9_])").matcher(query).find()).toList();
  }

  private static String firstLine(String message) {
    String m = message == null ? "" : message.strip();
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }

  static String csvField(Object value) {
    if (value == null) {
      return "";
    }
    String s = value instanceof scala.collection.Seq<?> seq ? seq.mkString("|") : String.valueOf(value);
    if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")) {
      return "\"" + s.replace("\"", "\"\"") + "\"";
    }
    return s;
  }

  private static void printCsv(Dataset<Row> result, PrintStream out) {
    StructField[] fields = result.schema().fields();
    StringBuilder header = new StringBuilder();
    for (int i = 0; i < fields.length; i++) {
      header.append(i == 0 ? "" : ",").append(csvField(fields[i].name()));
    }
    out.println(header);
    for (java.util.Iterator<Row> it = result.toLocalIterator(); it.hasNext(); ) {
      Row row = it.next();
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < fields.length; i++) {
        line.append(i == 0 ? "" : ",").append(csvField(row.get(i)));
      }
      out.println(line);
    }
  }

  private static void printJson(Dataset<Row> result, PrintStream out) {
    List<String> rows = result.toJSON().collectAsList();
    out.print("[");
    for (int i = 0; i < rows.size(); i++) {
      out.print(i == 0 ? "\n  " : ",\n  ");
      out.print(rows.get(i));
    }
    out.println(rows.isEmpty() ? "]" : "\n]");
  }
}
