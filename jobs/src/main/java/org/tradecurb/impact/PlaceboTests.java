package org.tradecurb.impact;

import static org.apache.spark.sql.functions.col;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.tradecurb.spark.TableSpec;

/**
 * placebo_tests: the estimates where no effect should be — the event moved back 6 and 12 months, and each control
 * destination taken as the target — and the permutation p-value the real target's rank among them gives.
 */
public final class PlaceboTests {

  public static final TableSpec TABLE = TableSpec.builder("placebo_tests")
      .layer("gold")
      .comment("Placebos of each targeted route and category of events that name their destinations: every measure with the event moved back 6 and 12 "
          + "months (post window stopped before the real anticipation month and pre window end), and the control-destination DiD with "
          + "each control destination as the target (the real target left out of its controls). The real "
          + "target's rank by |t| among itself and the destination placebos gives a permutation p-value.")
      .grain("event_id x reporter x partner x flow x category x test x placebo_destination x measure")
      .lineage("curb_estimates' panel (trade_flows_tagged); curb_events; impact settings")
      .column("event_id", DataTypes.StringType, false, "Event (see curb_events)")
      .column("reporter_iso3", DataTypes.StringType, false, "Reporting country of the real route")
      .column("partner_iso3", DataTypes.StringType, false, "Partner country of the real route")
      .column("flow", DataTypes.StringType, false, "export or import")
      .column("category", DataTypes.StringType, false, "Category, all_dual_use or non_dual_use")
      .column("test", DataTypes.StringType, false, "event_minus_6_months, event_minus_12_months, destination "
          + "(a control destination as the target) or target (the real target's own estimate, for the ranking)")
      .column("placebo_destination", DataTypes.StringType, true,
          "The destination taken as the target (destination and target rows)")
      .column("measure", DataTypes.StringType, false, "The measure estimated (see curb_estimates)")
      .column("estimate_pct", DataTypes.DoubleType, true, "Percent effect; near 0 expected for a placebo")
      .column("ci_low_pct", DataTypes.DoubleType, true, "Lower bound of the 95% interval, percent")
      .column("ci_high_pct", DataTypes.DoubleType, true, "Upper bound of the 95% interval, percent")
      .column("p_value", DataTypes.DoubleType, true, "Two-sided p-value against no change")
      .column("target_rank", DataTypes.IntegerType, true,
          "Rank of the real target's |t| among itself and the destination placebos (1 = largest); "
              + "destination and target rows")
      .column("ranked", DataTypes.IntegerType, true, "Estimates ranked (the target and its destination placebos)")
      .column("permutation_p_value", DataTypes.DoubleType, true, "target_rank / ranked: the share of "
          + "destinations whose effect is at least as large as the target's")
      .build();

  private PlaceboTests() {}

  /** The placebo rows of {@link CurbEstimates#estimate}'s output. */
  public static Dataset<Row> compute(Dataset<Row> rows) {
    return CurbEstimates.inPercent(rows.where(col("test").isNotNull()))
        .withColumn("permutation_p_value", col("target_rank").cast("double").divide(col("ranked")));
  }
}
