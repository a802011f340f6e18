package org.tradecurb.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.tradecurb.Launcher;
import org.tradecurb.SharedReference;
import org.tradecurb.SparkTestBase;
import org.tradecurb.Warehouses;

/**
 * The README's commands, run as a user runs them: bin/tradecurb (the built jar through SparkSubmit) on
 * data-samples/, the sql command for scripts, a rerun that must change nothing, and the failure paths.
 */
class ReadmeCommandsIT extends SparkTestBase {

  private static final List<String> TABLES = List.of("comtrade_raw", "japan_customs_raw", "china_customs_raw",
      "trade_flows", "trade_flows_tagged", "quarantine", "ingest_files", "monthly_flows", "curb_impact",
      "event_study", "mirror_flows", "mirror_flows_by_category", "diversion", "source_comparison",
      "dual_use_catalog", "curb_events");

  /** Tables are registered by their bare names in this session by {@code SampleWarehouse}. */
  private List<Row> query(Path warehouse, String sql) {
    return sql(sql).collectAsList();
  }

  /** The planted malformed rows data-samples/README.md lists: "file:line REASON". */
  private static Set<String> plantedBadRows() throws Exception {
    String readme = Files.readString(SharedReference.repoRoot().resolve("data-samples/README.md"));
    Matcher m = Pattern.compile("(?m)^\\| ([^|]+?) \\| (\\d+) \\| ([A-Z_]+) \\|$").matcher(readme);
    Set<String> rows = new TreeSet<>();
    while (m.find()) {
      rows.add(m.group(1) + ":" + m.group(2) + " " + m.group(3));
    }
    return rows;
  }

  @Test
  void theReadmeRunCommandBuildsEveryTableAndARerunChangesNothing() throws Exception {
    // The README's first command, run once for all the integration tests that read its warehouse.
    Path warehouse = org.tradecurb.SampleWarehouse.get(spark());

    Set<String> planted = plantedBadRows();
    Assertions.assertFalse(planted.isEmpty(), "data-samples/README.md lists its planted bad rows");
    Set<String> quarantined = query(warehouse, "SELECT source_file, source_line, reason_code FROM quarantine")
        .stream().map(r -> r.getString(0) + ":" + r.get(1) + " " + r.getString(2))
        .collect(Collectors.toCollection(TreeSet::new));
    assertEquals(planted, quarantined, "exactly the planted rows are quarantined");
    assertEquals(0L, query(warehouse, "SELECT count(*) FROM pipeline_runs WHERE status = 'failed'").get(0).getLong(0));
    assertEquals(0L, query(warehouse, "SELECT count(*) FROM pipeline_runs WHERE rows_read <> rows_accepted "
        + "+ rows_quarantined + rows_excluded").get(0).getLong(0), "every stage reconciles");
    long refusedByNormalize = query(warehouse, "SELECT count(*) FROM quarantine WHERE stage = 'normalize'").get(0)
        .getLong(0);
    assertEquals(refusedByNormalize == 0 ? 0L : 1L, Warehouses.version(spark(), warehouse, "quarantine"),
        "one quarantine commit per stage that refused rows: none for a normalize that refused nothing");

    // Three launches at once (two queries and a rerun): each is mostly JVM and Spark start-up.
    Map<String, Long> versions = new TreeMap<>();
    for (String t : TABLES) {
      versions.put(t, Warehouses.version(spark(), warehouse, t));
    }
    CompletableFuture<Launcher.Result> sqlCsv = CompletableFuture.supplyAsync(() -> Launcher.run("sql",
        "SELECT source, count(*) AS n FROM trade_flows GROUP BY source ORDER BY source",
        "--warehouse", warehouse.toString(), "--format", "csv"));
    CompletableFuture<Launcher.Result> sqlJson = CompletableFuture.supplyAsync(() -> Launcher.run("sql",
        "SELECT category, value_change_pct, yoy_value_change_pct, did_vs_non_dual_use FROM curb_impact "
        + "WHERE event_id = 'jp_ban_2026' AND reporter_iso3 = 'CHN' AND partner_iso3 = 'JPN' AND flow = 'export' "
        + "ORDER BY category", "--warehouse", warehouse.toString(), "--format", "json"));
    CompletableFuture<Launcher.Result> rerunning = CompletableFuture.supplyAsync(() -> Launcher.run("run",
        "--warehouse", warehouse.toString()));

    Launcher.Result sql = sqlCsv.get();
    assertEquals(0, sql.exitCode(), sql.stderr());
    String expected = "source,n\n" + query(warehouse, "SELECT source, count(*) FROM trade_flows GROUP BY source "
        + "ORDER BY source").stream().map(r -> r.getString(0) + "," + r.getLong(1)).collect(Collectors.joining("\n"))
        + "\n";
    assertEquals(expected, sql.stdout(), "csv output is the result alone");
    assertEquals(3, expected.split("\n").length - 1, "all three sources");

    Launcher.Result summary = sqlJson.get();
    assertEquals(0, summary.exitCode(), summary.stderr());
    Assertions.assertTrue(summary.stdout().startsWith("[") && summary.stdout().contains("\"all_dual_use\""),
        summary.stdout());

    Launcher.Result rerun = rerunning.get();
    assertEquals(0, rerun.exitCode(), rerun.stderr());
    Map<String, Long> after = new TreeMap<>();
    for (String t : TABLES) {
      after.put(t, Warehouses.version(spark(), warehouse, t));
    }
    // The catalogue and events tables are rewritten by every tag run only if they changed.
    assertEquals(versions, after, "a rerun with nothing new commits to no table");
  }

  @Test
  void failuresAreOneLineWithTheirExitCode() throws Exception {
    Path empty = newDir("empty-wh");
    CompletableFuture<Launcher.Result> sqlError = CompletableFuture.supplyAsync(() ->
        Launcher.run("sql", "SELEC nothing", "--warehouse", empty.toString()));
    Launcher.Result badConfig = Launcher.run("run", "--config", "/nonexistent/tradecurb.conf");
    assertEquals(2, badConfig.exitCode());
    Assertions.assertTrue(badConfig.stderr().strip().endsWith("tradecurb: config file not found: "
        + "/nonexistent/tradecurb.conf"), badConfig.stderr());
    Launcher.Result badLine = Launcher.run(Map.of("TRADECURB_SPARK", "35"), "sql", "SELECT 1");
    assertEquals(2, badLine.exitCode());
    assertEquals("tradecurb: TRADECURB_SPARK must be 3 or 4, not '35'", badLine.stderr().strip());
    Launcher.Result badSql = sqlError.get();
    assertEquals(64, badSql.exitCode());
    Assertions.assertTrue(badSql.stderr().contains("tradecurb: SQL cannot run: "), badSql.stderr());
  }
}
