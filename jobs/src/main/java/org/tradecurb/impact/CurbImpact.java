package org.tradecurb.impact;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.tradecurb.spark.ExactSum;
import org.tradecurb.spark.TableSpec;

/**
 * The effect of each curb on each route and category: pre/post monthly means, year-over-year change, the
 * split of the value change into volume and price (Δln value = Δln quantity + Δln unit value), and
 * difference-in-differences against non-dual-use codes on the same route, against the same category to
 * control destinations, and both (the triple difference, which separates a targeted curb from world-wide
 * tightening). DiD estimates are 2×2 differences of log window means, reported as the implied percent effect.
 */
public final class CurbImpact {

  static final String[] ROUTE = {"event_id", "reporter_iso3", "partner_iso3", "flow"};
  static final String[] ROUTE_CATEGORY = {"event_id", "reporter_iso3", "partner_iso3", "flow", "category"};

  /** Months from the event month (itself included) over which the change is measured too, beside the full window. */
  public static final List<Integer> HORIZONS = List.of(1, 3, 6, 12);

  /** The measures given at each horizon: {@code <measure>_<h>m}. */
  static final List<String> HORIZON_MEASURES = List.of("value_change_pct", "did_vs_non_dual_use",
      "did_vs_control_destinations");

  public static final TableSpec TABLE = TableSpec.builder("curb_impact")
      .layer("gold")
      .comment("One row per event x route x category: what changed around the curb. Percentages are percent "
          + "(-55.0 = a 55% fall); DiD columns are the percent effect implied by the log estimate. Windows "
          + "lacking data are marked (months observed), never filled.")
      .grain("event_id x reporter x partner x flow x category")
      .lineage("trade_flows_tagged via the event panel; curb_events; impact settings")
      .column("event_id", DataTypes.StringType, false, "Event (see curb_events)")
      .column("reporter_iso3", DataTypes.StringType, false, "Reporting country")
      .column("partner_iso3", DataTypes.StringType, false, "Partner country")
      .column("flow", DataTypes.StringType, false, "export or import")
      .column("category", DataTypes.StringType, false, "Treated category (as the event's own instruments "
          + "give it), all_dual_use (all codes the event treats), non_dual_use, or broad_sensitivity (treated codes "
          + "matched only through broad lines, never in all_dual_use)")
      .column("route_targeted", DataTypes.BooleanType, false,
          "The route carries China-origin goods to a destination the event targets")
      .column("pre_start", DataTypes.DateType, false, "First month of the pre window")
      .column("pre_end", DataTypes.DateType, false, "Last month of the pre window")
      .column("post_start", DataTypes.DateType, false, "First month of the post window (the event month)")
      .column("post_end", DataTypes.DateType, false, "Last month of the post window (last published month)")
      .column("post_capped_by", DataTypes.StringType, true,
          "A later overlapping event the post window stops before, so its effect does not leak in; null if none")
      .column("pre_months_observed", DataTypes.LongType, false, "Published months in the pre window")
      .column("post_months_observed", DataTypes.LongType, false, "Published months in the post window")
      .column("anticipation_months_observed", DataTypes.LongType, false, "Published months between the "
          + "anticipation month and the event month, outside the pre window (0 when the event has no anticipation "
          + "or the pre window covers it)")
      .column("pre_window_complete", DataTypes.BooleanType, false, "Every pre-window month is published")
      .column("pre_value_usd", DataTypes.DoubleType, true, "Mean monthly value in the pre window (USD)")
      .column("post_value_usd", DataTypes.DoubleType, true, "Mean monthly value in the post window (USD)")
      .column("value_change_pct", DataTypes.DoubleType, true, "post vs pre mean value, percent")
      .column("anticipation_value_usd", DataTypes.DoubleType, true,
          "Mean monthly value between the anticipation month and the event month (USD): front-loading shows here")
      .column("anticipation_change_pct", DataTypes.DoubleType, true,
          "Anticipation-months mean vs pre mean value, percent: the bump before the curb, kept out of the baseline")
      .column("yoy_value_change_pct", DataTypes.DoubleType, true,
          "Post-window months vs the same months a year earlier, percent")
      .column("yoy_months", DataTypes.LongType, false, "Post months with a published month a year earlier")
      .column("pre_quantity_kg", DataTypes.DoubleType, true, "Mean monthly net weight in the pre window")
      .column("post_quantity_kg", DataTypes.DoubleType, true, "Mean monthly net weight in the post window")
      .column("quantity_change_pct", DataTypes.DoubleType, true, "post vs pre mean kilograms, percent")
      .column("pre_unit_value_usd_kg", DataTypes.DoubleType, true, "Pre-window value per kilogram")
      .column("post_unit_value_usd_kg", DataTypes.DoubleType, true, "Post-window value per kilogram")
      .column("unit_value_change_pct", DataTypes.DoubleType, true, "post vs pre value per kilogram, percent")
      .column("dlog_value", DataTypes.DoubleType, true, "ln(post value / pre value)")
      .column("dlog_quantity", DataTypes.DoubleType, true, "ln(post kg / pre kg)")
      .column("dlog_unit_value", DataTypes.DoubleType, true, "dlog_value - dlog_quantity: the price part")
      .column("did_vs_non_dual_use", DataTypes.DoubleType, true,
          "DiD against non-dual-use codes on the same route, in ratio form: 100*((post/pre) / (post/pre of the "
              + "non-dual-use codes) - 1), so a collapse to zero reads -100")
      .column("did_vs_control_destinations", DataTypes.DoubleType, true,
          "DiD against the same category to the control destinations (own destination excluded), ratio form, percent")
      .column("did_triple", DataTypes.DoubleType, true,
          "Triple difference, ratio form: (treated / non-dual-use) on the route over the same at the control "
              + "destinations, percent; null "
              + "where the control destinations report nothing comparable (e.g. only Japan reports imports from China)")
      .column("control_destinations", DataTypes.createArrayType(DataTypes.StringType, true), false,
          "Control destinations with data for the category in both windows, on the route's months (empty: no "
              + "control-destination DiD)")
      .column("controls_left_out", DataTypes.createArrayType(DataTypes.StringType, true), false,
          "Configured control destinations left out for this event: another event names them as its own "
              + "destination in or before its windows (e.g. USA, under the US-only ban of December 2024)")
      .column("approximate_value_share", DataTypes.DoubleType, true, "Share of the pre and post windows' value "
          + "tagged through an approximate match (partial_national or hs6 line that also holds uncontrolled goods)")
      .column("weight_value_share", DataTypes.DoubleType, true, "Share of the pre and post windows' value from "
          + "lines with a net weight: how much of the value the kilogram and unit-value measures speak for")
      .column("fx_published_value_share", DataTypes.DoubleType, true, "Share of the pre and post windows' value "
          + "reported in US dollars or converted at a published rate (the rest: approximate or provisional rates, "
          + "see trade_flows.fx_quality)")
      .column("sources", DataTypes.createArrayType(DataTypes.StringType, true), false,
          "Sources of the pre and post windows' figures (one per line, by impact.source-precedence)")
      .columns(horizonColumns())
      .columns(CurbEstimates.intervalColumns())
      .build();

