package org.tradecurb.impact;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_position;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
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
 * The same flow often arrives twice — China's exports from China Customs and from Comtrade (reporter 156),
 * Japan's imports from Japan Customs and from Comtrade (392). Figures are never added across sources: per
 * reporter × partner × flow × month × HS6, the first source in the reporter's precedence list that has the
 * line is used, and the others feed the source comparison.
 */
public final class SourceSelection {

  public static final TableSpec COMPARISON = TableSpec.builder("source_comparison")
      .layer("gold")
      .comment("The same flows as reported by each source side by side (monthly, by category), before any "
          + "choice between them: where national statistics and Comtrade disagree.")
      .grain("reporter x partner x flow x period x category x source")
      .lineage("trade_flows_tagged (every source)")
      .column("reporter_iso3", DataTypes.StringType, false, "Reporting country")
      .column("partner_iso3", DataTypes.StringType, false, "Partner country")
      .column("flow", DataTypes.StringType, false, "export or import")
      .column("period", DataTypes.DateType, false, "Month (combined Jan+Feb figures split evenly)")
      .column("category", DataTypes.StringType, false,
          "Dual-use category, all_dual_use, non_dual_use or broad_sensitivity")
      .column("source", DataTypes.StringType, false, "comtrade, japan_customs or china_customs")
      .column("value_usd", DataTypes.DoubleType, false, "Value in US dollars reported by this source")
      .column("quantity_kg", DataTypes.DoubleType, true, "Net weight in kg reported by this source")
      .column("used", DataTypes.BooleanType, false, "Whether the impact tables use this source's figure "
          + "(for at least part of the month's lines)")
      .column("value_vs_used_pct", DataTypes.DoubleType, true,
          "This source's value relative to the figure the impact tables use, in percent (0 = identical)")
      .build();

  private SourceSelection() {}

  /** Position of the row's source in its reporter's precedence list (1 = preferred). */
  static Column rank(Map<String, List<String>> precedence) {
    List<Column> entries = new ArrayList<>();
    for (Map.Entry<String, List<String>> e : precedence.entrySet()) {
      if (!e.getKey().equals(ImpactSettings.DEFAULT_PRECEDENCE)) {
        entries.add(lit(e.getKey()));
        entries.add(array(e.getValue().stream().map(functions::lit).toArray(Column[]::new)));
      }
    }
    Column fallback = array(precedence.get(ImpactSettings.DEFAULT_PRECEDENCE).stream().map(functions::lit)
        .toArray(Column[]::new));
    Column list = entries.isEmpty() ? fallback
        : coalesce(element_at(functions.map(entries.toArray(new Column[0])), col("reporter_iso3")), fallback);
    Column position = array_position(list, col("source"));
    // A source missing from the list ranks after every listed one.
    return when(position.equalTo(0), lit(1000L)).otherwise(position);
  }

  /** Adds {@code used}: whether this row's source is the one chosen for its line. */
  public static Dataset<Row> mark(Dataset<Row> flows, Map<String, List<String>> precedence) {
    Column key = coalesce(col("hs6"), col("code"));
    return flows.withColumn("source_rank", rank(precedence))
        .withColumn("used", col("source_rank").equalTo(min("source_rank").over(Window.partitionBy(
            col("reporter_iso3"), col("partner_iso3"), col("flow"), col("period"), key))))
        .drop("source_rank");
  }

  /**
   * China Customs sometimes publishes January and February only together: the figure is split evenly over
   * the two months and marked, so it is never read as a collapse in January. {@code release_end} keeps the
   * release's last month (null for a single month), so that windows can take the release as one period.
   */
  public static Dataset<Row> splitCombinedMonths(Dataset<Row> flows) {
    Column months = functions.sequence(lit(0), col("period_months").minus(1));
    Column share = lit(1.0).divide(col("period_months"));
    return flows.withColumn("release_end", when(col("period_months").gt(1),
            functions.add_months(col("period"), col("period_months").minus(1)).cast("date")))
        .withColumn("month_offset", explode(months))
        .withColumn("period", functions.add_months(col("period"), col("month_offset")).cast("date"))
        .withColumn("split_from_combined", col("period_months").gt(1))
        .withColumn("value_usd", col("value_usd").multiply(share))
        .withColumn("net_weight_kg", col("net_weight_kg").multiply(share))
        .drop("month_offset");
  }

  /**
   * Every source's monthly figures by category ({@link MonthlyBase}), beside the figure the impact tables use:
   * monthly_flows' value, the used lines' sum per route, month and category.
   */
  public static Dataset<Row> comparison(Dataset<Row> base, Dataset<Row> monthlyFlows) {
    Dataset<Row> bySource = Categories.explode(base)
        .groupBy("reporter_iso3", "partner_iso3", "flow", "period", "category", "source")
        .agg(ExactSum.sum("value_usd").as("value_usd"), ExactSum.sum("net_weight_kg").as("quantity_kg"),
            functions.max("used").as("used"));
    Dataset<Row> used = monthlyFlows.select(col("reporter_iso3"), col("partner_iso3"), col("flow"), col("period"),
        col("category"), col("value_usd").as("used_value_usd"));
    return bySource.join(used, new String[] {"reporter_iso3", "partner_iso3", "flow", "period", "category"}, "left")
        .withColumn("value_vs_used_pct", when(col("used_value_usd").gt(0),
            col("value_usd").divide(col("used_value_usd")).minus(1).multiply(100)))
        .drop("used_value_usd");
  }
}
