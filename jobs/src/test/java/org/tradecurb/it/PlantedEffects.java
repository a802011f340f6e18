package org.tradecurb.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.tradecurb.Launcher;
import org.tradecurb.Warehouses;

/**
 * Synthetic files with known effects (bin/tradecurb generate, no seasonality, trend or front-loading, 1%
 * noise) and what the impact tables must recover from them: China's dual-use exports to Japan -60% in value
 * and +25% in unit value from the event month, ordinary exports +5%, half the lost volume diverted to Korea,
 * a 6% CIF/FOB margin between China's exports and Japan's imports.
 */
final class PlantedEffects {

  private PlantedEffects() {}

  /** Writes the files, three malformed rows among them (listed in the folder's README.md). */
  static void generate(Path input) {
    Launcher.Result generate = Launcher.run("generate", "--out", input.toString(), "--start", "2025-01",
        "--end", "2026-06", "--seasonality", "0", "--trend", "0", "--noise", "0.01", "--front-loading", "0",
        "--combined-jan-feb-year", "0", "--japan-variants-year", "0", "--bad-rows", "3");
    assertEquals(0, generate.exitCode(), generate.stderr());
  }

  static void assertRecovered(SparkSession spark, Path warehouse) {
    Row dual = one(spark, warehouse, "curb_impact", "event_id = 'jp_ban_2026' AND reporter_iso3 = 'CHN' "
        + "AND partner_iso3 = 'JPN' AND flow = 'export' AND category = 'all_dual_use'");
    assertEquals(-60.0, d(dual, "value_change_pct"), 2.0, "planted value change");
    assertEquals(25.0, d(dual, "unit_value_change_pct"), 2.0, "planted unit-value change");
    assertEquals(100 * (0.4 / 1.25 - 1), d(dual, "quantity_change_pct"), 2.0, "implied quantity change");
    assertEquals(100 * (0.4 / 1.05 - 1), d(dual, "did_vs_non_dual_use"), 2.0,
        "relative to ordinary exports to Japan (+5%)");
    assertEquals(-60.0, d(dual, "yoy_value_change_pct"), 2.0);
    Row ordinary = one(spark, warehouse, "curb_impact", "event_id = 'jp_ban_2026' AND reporter_iso3 = 'CHN' "
        + "AND partner_iso3 = 'JPN' AND flow = 'export' AND category = 'non_dual_use'");
    assertEquals(5.0, d(ordinary, "value_change_pct"), 2.0);

    Row korea = one(spark, warehouse, "diversion", "event_id = 'jp_ban_2026' "
        + "AND side = 'china_exports_by_destination' AND partner_iso3 = 'KOR' AND category = 'all_dual_use'");
    assertEquals(0.5, d(korea, "share_of_targeted_loss"), 0.05, "half the lost kilograms go to Korea");
    // Against each route's ordinary growth: Japan's counterfactual is 1.05 x its pre kilograms, so it fell short by
    // 1.05 - 0.32 of them; Korea's ordinary trade did not grow, so its excess is the diverted 0.5 x 0.68.
    assertEquals(0.34 / 0.73, d(korea, "share_of_counterfactual_loss"), 0.05, "diversion beyond ordinary growth");
    assertEquals(1, korea.<Integer>getAs("rank"), "Korea gains most");

    Warehouses.table(spark, warehouse, "mirror_flows_by_category").createOrReplaceTempView("planted_mirror");
    Row gaps = spark.sql("SELECT min(gap_pct), max(gap_pct), max(abs(adjusted_gap_pct)) FROM planted_mirror "
        + "WHERE category = 'all_dual_use' AND china_exports_usd > 0").first();
    assertEquals(6.0, gaps.getDouble(0), 0.2, "the CIF/FOB margin in every month");
    assertEquals(6.0, gaps.getDouble(1), 0.2);
    assertTrue(gaps.getDouble(2) < 0.2, "no gap left after the margin: " + gaps.getDouble(2));
  }

  private static Row one(SparkSession spark, Path warehouse, String table, String where) {
    // Not the table's bare name: in a shared session that names the sample warehouse's table.
    Warehouses.table(spark, warehouse, table).createOrReplaceTempView("planted_" + table);
    List<Row> rows = spark.sql("SELECT * FROM planted_" + table + " WHERE " + where).collectAsList();
    assertEquals(1, rows.size(), table + " WHERE " + where);
    return rows.get(0);
  }

  private static double d(Row r, String column) {
    return r.<Double>getAs(column);
  }
}
