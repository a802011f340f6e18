package org.tradecurb.normalize;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.tradecurb.ingest.Source;
import org.tradecurb.spark.TableSpec;
import org.tradecurb.spark.ExactSum;

/**
 * The pure core of normalize. {@link #classify} decides for every typed record whether it is accepted,
 * quarantined (with a reason) or deliberately excluded; {@link #aggregate} folds the accepted records into
 * the trade_flows grain. Both are Dataset → Dataset and hold every rule of the silver layer.
 */
public final class TradeFlows {

  public static final String ACCEPTED = "accepted";
  public static final String QUARANTINED = "quarantined";
  public static final String EXCLUDED = "excluded";

  public static final TableSpec TABLE = TableSpec.builder("trade_flows")
      .layer("silver")
      .comment("All sources in one long monthly schema: ISO countries, export/import, national codes with "
          + "their HS6, quantities, values as reported and in US dollars. Figures from different sources for the "
          + "same route are separate rows (see source): never add them up.")
      .grain("source x reporter x partner x flow x period x code (x unit)")
      .lineage("comtrade_raw, japan_customs_raw, china_customs_raw; partner crosswalks; fx_monthly")
      .column("source", DataTypes.StringType, false, "comtrade, japan_customs or china_customs")
      .column("reporter_iso3", DataTypes.StringType, false, "Reporting country, ISO 3166-1 alpha-3")
      .column("partner_iso3", DataTypes.StringType, false,
          "Partner country, ISO alpha-3; WLD = world total; X.. = areas not specified (see reference README)")
      .column("flow", DataTypes.StringType, false, "export (by destination) or import (by origin)")
      .column("period", DataTypes.DateType, false, "First day of the month")
      .column("period_months", DataTypes.IntegerType, false,
          "1, or 2 for a China Customs figure published for January and February together (period = January)")
      .column("code", DataTypes.StringType, false, "Commodity code at the source's precision, digits only")
      .column("code_system", DataTypes.StringType, false,
          "CN8/CN10 (China), JP9 (Japan), HS6-H6 etc. (Comtrade: digits and classification)")
      .column("hs6", DataTypes.StringType, true, "First six digits of the code; null for codes shorter than six")
      .column("hs_vintage", DataTypes.StringType, false, "HS edition the code belongs to (HS2017, HS2022, ...)")
      .column("quantity", DataTypes.DoubleType, true, "Quantity in quantity_unit; null where not reported")
      .column("quantity_unit", DataTypes.StringType, true, "kg, t, u (items), or the source's unit")
      .column("net_weight_kg", DataTypes.DoubleType, true, "Net weight in kilograms where the source gives one")
      .column("value", DataTypes.DoubleType, false, "Value as reported, in currency units (yen, not thousands)")
      .column("currency", DataTypes.StringType, false, "USD, JPY or CNY")
      .column("value_usd", DataTypes.DoubleType, false, "value converted at the monthly average rate")
      .column("usd_rate", DataTypes.DoubleType, false, "Units of currency per US dollar used (1 for USD)")
      .column("fx_quality", DataTypes.StringType, false,
          "Quality of the rate used: published, approximate or provisional (see reference/README.md); "
              + "published for values reported in USD")
      .column("valuation", DataTypes.StringType, false, "FOB for exports, CIF for imports")
      .column("detail_summed", DataTypes.BooleanType, false,
          "True when the figure is the sum of port or regime/province detail rows")
      .column("source_records", DataTypes.LongType, false, "Source records summed into this row")
      .column("source_files", DataTypes.createArrayType(DataTypes.StringType, true), false,
          "Input files the figure came from")
      .column("normalized_run_id", DataTypes.StringType, false, "Normalize run that wrote the row")
      .column("year", DataTypes.IntegerType, false,
          "Calendar year of period (partition key: a run replaces whole source-years)")
      .partitionedBy("source", "year")
      .build();

  private TradeFlows() {}

  private static Column scheme(Column source) {
    return when(source.equalTo(Source.COMTRADE.id), lit(PartnerCrosswalk.M49))
        .when(source.equalTo(Source.JAPAN_CUSTOMS.id), lit(PartnerCrosswalk.JAPAN))
        .otherwise(lit(PartnerCrosswalk.GACC));
  }

  /** Numeric codes compare without leading zeros, as the crosswalk stores them. */
  private static Column numericCode(Column code) {
    return when(code.rlike("^[0-9]+$"), code.cast("int").cast("string")).otherwise(code);
  }

