package org.tradecurb.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.tradecurb.Launcher;
import org.tradecurb.SparkTestBase;

/**
 * Synthetic files with planted effects go through bin/tradecurb generate and run; the impact tables must
 * recover what was planted: China's dual-use exports to Japan -60% in value and +25% in unit value from the
 * event month, ordinary exports +5%, half the lost volume diverted to Korea, a 6% CIF/FOB margin. The same
 * input then serves the failure drills of scheduled runs: a run killed while writing, followed by a normal
 * run, must give the clean run's tables; two runs at once on one warehouse must not interleave.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PlantedEffectsIT extends SparkTestBase {

  /** Columns that name the run or its time: they differ between any two runs by design. */
  private static final List<String> RUN_COLUMNS = List.of("normalized_run_id", "tagged_run_id", "run_id",
      "quarantined_at", "ingest_run_id", "ingested_at");

  private static final List<String> COMPARED = List.of("comtrade_raw", "japan_customs_raw", "china_customs_raw",
      "trade_flows", "trade_flows_tagged", "quarantine", "monthly_flows", "curb_impact", "mirror_flows",
      "diversion", "event_study");

  private Path input;
  private Path clean;

  private Row one(Path warehouse, String table, String where) {
    spark().read().format("delta").load(warehouse.resolve(table).toString()).createOrReplaceTempView(table);
    List<Row> rows = sql("SELECT * FROM " + table + " WHERE " + where).collectAsList();
    assertEquals(1, rows.size(), table + " WHERE " + where);
    return rows.get(0);
  }

  private static double d(Row r, String column) {
    return r.<Double>getAs(column);
  }

  @Test
  @Order(1)
  void theImpactTablesRecoverThePlantedEffects() {
    input = newDir("planted").resolve("in");
    clean = newDir("planted-wh");
    Path warehouse = clean;
    Launcher.Result generate = Launcher.run("generate", "--out", input.toString(), "--start", "2025-01",
        "--end", "2026-06", "--seasonality", "0", "--trend", "0", "--noise", "0.01", "--front-loading", "0",
        "--combined-jan-feb-year", "0", "--japan-variants-year", "0", "--bad-rows", "3");
    assertEquals(0, generate.exitCode(), generate.stderr());
    Launcher.Result run = Launcher.run(Launcher.ALONE, "run", "--input", input.toString(), "--warehouse",
        warehouse.toString());
    assertEquals(0, run.exitCode(), run.stderr());

    Row dual = one(warehouse, "curb_impact", "event_id = 'jp_ban_2026' AND reporter_iso3 = 'CHN' "
        + "AND partner_iso3 = 'JPN' AND flow = 'export' AND category = 'all_dual_use'");
    assertEquals(-60.0, d(dual, "value_change_pct"), 2.0, "planted value change");
    assertEquals(25.0, d(dual, "unit_value_change_pct"), 2.0, "planted unit-value change");
    assertEquals(100 * (0.4 / 1.25 - 1), d(dual, "quantity_change_pct"), 2.0, "implied quantity change");
    assertEquals(100 * (0.4 / 1.05 - 1), d(dual, "did_vs_non_dual_use"), 2.0,
        "relative to ordinary exports to Japan (+5%)");
    assertEquals(-60.0, d(dual, "yoy_value_change_pct"), 2.0);
    Row ordinary = one(warehouse, "curb_impact", "event_id = 'jp_ban_2026' AND reporter_iso3 = 'CHN' "
        + "AND partner_iso3 = 'JPN' AND flow = 'export' AND category = 'non_dual_use'");
    assertEquals(5.0, d(ordinary, "value_change_pct"), 2.0);

    Row korea = one(warehouse, "diversion", "event_id = 'jp_ban_2026' AND side = 'china_exports_by_destination' "
        + "AND partner_iso3 = 'KOR' AND category = 'all_dual_use'");
    assertEquals(0.5, d(korea, "share_of_targeted_loss"), 0.05, "half the lost kilograms go to Korea");
    assertEquals(1, korea.<Integer>getAs("rank"), "Korea gains most");

    spark().read().format("delta").load(warehouse.resolve("mirror_flows_by_category").toString())
        .createOrReplaceTempView("mirror");
    Row gaps = sql("SELECT min(gap_pct), max(gap_pct), max(abs(adjusted_gap_pct)) FROM mirror "
        + "WHERE category = 'all_dual_use' AND china_exports_usd > 0").first();
    assertEquals(6.0, gaps.getDouble(0), 0.2, "the CIF/FOB margin in every month");
    assertEquals(6.0, gaps.getDouble(1), 0.2);
    Assertions.assertTrue(gaps.getDouble(2) < 0.2, "no gap left after the margin: " + gaps.getDouble(2));
  }

  private Dataset<Row> content(Path warehouse, String table) {
    Dataset<Row> t = spark().read().format("delta").load(warehouse.resolve(table).toString());
    return t.drop(RUN_COLUMNS.stream().filter(c -> List.of(t.columns()).contains(c)).toArray(String[]::new));
  }

  /**
   * One run is killed just after normalize wrote trade_flows (bronze done, tag and impact not yet, the run not
   * yet recorded); while it holds the warehouse a second run is refused as busy. The next normal run must give the
   * tables of one clean run.
   */
  @Test
  @Order(2)
  void aConcurrentRunIsRefusedAndAKilledRunFollowedByANormalRunGivesTheTablesOfOneCleanRun() throws Exception {
    Path in = input;
    Path killed = newDir("killed-wh");
    Process run = Launcher.start("run", "--input", in.toString(), "--warehouse", killed.toString());
    Path lock = killed.resolve(org.tradecurb.spark.WarehouseLock.FILE);
    waitFor(lock, run, 120_000);
    Launcher.Result busy = Launcher.run("ingest", "--input", in.toString(), "--warehouse", killed.toString());
    assertEquals(5, busy.exitCode(), busy.stderr());
    Assertions.assertTrue(busy.stderr().contains("is busy"), busy.stderr());

    // trade_flows is created empty (version 0) before ingest; version 1 is normalize's write.
    waitFor(killed.resolve("trade_flows/_delta_log/00000000000000000001.json"), run, 300_000);
    Assertions.assertTrue(run.isAlive(), "the run was still going when killed");
    run.descendants().forEach(ProcessHandle::destroyForcibly);
    run.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    Assertions.assertTrue(Files.exists(lock), "the killed run left its lock behind");
    content(killed, "comtrade_raw").count();

    Launcher.Result recovery = Launcher.run(Launcher.ALONE, "run", "--input", in.toString(), "--warehouse",
        killed.toString());
    assertEquals(0, recovery.exitCode(), recovery.stderr());
    for (String table : COMPARED) {
      Dataset<Row> expected = content(clean, table);
      Dataset<Row> actual = content(killed, table).select(expected.columns()[0],
          java.util.Arrays.copyOfRange(expected.columns(), 1, expected.columns().length));
      assertEquals(expected.count(), actual.count(), table + " row count");
      assertEquals(0L, expected.exceptAll(actual).count(), table + " rows missing after recovery");
      assertEquals(0L, actual.exceptAll(expected).count(), table + " rows extra after recovery");
    }
  }

  private static void waitFor(Path path, Process run, long millis) throws InterruptedException {
    long deadline = System.currentTimeMillis() + millis;
    while (!Files.exists(path) && run.isAlive() && System.currentTimeMillis() < deadline) {
      Thread.sleep(100);
    }
  }
}
