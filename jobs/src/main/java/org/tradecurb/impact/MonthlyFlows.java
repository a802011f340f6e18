package org.tradecurb.impact;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.tradecurb.spark.TableSpec;
import org.tradecurb.spark.ExactSum;

/** Monthly values and kilograms per route and category, from the figures the source precedence chose. */
public final class MonthlyFlows {

  public static final TableSpec TABLE = TableSpec.builder("monthly_flows")
      .layer("gold")
      .comment("Monthly trade per route and dual-use category (plus all_dual_use, non_dual_use and "
          + "broad_sensitivity), one source per line by the configured precedence; combined Jan+Feb figures split "
          + "evenly and marked.")
      .grain("reporter x partner x flow x period x category")
      .lineage("trade_flows_tagged")
      .column("reporter_iso3", DataTypes.StringType, false, "Reporting country (ISO3)")
      .column("partner_iso3", DataTypes.StringType, false, "Partner country (ISO3; WLD = world)")
      .column("flow", DataTypes.StringType, false, "export or import")
      .column("period", DataTypes.DateType, false, "First day of the month")
      .column("category", DataTypes.StringType, false,
          "Dual-use category (snake case), all_dual_use, non_dual_use or broad_sensitivity")
      .column("value_usd", DataTypes.DoubleType, false, "Value in US dollars")
      .column("quantity_kg", DataTypes.DoubleType, true, "Net weight in kg of the lines that report one")
      .column("kg_coverage", DataTypes.DoubleType, false,
          "Share of value_usd from lines with a net weight (1 = quantity_kg covers the whole value)")
      .column("n_codes", DataTypes.LongType, false, "Distinct commodity codes")
      .column("sources", DataTypes.createArrayType(DataTypes.StringType, true), false,
          "Source(s) the figure came from")
      .column("approximate_share", DataTypes.DoubleType, false,
          "Share of value tagged by an approximate match (HS6 or partial national line)")
      .column("split_from_combined", DataTypes.BooleanType, false,
          "True when part of the figure is half of a combined January+February release")
      .build();

  private MonthlyFlows() {}

  /** From the {@link MonthlyBase}: the lines whose source is used. */
  public static Dataset<Row> compute(Dataset<Row> base) {
    return Categories.explode(base.where(col("used")))
        .groupBy("reporter_iso3", "partner_iso3", "flow", "period", "category")
        .agg(ExactSum.sum("value_usd").as("value_usd"),
            ExactSum.sum("net_weight_kg").as("quantity_kg"),
            ExactSum.sum("kg_value_usd").as("kg_value"),
            sum("n_codes").as("n_codes"),
            functions.array_sort(functions.collect_set("source")).as("sources"),
            ExactSum.sum(when(col("match_approximate"), col("value_usd")).otherwise(lit(0.0))).as("approx_value"),
            max("split_from_combined").as("split_from_combined"))
        .withColumn("kg_coverage", when(col("value_usd").gt(0), col("kg_value").divide(col("value_usd")))
            .otherwise(lit(1.0)))
        .withColumn("approximate_share", when(col("value_usd").gt(0), col("approx_value").divide(col("value_usd")))
            .otherwise(lit(0.0)))
        .drop("kg_value", "approx_value");
  }
}