  private CurbImpact() {}

  static String atHorizon(String measure, int months) {
    return measure + "_" + months + "m";
  }

  private static StructType horizonColumns() {
    TableSpec.Builder b = TableSpec.builder("horizons");
    for (int h : HORIZONS) {
      for (String m : HORIZON_MEASURES) {
        b.column(atHorizon(m, h), DataTypes.DoubleType, true, m + " over the first " + h + " post month"
            + (h == 1 ? "" : "s") + " (the event month first) against the same pre window; null until the post "
            + "window holds " + h + " month" + (h == 1 ? "" : "s"));
      }
    }
    return b.build().schema();
  }

  /** Post months within {@code months} of the event month. */
  private static Column postWithin(int months) {
    return col("window").equalTo("post").and(col("post_month").lt(months));
  }

  /** Window means and year-over-year sums of a monthly series, as aggregates over its months. */
  static List<Column> windowStats() {
    Column pre = col("window").equalTo("pre");
    Column post = col("window").equalTo("post");
    Column yoyPair = post.and(col("prev_value_usd").isNotNull());
    return List.of(ExactSum.avg(when(pre, col("value_usd"))).as("pre_value_usd"),
        ExactSum.avg(when(post, col("value_usd"))).as("post_value_usd"),
        ExactSum.avg(when(pre, col("quantity_kg"))).as("pre_quantity_kg"),
        ExactSum.avg(when(post, col("quantity_kg"))).as("post_quantity_kg"),
        count(when(pre, lit(1))).as("pre_months_observed"),
        count(when(post, lit(1))).as("post_months_observed"),
        ExactSum.sum(when(yoyPair, col("value_usd"))).as("yoy_post"),
        ExactSum.sum(when(yoyPair, col("prev_value_usd"))).as("yoy_prev"),
        count(when(yoyPair, lit(1))).as("yoy_months"));
  }

