package org.tradecurb.impact;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.tradecurb.spark.ExactSum;

/**
 * The one aggregate every gold table is derived from: the tagged flows, combined January–February figures
 * split, each line marked with whether its source is the one used, summed per route, month, source and tag
 * set — small, whatever the size of the tagged table. Only the mirror routes (China's exports to Japan,
 * Japan's imports from China) keep their HS6 lines ({@code mirror_hs6}), which mirror_flows compares; dual-use
 * lines keep their code ({@code dual_use_code}, null for the rest), the panel the estimates are fitted on.
 *
 * <p>Columns: the grouping keys, {@code value_usd}, {@code net_weight_kg} (of the lines that report one),
 * {@code kg_value_usd} (value of those lines), {@code fx_published_value_usd} (value of lines in US dollars or
 * converted at a published rate), {@code n_codes} (distinct codes: a code falls in one group per
 * route and month, so group counts add up).
 */
public final class MonthlyBase {

  static final String[] KEYS = {"reporter_iso3", "partner_iso3", "flow", "period", "source", "used", "dual_use",
      "dual_use_category", "control_categories", "control_instruments", "match_approximate", "match_breadth",
      "split_from_combined", "release_end", "mirror_hs6", "dual_use_code"};

  private MonthlyBase() {}

  public static Dataset<Row> of(Dataset<Row> tagged, Map<String, List<String>> sourcePrecedence) {
    // One shuffle, by route and month, serves the source choice's window and the aggregate's two steps below:
    // each groups within a route and month.
    Dataset<Row> byRouteMonth = SourceSelection.splitCombinedMonths(tagged)
        .repartition(col("reporter_iso3"), col("partner_iso3"), col("flow"), col("period"));
    Dataset<Row> marked = SourceSelection.mark(byRouteMonth, sourcePrecedence);
    Column[] keys = Arrays.stream(KEYS).map(k -> col(k)).toArray(Column[]::new);
    Column[] keysAndCode = Stream.concat(Arrays.stream(keys), Stream.of(col("code"))).toArray(Column[]::new);
    // Two steps, by code and then without it, each partitioned as the shuffle left the rows: the distinct count of
    // codes is then a count of the first step's groups, where countDistinct would double every row (Expand).
    return marked.withColumn("mirror_hs6", when(MirrorFlows.mirrorRoute(), col("hs6")))
        .withColumn("dual_use_code", when(col("dual_use"), col("code")))
        .groupBy(keysAndCode)
        .agg(ExactSum.units(col("value_usd")).as("value_usd"),
            ExactSum.units(col("net_weight_kg")).as("net_weight_kg"),
            ExactSum.units(when(col("net_weight_kg").isNotNull(), col("value_usd")).otherwise(lit(0.0)))
                .as("kg_value_usd"),
            ExactSum.units(when(col("fx_quality").equalTo("published"), col("value_usd")).otherwise(lit(0.0)))
                .as("fx_published_value_usd"),
            count(lit(1)).as("lines"))
        .groupBy(keys)
        .agg(ExactSum.ofUnits("value_usd").as("value_usd"),
            ExactSum.ofUnits("net_weight_kg").as("net_weight_kg"),
            ExactSum.ofUnits("kg_value_usd").as("kg_value_usd"),
            ExactSum.ofUnits("fx_published_value_usd").as("fx_published_value_usd"),
            count(col("code")).as("n_codes"),
            sum("lines").as("lines"));
  }
}
