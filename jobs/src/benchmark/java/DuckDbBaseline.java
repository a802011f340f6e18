import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The baseline tradecurb is timed against in bin/benchmark: the core of its work on UN Comtrade bulk files,
 * done by DuckDB through JDBC. Not part of the application: it runs from source with the DuckDB jar alone on
 * the classpath.
 *
 * <ol>
 *   <li>every row of every {@code .tsv} file under the input folder, all columns as text, to
 *       {@code comtrade_raw.parquet} (tradecurb: ingest to bronze);
 *   <li>the totals rows (monthly goods rows of exports and imports, customsCode C00, motCode 0, partner2Code 0,
 *       six-digit cmdCode), tagged dual-use when their HS6 is the first six digits of a catalogue code, to
 *       {@code flows.parquet} (normalize and tag);
 *   <li>value and net weight summed by reporter × partner × flow × month × dual-use to
 *       {@code monthly.parquet} (impact's monthly flows).
 * </ol>
 *
 * <p>Usage: {@code java -cp duckdb_jdbc.jar DuckDbBaseline.java --input DIR --catalog dual_use_catalog.csv
 * --out DIR [--threads N]}. Prints the counts and each step's seconds on stdout.
 */
public final class DuckDbBaseline {

  private DuckDbBaseline() {}

  public static void main(String[] args) throws Exception {
    Path input = null;
    Path catalog = null;
    Path out = null;
    int threads = 2;
    for (int i = 0; i < args.length; i++) {
      String value = i + 1 < args.length ? args[i + 1] : null;
      switch (args[i]) {
        case "--input" -> input = Path.of(required(args[i], value));
        case "--catalog" -> catalog = Path.of(required(args[i], value));
        case "--out" -> out = Path.of(required(args[i], value));
        case "--threads" -> threads = Integer.parseInt(required(args[i], value));
        default -> usage("unknown argument " + args[i]);
      }
      i++;
    }
    if (input == null || catalog == null || out == null) {
      usage("--input, --catalog and --out are required");
    }
    List<Path> files = tsvFiles(input);
    if (files.isEmpty()) {
      usage("no .tsv files under " + input);
    }
    List<String> columns = commonHeader(files);
    Files.createDirectories(out);
    try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement sql = db.createStatement()) {
      run(sql, files, columns, catalog, out, threads);
    }
  }

  private static void run(Statement sql, List<Path> files, List<String> columns, Path catalog, Path out,
      int threads) throws SQLException {
    sql.execute("SET threads = " + threads);
    // Order within the output files does not matter; not keeping it lets DuckDB stream with less memory.
    sql.execute("SET preserve_insertion_order = false");
    sql.execute("SET temp_directory = " + literal(out.resolve("duckdb_tmp").toString()));
    System.out.println("duckdb: " + single(sql, "SELECT version()") + ", " + threads + " threads, " + files.size()
        + " input files");

    long t = System.nanoTime();
    long read = sql.executeUpdate("COPY (SELECT * FROM read_csv(" + fileList(files) + ", " + csvOptions(columns)
        + ")) TO " + literal(out.resolve("comtrade_raw.parquet").toString()) + " (FORMAT parquet)");
    t = step("parse to comtrade_raw.parquet", t);

    sql.execute("CREATE TEMP TABLE dual_use_hs6 AS SELECT DISTINCT left(code, 6) AS hs6 FROM read_csv("
        + literal(catalog.toString()) + ", delim = ',', quote = '\"', escape = '\"', header = true, "
        + "all_varchar = true) WHERE regexp_full_match(code, '[0-9]{6,}')");
    long hs6 = Long.parseLong(single(sql, "SELECT count(*) FROM dual_use_hs6"));
    long kept = sql.executeUpdate("COPY (SELECT reporterCode AS reporter, partnerCode AS partner, flowCode AS flow,"
        + " make_date(CAST(refYear AS INTEGER), CAST(refMonth AS INTEGER), 1) AS period, cmdCode AS hs6,"
        + " CAST(primaryValue AS DOUBLE) AS value_usd, CAST(netWgt AS DOUBLE) AS net_weight_kg,"
        + " cmdCode IN (SELECT hs6 FROM dual_use_hs6) AS dual_use"
        + " FROM " + literal(out.resolve("comtrade_raw.parquet").toString())
        + " WHERE typeCode = 'C' AND freqCode = 'M' AND TRY_CAST(refYear AS INTEGER) IS NOT NULL"
        + " AND TRY_CAST(refMonth AS INTEGER) BETWEEN 1 AND 12 AND flowCode IN ('X', 'M')"
        + " AND customsCode = 'C00' AND motCode = '0' AND partner2Code = '0'"
        + " AND regexp_full_match(cmdCode, '[0-9]{6}'))"
        + " TO " + literal(out.resolve("flows.parquet").toString()) + " (FORMAT parquet)");
    long dualUse = Long.parseLong(single(sql, "SELECT count(*) FROM "
        + literal(out.resolve("flows.parquet").toString()) + " WHERE dual_use"));
    t = step("keep totals, tag dual-use to flows.parquet", t);

    long monthly = sql.executeUpdate("COPY (SELECT reporter, partner, flow, period, dual_use,"
        + " sum(value_usd) AS value_usd, sum(net_weight_kg) AS net_weight_kg, count(*) AS records"
        + " FROM " + literal(out.resolve("flows.parquet").toString())
        + " GROUP BY reporter, partner, flow, period, dual_use)"
        + " TO " + literal(out.resolve("monthly.parquet").toString()) + " (FORMAT parquet)");
    step("aggregate to monthly.parquet", t);

    System.out.println("rows read: " + read);
    System.out.println("rows kept: " + kept);
    System.out.println("dual-use rows: " + dualUse + " (" + hs6 + " dual-use HS6 codes)");
    System.out.println("aggregate rows: " + monthly);
  }

  /** Explicit options: tab-separated, a header line, no quoting (bulk files are unquoted), every column text. */
  private static String csvOptions(List<String> columns) {
    String types = columns.stream().map(c -> literal(c) + ": 'VARCHAR'").collect(Collectors.joining(", "));
    return "delim = '\\t', header = true, quote = '', escape = '', auto_detect = false, columns = {" + types + "}";
  }

  private static long step(String what, long since) {
    long now = System.nanoTime();
    System.out.println(String.format(Locale.ROOT, "step: %s: %.2f s", what, (now - since) / 1e9));
    return now;
  }

  private static List<Path> tsvFiles(Path input) throws IOException {
    try (Stream<Path> walk = Files.walk(input)) {
      return walk.filter(Files::isRegularFile).filter(p -> p.getFileName().toString().endsWith(".tsv")).sorted()
          .toList();
    }
  }

  /** The header every file shares; files with another header would need another query. */
  private static List<String> commonHeader(List<Path> files) throws IOException {
    List<String> header = null;
    for (Path f : files) {
      try (BufferedReader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
        String line = r.readLine();
        List<String> names = line == null ? List.of() : List.of(line.split("\t", -1));
        if (header == null) {
          header = names;
        } else if (!header.equals(names)) {
          usage(f + " has another header than " + files.get(0));
        }
      }
    }
    return header;
  }

  private static String fileList(List<Path> files) {
    List<String> quoted = new ArrayList<>();
    files.forEach(f -> quoted.add(literal(f.toString())));
    return "[" + String.join(", ", quoted) + "]";
  }

  private static String single(Statement sql, String query) throws SQLException {
    try (ResultSet r = sql.executeQuery(query)) {
      r.next();
      return r.getString(1);
    }
  }

  private static String literal(String s) {
    return "'" + s.replace("'", "''") + "'";
  }

  private static String required(String option, String value) {
    if (value == null) {
      usage(option + " needs a value");
    }
    return value;
  }

  private static void usage(String reason) {
    System.err.println("DuckDbBaseline: " + reason);
    System.err.println("usage: DuckDbBaseline --input DIR --catalog dual_use_catalog.csv --out DIR [--threads N]");
    System.exit(64);
  }
}