  /** The mean monthly value over each horizon: {@code post_value_usd_<h>m}. */
  private static List<Column> horizonMeans() {
    return HORIZONS.stream().map(h -> ExactSum.avg(when(postWithin(h), col("value_usd")))
        .as(atHorizon("post_value_usd", h))).toList();
  }

  private static Column[] keys(String... names) {
    return java.util.Arrays.stream(names).map(functions::col).toArray(Column[]::new);
  }

  private static Column dlog(Column post, Column pre) {
    return when(post.gt(0).and(pre.gt(0)), functions.log(post.divide(pre)));
  }

  /** post / pre, null without a positive pre mean; zero when the post window's trade stopped. */
  private static Column ratio(Column post, Column pre) {
    return when(pre.gt(0), post.divide(pre));
  }

  /**
   * A difference-in-differences in ratio form, percent: the treated ratio over the control's. Equal to
   * 100·(exp(Δln treated − Δln control) − 1) where both are positive, and −100 where the treated trade stopped
   * (a log difference has no value there). Null without a positive control ratio.
   */
  private static Column did(Column treated, Column control) {
    return when(control.gt(0), pct(treated.divide(control).minus(1.0)));
  }

  private static Column pct(Column ratioMinusOne) {
    return ratioMinusOne.multiply(100.0);
  }

  static Column pctFromLog(Column logDiff) {
    return pct(functions.exp(logDiff).minus(1.0));
  }

  /**
   * Per route and category, the control destinations' ratio of window means ({@code ctrl_ratio}): exports to
   * the control destinations by the same reporter, or imports from the same partner by the control reporters
   * — the route's own destination left out. Months are aligned to the route's: a control counts only the
   * months the route has in each window, in the route's window, so a control reporter that published other
   * months never shifts the comparison. Each control's window means are summed over the controls observed in
   * both windows (a control missing a month lowers no total); {@code ctrl_ratio_<h>m} the same at each horizon.
   */
  static Dataset<Row> controlStats(Dataset<Row> windowed, List<String> controls) {
    Dataset<Row> routeMonths = windowed.where(col("window").isin("pre", "post"))
        .select(col("event_id"), col("reporter_iso3"), col("partner_iso3"), col("flow"), col("category"),
            col("period"), col("window"), col("post_month"));
    Dataset<Row> c = windowed.select(col("event_id"), col("reporter_iso3").as("c_reporter"),
        col("partner_iso3").as("c_partner"), col("flow"), col("category"), col("period"), col("value_usd"),
        col("controls_left_out"));
    Object[] controlList = controls.toArray(new String[0]);
    Column exportSide = col("flow").equalTo("export").and(col("c_reporter").equalTo(col("reporter_iso3")))
        .and(col("c_partner").isin(controlList)).and(col("c_partner").notEqual(col("partner_iso3")));
    Column importSide = col("flow").equalTo("import").and(col("c_partner").equalTo(col("partner_iso3")))
        .and(col("c_reporter").isin(controlList)).and(col("c_reporter").notEqual(col("reporter_iso3")));
    // Each control's post means, over the whole window and each horizon; per route, the ratio of their sums.
    List<Column> postMeans = new java.util.ArrayList<>(List.of(
        ExactSum.avg(when(col("window").equalTo("post"), col("value_usd"))).as("post_mean")));
    List<Column> ratios = new java.util.ArrayList<>(List.of(controlRatio(col("post_mean")).as("ctrl_ratio")));
    List<Column> out = new java.util.ArrayList<>(List.of(keys(ROUTE_CATEGORY)));
    out.add(col("control_destinations"));
    out.add(col("ctrl_ratio"));
    for (int h : HORIZONS) {
      postMeans.add(ExactSum.avg(when(postWithin(h), col("value_usd"))).as(atHorizon("post_mean", h)));
      ratios.add(controlRatio(col(atHorizon("post_mean", h))).as(atHorizon("ctrl_ratio", h)));
      out.add(col(atHorizon("ctrl_ratio", h)));
    }
    return routeMonths.join(c, new String[] {"event_id", "flow", "category", "period"})
        .where(exportSide.or(importSide))
        .withColumn("control", when(col("flow").equalTo("export"), col("c_partner")).otherwise(col("c_reporter")))
        .where(functions.not(functions.array_contains(col("controls_left_out"), col("control"))))
        .groupBy(keys("event_id", "reporter_iso3", "partner_iso3", "flow", "category", "control"))
        .agg(ExactSum.avg(when(col("window").equalTo("pre"), col("value_usd"))).as("pre_mean"),
            postMeans.toArray(new Column[0]))
        .where(col("pre_mean").isNotNull().and(col("post_mean").isNotNull()))
        .groupBy(keys(ROUTE_CATEGORY))
        .agg(functions.array_sort(functions.collect_list("control")).as("control_destinations"),
            ratios.toArray(new Column[0]))
        .select(out.toArray(new Column[0]));
  }