  /**
   * A Japan Customs year file leaves the months after its last published one blank or zero: adds
   * {@code last_published}, the file's last month with any figure, for {@link #classify} to exclude the rest.
   * Applied to Japan's records alone, so the other sources' records are never shuffled by file.
   */
  public static Dataset<Row> withLastPublished(Dataset<Row> japanRecords) {
    return japanRecords.withColumn("last_published", functions.max(
        when(col("value").gt(0).or(col("quantity").gt(0)), col("period"))).over(Window.partitionBy("source_file")));
  }

  /** Records of the sources without unpublished months, with {@code last_published} null. */
  public static Dataset<Row> allPublished(Dataset<Row> records) {
    return records.withColumn("last_published", lit(null).cast("date"));
  }

  /**
   * Adds {@code disposition}, {@code reason_code}, {@code reason_message}, the ISO countries and the
   * exchange rate to every record (with {@code last_published}: {@link #withLastPublished}). Rules, first
   * match wins: refused by the format; excluded by the format (Comtrade breakdown and annual rows); a Japan
   * month after the file's last published month; a duplicate of a record from another file or line; port or
   * regime detail of a figure a national file also has; an unmapped reporter or partner; no exchange rate.
   *
   * <p>Records are shuffled once, by source, month and code: the same record (its key names its month and
   * code), the same figure and the trade_flows grain all fall within one such group, so both windows and
   * the aggregate after them run without another exchange.
   */
  public static Dataset<Row> classify(Dataset<Row> records, Dataset<Row> partners, Dataset<Row> fx) {
    Column usable = col("reject_reason").isNull().and(col("exclusion").isNull());
    Dataset<Row> r = records.repartition(col("source"), col("period"), col("code"))
        .withColumn("usable", usable.and(coalesce(col("period").leq(col("last_published")), lit(true))));

    // The same record (its key names its route, month and code) and the same figure: one sort serves both
    // windows, the figure's columns leading the record's.
    String[] figure = {"source", "period", "code", "flow", "reporter_code", "partner_code"};
    WindowSpec sameRecord = Window.partitionBy(col("source"), col("period"), col("code"), col("flow"),
            col("reporter_code"), col("partner_code"), col("record_key"))
        .orderBy(col("ingested_at").desc(), col("source_file").desc(), col("source_line").desc());
    r = r.withColumn("copy_no", when(col("usable"), row_number().over(sameRecord)))
        .withColumn("first_copy", when(col("usable"),
            concat(first("source_file").over(sameRecord), lit(" line "),
                first("source_line").over(sameRecord).cast("string"))));

    WindowSpec sameFigure = Window.partitionBy(figure[0], java.util.Arrays.copyOfRange(figure, 1, figure.length));
    r = r.withColumn("has_national", max(when(col("usable").and(col("copy_no").equalTo(1))
        .and(col("breakdown").isNull()), lit(1)).otherwise(lit(0))).over(sameFigure));

    Dataset<Row> reporters = partners.select(col("scheme").as("r_scheme"), col("code").as("r_code"),
        col("iso3").as("reporter_iso3_mapped"));
    Dataset<Row> partnerMap = partners.select(col("scheme").as("p_scheme"), col("code").as("p_code"),
        col("iso3").as("partner_iso3_mapped"));
    r = r.join(broadcast(reporters), scheme(col("source")).equalTo(col("r_scheme"))
            .and(numericCode(col("reporter_code")).equalTo(col("r_code"))), "left")
        .join(broadcast(partnerMap), scheme(col("source")).equalTo(col("p_scheme"))
            .and(numericCode(col("partner_code")).equalTo(col("p_code"))), "left")
        .join(broadcast(fx.select(col("currency").as("fx_currency"), col("period").as("fx_period"),
                col("period_months").as("fx_months"), col("units_per_usd"), col("fx_quality"))),
            col("currency").equalTo(col("fx_currency")).and(col("period").equalTo(col("fx_period")))
                .and(col("period_months").equalTo(col("fx_months"))), "left");

    Column reporterIso = when(col("source").equalTo(Source.COMTRADE.id), col("reporter_iso3_mapped"))
        .otherwise(col("reporter_code"));
    Column partnerIso = when(col("partner_code").equalTo("WLD"), lit("WLD")).otherwise(col("partner_iso3_mapped"));
    Column rate = when(col("currency").equalTo("USD"), lit(1.0)).otherwise(col("units_per_usd"));

    Column disposition = when(col("reject_reason").isNotNull(), lit(QUARANTINED))
        .when(col("exclusion").isNotNull(), lit(EXCLUDED))
        .when(col("usable").equalTo(false), lit(EXCLUDED))
        .when(col("copy_no").gt(1), lit(QUARANTINED))
        .when(col("breakdown").isNotNull().and(col("has_national").equalTo(1)), lit(EXCLUDED))
        .when(reporterIso.isNull().or(partnerIso.isNull()), lit(QUARANTINED))
        .when(rate.isNull(), lit(QUARANTINED))
        .otherwise(lit(ACCEPTED));
    Column reasonCode = when(col("reject_reason").isNotNull(), col("reject_reason"))
        .when(col("exclusion").isNotNull(), col("exclusion"))
        .when(col("usable").equalTo(false), lit("month_not_yet_published"))
        .when(col("copy_no").gt(1), lit("DUPLICATE_RECORD"))
        .when(col("breakdown").isNotNull().and(col("has_national").equalTo(1)), lit("detail_of_national_figure"))
        .when(reporterIso.isNull().or(partnerIso.isNull()), lit("UNMAPPED_COUNTRY"))
        .when(rate.isNull(), lit("NO_FX_RATE"));
    Column reasonMessage = when(col("reject_reason").isNotNull(), col("reject_message"))
        .when(col("copy_no").gt(1), concat(lit("same record as "), col("first_copy"), lit(" (key "),
            col("record_key"), lit(")")))
        .when(reporterIso.isNull(), concat(lit("reporter code "), col("reporter_code"), lit(" has no ISO3 in the "),
            scheme(col("source")), lit(" crosswalk")))
        .when(partnerIso.isNull(), concat(lit("partner code "), col("partner_code"), lit(" has no ISO3 in the "),
            scheme(col("source")), lit(" crosswalk")))
        .when(rate.isNull(), concat(lit("no "), col("currency"), lit(" rate for "),
            substring(col("period").cast("string"), 1, 7),
            when(col("period_months").equalTo(2), lit(" (combined Jan-Feb)")).otherwise(lit("")),
            lit(" in the FX table")));

    return r.withColumn("disposition", disposition)
        .withColumn("reason_code", reasonCode)
        .withColumn("reason_message", reasonMessage)
        .withColumn("reporter_iso3", reporterIso)
        .withColumn("partner_iso3", partnerIso)
        .withColumn("usd_rate", rate)
        .withColumn("fx_quality", when(col("currency").equalTo("USD"), lit("published"))
            .otherwise(col("fx_quality")))
        .drop("last_published", "usable", "copy_no", "first_copy", "has_national", "r_scheme", "r_code",
            "reporter_iso3_mapped", "p_scheme", "p_code", "partner_iso3_mapped", "fx_currency", "fx_period",
            "fx_months", "units_per_usd");
  }

