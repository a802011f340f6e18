package org.tradecurb.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.tradecurb.SparkTestBase;

/**
 * Synthetic files with planted effects go through bin/tradecurb generate and run; the impact tables must
 * recover what was planted: China's dual-use exports to Japan -60% in value and +25% in unit value from the
 * event month, ordinary exports +5%, half the lost volume diverted to Korea, a 6% CIF/FOB margin.
 */
class PlantedEffectsIT extends SparkTestBase {

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
  void theImpactTablesRecoverThePlantedEffects() {
    Path input = newDir("planted").resolve("in");
    Path warehouse = newDir("planted-wh");
    Launcher.Result generate = Launcher.run("generate", "--out", input.toString(), "--start", "2025-01",
        "--end", "2026-06", "--seasonality", "0", "--trend", "0", "--noise", "0.01", "--front-loading", "0",
        "--combined-jan-feb-year", "0", "--japan-variants-year", "0");
    assertEquals(0, generate.exitCode(), generate.stderr());
    Launcher.Result run = Launcher.run("run", "--input", input.toString(), "--warehouse", warehouse.toString());
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
}
