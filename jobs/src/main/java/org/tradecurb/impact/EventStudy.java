package org.tradecurb.impact;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.tradecurb.spark.TableSpec;

/** Leads and lags: each month around the event, indexed to the route's pre-window mean. */
public final class EventStudy {

  public static final TableSpec TABLE = TableSpec.builder("event_study")
      .layer("gold")
      .comment("Monthly value and kilograms around each event (relative months -N..+N), indexed to the "
          + "pre-window mean (=100), with anticipation months marked: front-loading, collapse, recovery.")
      .grain("event_id x reporter x partner x flow x category x relative_month")
      .lineage("the event panel (trade_flows_tagged); curb_impact pre-window means")
      .column("event_id", DataTypes.StringType, false, "Event (see curb_events)")
      .column("reporter_iso3", DataTypes.StringType, false, "Reporting country")
      .column("partner_iso3", DataTypes.StringType, false, "Partner country")
      .column("flow", DataTypes.StringType, false, "export or import")
      .column("category", DataTypes.StringType, false, "Category, all_dual_use, non_dual_use or broad_sensitivity")
      .column("period", DataTypes.DateType, false, "Month")
      .column("relative_month", DataTypes.IntegerType, false, "Months from the event month (0 = event month)")
      .column("value_usd", DataTypes.DoubleType, false, "Value in the month, US dollars")
      .column("quantity_kg", DataTypes.DoubleType, true, "Net weight in the month, kilograms")
      .column("value_index", DataTypes.DoubleType, true, "100 x value / pre-window mean value")
      .column("quantity_index", DataTypes.DoubleType, true, "100 x kg / pre-window mean kg")
      .column("yoy_value_change_pct", DataTypes.DoubleType, true, "Value vs the same month a year earlier, percent")
      .column("is_anticipation", DataTypes.BooleanType, false,
          "Month between the anticipation date's month and the event month")
      .column("window", DataTypes.StringType, true, "pre, anticipation or post when the month is in a curb_impact window")
      .column("coef_pct", DataTypes.DoubleType, true, "Event-study coefficient against the control destinations "
          + "(see curb_estimates), percent, normalised to 0 in the reference month (the last month before anticipation published on its own; the "
          + "pre_trend row's relative_month in curb_estimates); targeted routes")
      .column("coef_ci_low", DataTypes.DoubleType, true, "Lower bound of the coefficient's 95% band, percent")
      .column("coef_ci_high", DataTypes.DoubleType, true, "Upper bound of the coefficient's 95% band, percent")
      .column("pre_trend_p_value", DataTypes.DoubleType, true,
          "p-value of the joint test that every lead before that month is zero (the same on each row of a route)")
      .build();

  private EventStudy() {}

  /**
   * @param windowed the panel with windows ({@link EventPanel#withWindows})
   * @param impact curb_impact rows, for each route's pre-window means
   */
  public static Dataset<Row> compute(Dataset<Row> windowed, Dataset<Row> impact, int months) {
    Column relative = functions.months_between(col("period"), col("event_month")).cast("int");
    Dataset<Row> baseline = impact.select(col("event_id"), col("reporter_iso3"), col("partner_iso3"), col("flow"),
        col("category"), col("pre_value_usd"), col("pre_quantity_kg"));
    Map<String, Column> measures = new LinkedHashMap<>();
    measures.put("value_index", when(col("pre_value_usd").gt(0),
        col("value_usd").divide(col("pre_value_usd")).multiply(100.0)));
    measures.put("quantity_index", when(col("pre_quantity_kg").gt(0),
        col("quantity_kg").divide(col("pre_quantity_kg")).multiply(100.0)));
    measures.put("yoy_value_change_pct", when(col("prev_value_usd").gt(0),
        col("value_usd").divide(col("prev_value_usd")).minus(1.0).multiply(100.0)));
    measures.put("is_anticipation", functions.coalesce(col("period").geq(col("anticipation_month"))
        .and(col("period").lt(col("event_month"))), lit(false)));
    return windowed.withColumn("relative_month", relative)
        .where(col("relative_month").between(-months, months))
        .join(baseline, CurbImpact.ROUTE_CATEGORY, "left")
        .withColumns(measures);
  }

  /**
   * The event-study rows with their coefficients and bands from {@link CurbEstimates#estimate}'s output, and
   * the route's pre-trend test.
   */
  public static Dataset<Row> withBands(Dataset<Row> study, Dataset<Row> rows) {
    Dataset<Row> main = CurbEstimates.inPercent(rows.where(col("test").isNull()));
    Dataset<Row> coefficients = main.where(col("measure").equalTo(CurbEstimator.EVENT_STUDY)).select(
        col("event_id"), col("reporter_iso3"), col("partner_iso3"), col("flow"), col("category"),
        col("relative_month"), col("estimate_pct").as("coef_pct"), col("ci_low_pct").as("coef_ci_low"),
        col("ci_high_pct").as("coef_ci_high"));
    // The pre-trend row carries the route's reference month, where the coefficient is 0 by construction.
    Dataset<Row> preTrend = main.where(col("measure").equalTo(CurbEstimator.PRE_TREND)).select(col("event_id"),
        col("reporter_iso3"), col("partner_iso3"), col("flow"), col("category"),
        col("p_value").as("pre_trend_p_value"), col("relative_month").as("reference_month"));
    String[] month = java.util.stream.Stream.concat(java.util.Arrays.stream(CurbImpact.ROUTE_CATEGORY),
        java.util.stream.Stream.of("relative_month")).toArray(String[]::new);
    return study.join(coefficients, month, "left")
        .join(preTrend, CurbImpact.ROUTE_CATEGORY, "left")
        .withColumn("coef_pct", functions.coalesce(col("coef_pct"),
            when(col("relative_month").equalTo(col("reference_month")), lit(0.0))))
        .drop("reference_month");
  }
}
