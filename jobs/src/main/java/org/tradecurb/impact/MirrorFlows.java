package org.tradecurb.impact;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.tradecurb.spark.TableSpec;
import org.tradecurb.spark.ExactSum;

/**
 * Both sides' statistics of the same trade: China's reported exports to Japan (FOB, by destination) against
 * Japan's reported imports from China (CIF, by origin). The raw gap mixes the CIF/FOB margin, shipping lags,
 * re-routing and classification; the adjusted gap removes the expected margin.
 */
public final class MirrorFlows {

  private static StructType measures() {
    return new StructType()
        .add(field("china_exports_usd", DataTypes.DoubleType, "China's reported exports to Japan, FOB, USD"))
        .add(field("japan_imports_usd", DataTypes.DoubleType, "Japan's reported imports from China, CIF, USD"))
        .add(field("china_exports_kg", DataTypes.DoubleType, "China's reported exports to Japan, kg"))
        .add(field("japan_imports_kg", DataTypes.DoubleType, "Japan's reported imports from China, kg"))
        .add(field("gap_usd", DataTypes.DoubleType, "japan_imports_usd - china_exports_usd"))
        .add(field("gap_pct", DataTypes.DoubleType, "gap_usd as percent of china_exports_usd"))
        .add(field("expected_japan_imports_usd", DataTypes.DoubleType,
            "china_exports_usd x (1 + CIF/FOB margin)"))
        .add(field("adjusted_gap_usd", DataTypes.DoubleType, "japan_imports_usd - expected_japan_imports_usd"))
        .add(field("adjusted_gap_pct", DataTypes.DoubleType, "adjusted_gap_usd as percent of the expected value"))
        .add(field("cif_fob_margin", DataTypes.DoubleType, "The margin used (impact.cif-fob-margin)"))
        .add(field("china_sources", DataTypes.createArrayType(DataTypes.StringType, true),
            "Source(s) of China's figure"))
        .add(field("japan_sources", DataTypes.createArrayType(DataTypes.StringType, true),
            "Source(s) of Japan's figure"))
        .add(field("split_from_combined", DataTypes.BooleanType,
            "True when China's figure includes half of a combined Jan+Feb release"));
  }

  private static org.apache.spark.sql.types.StructField field(String name, org.apache.spark.sql.types.DataType type,
      String comment) {
    return new org.apache.spark.sql.types.StructField(name, type, true,
        new org.apache.spark.sql.types.MetadataBuilder().putString("comment", comment).build());
  }

  public static final TableSpec BY_HS6 = TableSpec.builder("mirror_flows")
      .layer("gold")
      .comment("China's reported exports to Japan vs Japan's reported imports from China, per month and HS6, "
          + "with the gap before and after the expected CIF/FOB margin.")
      .grain("period x hs6")
      .lineage("trade_flows_tagged (source precedence per side)")
      .column("period", DataTypes.DateType, false, "Month")
      .column("hs6", DataTypes.StringType, false, "HS6 subheading")
      .column("dual_use_category", DataTypes.StringType, true,
          "Dual-use category of the subheading's matched lines (China side first; the category holding most of "
              + "the side's value), broad_sensitivity when they are matched only through broad lines; null if none")
      .columns(measures())
      .build();

  public static final TableSpec BY_CATEGORY = TableSpec.builder("mirror_flows_by_category")
      .layer("gold")
      .comment("mirror_flows summed per month and dual-use category (plus all_dual_use, non_dual_use and "
          + "broad_sensitivity).")
      .grain("period x category")
      .lineage("mirror_flows")
      .column("period", DataTypes.DateType, false, "Month")
      .column("category", DataTypes.StringType, false,
          "Dual-use category, all_dual_use, non_dual_use or broad_sensitivity")
      .columns(measures())
      .build();

  private MirrorFlows() {}

  /** The two sides compared: China's exports to Japan and Japan's imports from China. */
  static Column mirrorRoute() {
    return col("reporter_iso3").equalTo("CHN").and(col("partner_iso3").equalTo("JPN")).and(col("flow").equalTo("export"))
        .or(col("reporter_iso3").equalTo("JPN").and(col("partner_iso3").equalTo("CHN")).and(col("flow").equalTo("import")));
  }

