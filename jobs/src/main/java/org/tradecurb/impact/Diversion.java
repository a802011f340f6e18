package org.tradecurb.impact;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.tradecurb.spark.TableSpec;
import org.tradecurb.spark.ExactSum;

/**
 * Where the lost trade went: China's exports of the treated codes to every destination, pre vs post, and
 * the targeted destinations' imports of those codes from origins other than China. Built from curb_impact's
 * route rows, so both tables agree.
 *
 * <p>Ordinary growth is not diversion: each route's counterfactual is its pre-window level grown as the
 * route's own non-dual-use trade grew (post/pre value ratio), so a destination whose whole trade with China
 * grew gains no credit for it. The per-route difference-in-differences is the ratio of the two growth
 * factors; shares of the counterfactual loss compare each route's excess over its counterfactual with what
 * the targeted routes fell short of theirs.
 */
public final class Diversion {

  public static final String CHINA_EXPORTS = "china_exports_by_destination";
  public static final String TARGET_IMPORTS = "target_imports_by_origin";

  public static final TableSpec TABLE = TableSpec.builder("diversion")
      .layer("gold")
      .comment("Per event: China's exports of the treated codes by destination, and the targeted destinations' "
          + "imports of them from other origins, pre vs post; the share of the targeted route's lost kilograms "
          + "each destination gained, raw and against a counterfactual of each route's non-dual-use growth.")
      .grain("event_id x side x reporter x partner x category")
      .lineage("curb_impact")
      .column("event_id", DataTypes.StringType, false, "Event (see curb_events)")
      .column("side", DataTypes.StringType, false,
          "china_exports_by_destination or target_imports_by_origin (imports from origins other than China)")
      .column("reporter_iso3", DataTypes.StringType, false, "Reporting country")
      .column("partner_iso3", DataTypes.StringType, false, "Destination (China's exports) or origin (imports)")
      .column("category", DataTypes.StringType, false, "Treated category or all_dual_use")
      .column("route_targeted", DataTypes.BooleanType, false, "The route is the curb's target")
      .column("pre_value_usd", DataTypes.DoubleType, true, "Mean monthly value, pre window")
      .column("post_value_usd", DataTypes.DoubleType, true, "Mean monthly value, post window")
      .column("change_value_usd", DataTypes.DoubleType, true, "post - pre mean monthly value")
      .column("value_change_pct", DataTypes.DoubleType, true, "post vs pre, percent")
      .column("pre_quantity_kg", DataTypes.DoubleType, true, "Mean monthly kg, pre window")
      .column("post_quantity_kg", DataTypes.DoubleType, true, "Mean monthly kg, post window")
      .column("change_quantity_kg", DataTypes.DoubleType, true, "post - pre mean monthly kg")
      .column("targeted_loss_kg", DataTypes.DoubleType, true,
          "Mean monthly kg China's exports to the targeted destinations lost (positive = a fall)")
      .column("share_of_targeted_loss", DataTypes.DoubleType, true,
          "change_quantity_kg / targeted_loss_kg: the part of the lost volume this destination gained")
      .column("non_dual_use_change_pct", DataTypes.DoubleType, true,
          "The same route's non-dual-use value, post vs pre, percent: its ordinary growth")
      .column("did_vs_non_dual_use", DataTypes.DoubleType, true, "Per-route DiD, percent: 100 x ((post/pre value) "
          + "/ (post/pre non-dual-use value) - 1); -100 when the category falls to zero; null without a base")
      .column("counterfactual_post_value_usd", DataTypes.DoubleType, true,
          "pre_value_usd grown as the route's non-dual-use value grew: the post level without the curb")
      .column("excess_change_value_usd", DataTypes.DoubleType, true,
          "post_value_usd - counterfactual_post_value_usd: the change beyond ordinary growth")
      .column("counterfactual_post_quantity_kg", DataTypes.DoubleType, true, "pre_quantity_kg grown by the same "
          + "non-dual-use value ratio (kilograms are not reported for every ordinary line)")
      .column("excess_change_quantity_kg", DataTypes.DoubleType, true,
          "post_quantity_kg - counterfactual_post_quantity_kg")
      .column("targeted_counterfactual_loss_kg", DataTypes.DoubleType, true, "Mean monthly kg China's exports to "
          + "the targeted destinations fell short of their counterfactual (positive = a loss)")
      .column("share_of_counterfactual_loss", DataTypes.DoubleType, true, "excess_change_quantity_kg / "
          + "targeted_counterfactual_loss_kg: the part of the counterfactual loss this route gained")
      .column("rank", DataTypes.IntegerType, true,
          "Rank by change in value among non-targeted partners (1 = the largest gain)")
      .column("named_destination", DataTypes.BooleanType, false, "Partner is in impact.diversion-destinations")
      .column("top_mover", DataTypes.BooleanType, false, "rank within impact.diversion-top")
      .build();