  /** The controls' summed post means over their summed pre means, of the controls with a post mean. */
  private static Column controlRatio(Column postMean) {
    return ratio(ExactSum.sum(postMean), ExactSum.sum(when(postMean.isNotNull(), col("pre_mean"))));
  }

  /**
   * Whether the row's route carries China-origin goods to a destination its event targets (from
   * {@code event_destinations}); null for routes that do not involve China.
   */
  static Column targeted() {
    Column china = lit("CHN");
    Column destination = when(col("flow").equalTo("export").and(col("reporter_iso3").equalTo(china)),
        col("partner_iso3"))
        .when(col("flow").equalTo("import").and(col("partner_iso3").equalTo(china)), col("reporter_iso3"));
    return destination.isNotNull().and(functions.array_contains(col("event_destinations"), lit("ALL"))
        .or(functions.array_contains(col("event_destinations"), destination)));
  }

  /** The panel with windows ({@link EventPanel#withWindows}) → curb_impact rows. */
  public static Dataset<Row> compute(Dataset<Row> windowed, ImpactSettings settings) {
    // One aggregate per route and category: window statistics, and the route's windows (the same in each row).
    List<Column> aggregates = new java.util.ArrayList<>(windowStats());
    aggregates.addAll(horizonMeans());
    for (String w : List.of("pre_start", "pre_end", "post_start", "post_end", "event_destinations",
        "post_capped_by", "controls_left_out")) {
      aggregates.add(first(w).as(w));
    }
    Column anticipation = col("window").equalTo("anticipation");
    aggregates.add(ExactSum.avg(when(anticipation, col("value_usd"))).as("anticipation_value_usd"));
    aggregates.add(count(when(anticipation, lit(1))).as("anticipation_months_observed"));
    Column inWindows = col("window").isin("pre", "post");
    Column windowsValue = ExactSum.sum(when(inWindows, col("value_usd")));
    aggregates.add(ExactSum.sum(when(inWindows, col("approx_value_usd"))).divide(windowsValue)
        .as("approximate_value_share"));
    aggregates.add(ExactSum.sum(when(inWindows, col("kg_value_usd"))).divide(windowsValue)
        .as("weight_value_share"));
    aggregates.add(ExactSum.sum(when(inWindows, col("fx_published_value_usd"))).divide(windowsValue)
        .as("fx_published_value_share"));
    aggregates.add(functions.array_sort(functions.array_distinct(functions.flatten(
        functions.collect_list(when(inWindows, col("sources")))))).as("sources"));
    Dataset<Row> route = windowed.groupBy(keys(ROUTE_CATEGORY))
        .agg(aggregates.get(0), aggregates.subList(1, aggregates.size()).toArray(new Column[0]));
    Dataset<Row> control = controlStats(windowed, settings.controlDestinations());
    Column nonDualUse = col("category").equalTo(Categories.NON_DUAL_USE);
    List<Column> nonDualUseRatios = new java.util.ArrayList<>(List.of(keys(ROUTE)));
    nonDualUseRatios.add(ratio(col("post_value_usd"), col("pre_value_usd")).as("nd_ratio"));
    for (int h : HORIZONS) {
      nonDualUseRatios.add(ratio(col(atHorizon("post_value_usd", h)), col("pre_value_usd"))
          .as(atHorizon("nd_ratio", h)));
    }
    Dataset<Row> routeNonDualUse = route.where(nonDualUse).select(nonDualUseRatios.toArray(new Column[0]));
    Dataset<Row> controlNonDualUse = control.where(nonDualUse).select(col("event_id"), col("reporter_iso3"),
        col("partner_iso3"), col("flow"), col("ctrl_ratio").as("ctrl_nd_ratio"));

    Column targeted = targeted();
    Column treatedCategory = col("category").notEqual(Categories.NON_DUAL_USE);
    Column dlogValue = dlog(col("post_value_usd"), col("pre_value_usd"));
    Column dlogQuantity = dlog(col("post_quantity_kg"), col("pre_quantity_kg"));
    Column preUnit = when(col("pre_quantity_kg").gt(0), col("pre_value_usd").divide(col("pre_quantity_kg")));
    Column postUnit = when(col("post_quantity_kg").gt(0), col("post_value_usd").divide(col("post_quantity_kg")));

    Map<String, Column> measures = new java.util.LinkedHashMap<>();
    measures.put("route_targeted", functions.coalesce(targeted, lit(false)));
    measures.put("pre_window_complete", col("pre_months_observed").equalTo(
        functions.months_between(col("pre_end"), col("pre_start")).plus(1).cast("long")));
    measures.put("value_change_pct", when(col("pre_value_usd").gt(0),
        pct(col("post_value_usd").divide(col("pre_value_usd")).minus(1.0))));
    measures.put("anticipation_change_pct", when(col("pre_value_usd").gt(0),
        pct(col("anticipation_value_usd").divide(col("pre_value_usd")).minus(1.0))));
    measures.put("yoy_value_change_pct", when(col("yoy_prev").gt(0),
        pct(col("yoy_post").divide(col("yoy_prev")).minus(1.0))));
    measures.put("quantity_change_pct", when(col("pre_quantity_kg").gt(0),
        pct(col("post_quantity_kg").divide(col("pre_quantity_kg")).minus(1.0))));
    measures.put("pre_unit_value_usd_kg", preUnit);
    measures.put("post_unit_value_usd_kg", postUnit);
    measures.put("unit_value_change_pct", when(preUnit.gt(0), pct(postUnit.divide(preUnit).minus(1.0))));
    measures.put("dlog_value", dlogValue);
    measures.put("dlog_quantity", dlogQuantity);
    measures.put("dlog_unit_value", dlogValue.minus(dlogQuantity));
    Column ratioValue = ratio(col("post_value_usd"), col("pre_value_usd"));
    measures.put("did_vs_non_dual_use", when(treatedCategory, did(ratioValue, col("nd_ratio"))));
    measures.put("did_vs_control_destinations", did(ratioValue, col("ctrl_ratio")));
    measures.put("did_triple", when(treatedCategory, did(ratioValue.multiply(col("ctrl_nd_ratio")),
        col("nd_ratio").multiply(col("ctrl_ratio")))));
    measures.put("control_destinations", functions.coalesce(col("control_destinations"),
        expr("array()").cast("array<string>")));
    Column postMonths = functions.months_between(col("post_end"), col("post_start")).plus(1);
    for (int h : HORIZONS) {
      Column reached = postMonths.geq(h);
      Column atH = ratio(col(atHorizon("post_value_usd", h)), col("pre_value_usd"));
      measures.put(atHorizon("value_change_pct", h), when(reached, pct(atH.minus(1.0))));
      measures.put(atHorizon("did_vs_non_dual_use", h),
          when(reached.and(treatedCategory), did(atH, col(atHorizon("nd_ratio", h)))));
      measures.put(atHorizon("did_vs_control_destinations", h),
          when(reached, did(atH, col(atHorizon("ctrl_ratio", h)))));
    }
    return route
        .join(routeNonDualUse, ROUTE, "left")
        .join(control, ROUTE_CATEGORY, "left")
        .join(controlNonDualUse, ROUTE, "left")
        .withColumns(measures);
  }
}