  /**
   * One side's HS6 figures. A subheading whose lines fall under several categories takes the one holding most
   * of its value that month (ties: the later name), so a category is never picked by the alphabet alone.
   */
  private static Dataset<Row> side(Dataset<Row> base, String reporter, String partner, String flow,
      String prefix) {
    Column lineCategory = when(col("dual_use"), col("dual_use_category"))
        .when(Categories.broad(), lit(Categories.BROAD_SENSITIVITY));
    Dataset<Row> byCategory = base.where(col("used").and(col("reporter_iso3").equalTo(reporter))
            .and(col("partner_iso3").equalTo(partner)).and(col("flow").equalTo(flow))
            .and(col("mirror_hs6").isNotNull()))
        .groupBy(col("period"), col("mirror_hs6").as("hs6"), lineCategory.as("line_category"))
        .agg(ExactSum.sum("value_usd").as("usd"), ExactSum.sum("net_weight_kg").as("kg"),
            functions.collect_set("source").as("sources"), max("split_from_combined").as("split"));
    return byCategory.groupBy("period", "hs6")
        .agg(ExactSum.sum("usd").as(prefix + "_usd"), ExactSum.sum("kg").as(prefix + "_kg"),
            max(when(col("line_category").isNotNull(), functions.struct(col("usd"), col("line_category"))))
                .getField("line_category").as(prefix + "_category"),
            functions.array_sort(functions.array_distinct(functions.flatten(functions.collect_list("sources"))))
                .as(prefix.split("_")[0] + "_sources"),
            max("split").as(prefix + "_split"));
  }

  private static Dataset<Row> withGaps(Dataset<Row> d, double margin) {
    Column china = coalesce(col("china_exports_usd"), lit(0.0));
    Column japan = coalesce(col("japan_imports_usd"), lit(0.0));
    Column expected = china.multiply(1.0 + margin);
    return d.withColumn("gap_usd", japan.minus(china))
        .withColumn("gap_pct", when(china.gt(0), japan.minus(china).divide(china).multiply(100.0)))
        .withColumn("expected_japan_imports_usd", expected)
        .withColumn("adjusted_gap_usd", japan.minus(expected))
        .withColumn("adjusted_gap_pct", when(expected.gt(0), japan.minus(expected).divide(expected).multiply(100.0)))
        .withColumn("cif_fob_margin", lit(margin));
  }

  /** From the {@link MonthlyBase}: its HS6 lines of the two mirror routes. */
  public static Dataset<Row> byHs6(Dataset<Row> base, double margin) {
    Dataset<Row> china = side(base, "CHN", "JPN", "export", "china_exports");
    Dataset<Row> japan = side(base, "JPN", "CHN", "import", "japan_imports");
    Dataset<Row> joined = china.join(japan, new String[] {"period", "hs6"}, "full_outer")
        .withColumn("dual_use_category", coalesce(col("china_exports_category"), col("japan_imports_category")))
        .withColumn("split_from_combined", coalesce(col("china_exports_split"), lit(false)))
        .withColumn("china_sources", coalesce(col("china_sources"), functions.expr("array()").cast("array<string>")))
        .withColumn("japan_sources", coalesce(col("japan_sources"), functions.expr("array()").cast("array<string>")))
        .drop("china_exports_category", "japan_imports_category", "china_exports_split", "japan_imports_split");
    return withGaps(joined, margin);
  }

  public static Dataset<Row> byCategory(Dataset<Row> byHs6, double margin) {
    Column categories = when(col("dual_use_category").equalTo(Categories.BROAD_SENSITIVITY),
        functions.array(col("dual_use_category")))
        .when(col("dual_use_category").isNotNull(),
            functions.array(col("dual_use_category"), lit(Categories.ALL_DUAL_USE)))
        .otherwise(functions.array(lit(Categories.NON_DUAL_USE)));
    Dataset<Row> summed = byHs6.withColumn("category", functions.explode(categories))
        .groupBy("period", "category")
        .agg(ExactSum.sum("china_exports_usd").as("china_exports_usd"),
            ExactSum.sum("japan_imports_usd").as("japan_imports_usd"),
            ExactSum.sum("china_exports_kg").as("china_exports_kg"),
            ExactSum.sum("japan_imports_kg").as("japan_imports_kg"),
            functions.array_sort(functions.array_distinct(functions.flatten(functions.collect_list("china_sources"))))
                .as("china_sources"),
            functions.array_sort(functions.array_distinct(functions.flatten(functions.collect_list("japan_sources"))))
                .as("japan_sources"),
            max("split_from_combined").as("split_from_combined"));
    return withGaps(summed, margin);
  }
}