  /** Accepted records summed to the trade_flows grain (port and regime/province detail add up here). */
  public static Dataset<Row> aggregate(Dataset<Row> classified, String runId) {
    Column allQuantities = count(col("quantity")).equalTo(count(lit(1)));
    Column allWeights = count(col("net_weight_kg")).equalTo(count(lit(1)));
    return classified.where(col("disposition").equalTo(ACCEPTED))
        .groupBy("source", "reporter_iso3", "partner_iso3", "flow", "period", "period_months", "code",
            "code_system", "hs_vintage", "quantity_unit", "currency", "valuation", "usd_rate", "fx_quality")
        .agg(when(allQuantities, ExactSum.sum("quantity")).as("quantity"),
            when(allWeights, ExactSum.sum("net_weight_kg")).as("net_weight_kg"),
            ExactSum.sum("value").as("value"),
            functions.max(col("breakdown").isNotNull()).as("detail_summed"),
            count(lit(1)).as("source_records"),
            functions.array_sort(functions.collect_set("source_file")).as("source_files"))
        .withColumn("value_usd", col("value").divide(col("usd_rate")))
        .withColumn("hs6", when(functions.length(col("code")).geq(6), substring(col("code"), 1, 6)))
        .withColumn("normalized_run_id", lit(runId))
        .withColumn("year", functions.year(col("period")));
  }
}
