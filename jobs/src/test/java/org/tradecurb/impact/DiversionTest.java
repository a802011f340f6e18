package org.tradecurb.impact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.tradecurb.SparkTestBase;

/**
 * Diversion against each route's own ordinary growth, by hand. China's exports, mean monthly value and kg:
 *
 * <pre>
 *                 dual-use pre → post      non-dual-use pre → post   growth   counterfactual kg   excess kg
 *   JPN (target)  100 $ 10 kg → 40 $ 4 kg  200 → 220                 1.1      11                  -7
 *   KOR            50 $  5 kg → 80 $ 8 kg  100 → 120                 1.2       6                  +2
 *   VNM            20 $  2 kg →  0 $ 0 kg   10 →  10                 1.0       2                  -2
 * </pre>
 * Korea gained 3 of the 6 kg Japan lost (raw), but only 2 of the 7 kg Japan fell short of its counterfactual.
 */
class DiversionTest extends SparkTestBase {

  /** What Diversion.compute receives: curb_impact's columns (nullable here) and the event's destinations. */
  private static final StructType IMPACT = nullable(CurbImpact.TABLE.schema())
      .add("event_destinations", DataTypes.createArrayType(DataTypes.StringType));

  private static StructType nullable(StructType schema) {
    StructType out = new StructType();
    for (StructField f : schema.fields()) {
      out = out.add(f.name(), f.dataType(), true);
    }
    return out;
  }

  /** A curb_impact row of China's exports with the figures diversion reads; every other column null. */
  private static Row route(String partner, String category, double preUsd, double postUsd, Double preKg,
      Double postKg) {
    Map<String, Object> values = new HashMap<>();
    values.put("event_id", "e");
    values.put("reporter_iso3", "CHN");
    values.put("partner_iso3", partner);
    values.put("flow", "export");
    values.put("category", category);
    values.put("route_targeted", partner.equals("JPN"));
    values.put("pre_value_usd", preUsd);
    values.put("post_value_usd", postUsd);
    values.put("pre_quantity_kg", preKg);
    values.put("post_quantity_kg", postKg);
    values.put("event_destinations", new String[] {"JPN"});
    return RowFactory.create(java.util.Arrays.stream(IMPACT.fieldNames()).map(values::get).toArray());
  }

  @Test
  void eachDestinationIsMeasuredAgainstItsOwnNonDualUseGrowth() {
    List<Row> impact = List.of(
        route("JPN", Categories.ALL_DUAL_USE, 100, 40, 10.0, 4.0),
        route("JPN", Categories.NON_DUAL_USE, 200, 220, null, null),
        route("KOR", Categories.ALL_DUAL_USE, 50, 80, 5.0, 8.0),
        route("KOR", Categories.NON_DUAL_USE, 100, 120, null, null),
        route("VNM", Categories.ALL_DUAL_USE, 20, 0, 2.0, 0.0),
        route("VNM", Categories.NON_DUAL_USE, 10, 10, null, null));
    Map<String, Row> byPartner = new HashMap<>();
    Diversion.compute(spark().createDataFrame(impact, IMPACT), List.of("KOR"), 1).collectAsList()
        .forEach(r -> byPartner.put(r.getAs("partner_iso3"), r));
    assertEquals(3, byPartner.size(), "non_dual_use rows are the counterfactual, not rows of their own");

    Row japan = byPartner.get("JPN");
    assertEquals(100 * (0.4 / 1.1 - 1), d(japan, "did_vs_non_dual_use"), 1e-9);
    assertEquals(10.0, d(japan, "non_dual_use_change_pct"), 1e-9);
    assertEquals(110.0, d(japan, "counterfactual_post_value_usd"), 1e-9);
    assertEquals(-70.0, d(japan, "excess_change_value_usd"), 1e-9);
    assertEquals(11.0, d(japan, "counterfactual_post_quantity_kg"), 1e-9);
    assertEquals(7.0, d(japan, "targeted_counterfactual_loss_kg"), 1e-9);
    assertNull(japan.getAs("rank"), "the target is not ranked among the destinations");

    Row korea = byPartner.get("KOR");
    assertEquals(100 * (1.6 / 1.2 - 1), d(korea, "did_vs_non_dual_use"), 1e-9);
    assertEquals(6.0, d(korea, "counterfactual_post_quantity_kg"), 1e-9);
    assertEquals(2.0, d(korea, "excess_change_quantity_kg"), 1e-9);
    assertEquals(2.0 / 7.0, d(korea, "share_of_counterfactual_loss"), 1e-9);
    assertEquals(0.5, d(korea, "share_of_targeted_loss"), 1e-9, "raw: 3 of the 6 kg lost");
    assertEquals(1, korea.<Integer>getAs("rank"));

    Row vietnam = byPartner.get("VNM");
    assertEquals(-100.0, d(vietnam, "did_vs_non_dual_use"), 1e-9, "a collapse to zero reads -100%, not null");
    assertEquals(-2.0 / 7.0, d(vietnam, "share_of_counterfactual_loss"), 1e-9);
  }

  private static double d(Row r, String column) {
    return r.<Double>getAs(column);
  }
}