  private Diversion() {}

  /** @param impact curb_impact rows as computed, with the event's destinations ({@code event_destinations}) */
  public static Dataset<Row> compute(Dataset<Row> impact, List<String> named, int top) {
    // WLD rows are national totals, not a destination or origin.
    Dataset<Row> routes = impact.where(col("partner_iso3").notEqual("WLD"));
    Dataset<Row> rows = routes.where(col("category").notEqual(Categories.NON_DUAL_USE));
    Dataset<Row> ordinary = routes.where(col("category").equalTo(Categories.NON_DUAL_USE))
        .select(col("event_id"), col("reporter_iso3"), col("partner_iso3"), col("flow"),
            when(col("pre_value_usd").gt(0), col("post_value_usd").divide(col("pre_value_usd"))).as("nd_growth"));
    Column chinaSide = col("reporter_iso3").equalTo("CHN").and(col("flow").equalTo("export"));
    Column targetSide = col("flow").equalTo("import").and(col("partner_iso3").notEqual("CHN"))
        .and(functions.array_contains(col("event_destinations"), col("reporter_iso3")));
    Column growth = when(col("pre_value_usd").gt(0), col("post_value_usd").divide(col("pre_value_usd")));
    Map<String, Column> measures = new LinkedHashMap<>();
    measures.put("side", when(chinaSide, lit(CHINA_EXPORTS)).when(targetSide, lit(TARGET_IMPORTS)));
    measures.put("change_value_usd", col("post_value_usd").minus(col("pre_value_usd")));
    measures.put("change_quantity_kg", col("post_quantity_kg").minus(col("pre_quantity_kg")));
    measures.put("non_dual_use_change_pct", col("nd_growth").minus(1.0).multiply(100.0));
    measures.put("did_vs_non_dual_use", when(col("nd_growth").gt(0),
        growth.divide(col("nd_growth")).minus(1.0).multiply(100.0)));
    Column counterfactualValue = col("pre_value_usd").multiply(col("nd_growth"));
    Column counterfactualKg = col("pre_quantity_kg").multiply(col("nd_growth"));
    measures.put("counterfactual_post_value_usd", counterfactualValue);
    measures.put("excess_change_value_usd", col("post_value_usd").minus(counterfactualValue));
    measures.put("counterfactual_post_quantity_kg", counterfactualKg);
    measures.put("excess_change_quantity_kg", col("post_quantity_kg").minus(counterfactualKg));
    Dataset<Row> sided = rows.join(ordinary, new String[] {"event_id", "reporter_iso3", "partner_iso3", "flow"}, "left")
        .withColumns(measures)
        .where(col("side").isNotNull());
    Dataset<Row> loss = sided.where(col("side").equalTo(CHINA_EXPORTS).and(col("route_targeted"))
            .and(functions.not(functions.array_contains(col("event_destinations"), lit("ALL")))))
        .groupBy("event_id", "category")
        .agg(ExactSum.sum("change_quantity_kg").multiply(-1.0).as("targeted_loss_kg"),
            ExactSum.sum("excess_change_quantity_kg").multiply(-1.0).as("targeted_counterfactual_loss_kg"));
    Column rank = when(functions.not(col("route_targeted")), functions.row_number().over(
        Window.partitionBy("event_id", "side", "category", "route_targeted")
            // Ties (e.g. no trade in either window) ranked by name, so reruns rank alike.
            .orderBy(col("change_value_usd").desc_nulls_last(), col("reporter_iso3"), col("partner_iso3"))));
    return sided.join(loss, new String[] {"event_id", "category"}, "left")
        .withColumn("share_of_targeted_loss", when(col("targeted_loss_kg").gt(0),
            col("change_quantity_kg").divide(col("targeted_loss_kg"))))
        .withColumn("share_of_counterfactual_loss", when(col("targeted_counterfactual_loss_kg").gt(0),
            col("excess_change_quantity_kg").divide(col("targeted_counterfactual_loss_kg"))))
        .withColumn("rank", rank)
        .withColumn("named_destination", col("partner_iso3").isin((Object[]) named.toArray(new String[0])))
        .withColumn("top_mover", functions.coalesce(col("rank").leq(top), lit(false)));
  }
}
