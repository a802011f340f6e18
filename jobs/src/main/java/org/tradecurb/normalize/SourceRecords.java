package org.tradecurb.normalize;

import java.sql.Date;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.tradecurb.ingest.CustomsFormat;
import org.tradecurb.ingest.Formats;
import org.tradecurb.ingest.RowRejected;
import org.tradecurb.ingest.Source;
import org.tradecurb.ingest.SourceRecord;

/**
 * Bronze rows → typed monthly records, through the same interpretation ingest validated them with (a Japan
 * row becomes twelve months). A row the interpretation now refuses keeps its reason for the quarantine.
 */
public final class SourceRecords {

  public static final StructType SCHEMA = new StructType()
      .add("source", DataTypes.StringType, false)
      .add("source_file", DataTypes.StringType, false)
      .add("source_line", DataTypes.LongType, false)
      .add("ingested_at", DataTypes.TimestampType, false)
      .add("ref_year", DataTypes.IntegerType, false)
      .add("raw_line", DataTypes.StringType, true)
      .add("reporter_code", DataTypes.StringType, true)
      .add("partner_code", DataTypes.StringType, true)
      .add("flow", DataTypes.StringType, true)
      .add("period", DataTypes.DateType, true)
      .add("period_months", DataTypes.IntegerType, true)
      .add("code", DataTypes.StringType, true)
      .add("code_system", DataTypes.StringType, true)
      .add("hs_vintage", DataTypes.StringType, true)
      .add("quantity", DataTypes.DoubleType, true)
      .add("quantity_unit", DataTypes.StringType, true)
      .add("net_weight_kg", DataTypes.DoubleType, true)
      .add("value", DataTypes.DoubleType, true)
      .add("currency", DataTypes.StringType, true)
      .add("valuation", DataTypes.StringType, true)
      .add("record_key", DataTypes.StringType, true)
      .add("breakdown", DataTypes.StringType, true)
      .add("exclusion", DataTypes.StringType, true)
      .add("reject_reason", DataTypes.StringType, true)
      .add("reject_message", DataTypes.StringType, true);

  private SourceRecords() {}

  public static Dataset<Row> fromBronze(Dataset<Row> bronze, Source source) {
    return bronze.flatMap(new Interpret(source), Encoders.row(SCHEMA));
  }

  /** Reads the published fields by name and applies the format's interpretation. */
  private static final class Interpret implements FlatMapFunction<Row, Row> {
    private final Source source;
    private final CustomsFormat format;

    Interpret(Source source) {
      this.source = source;
      this.format = Formats.of(source);
    }

    @Override
    public Iterator<Row> call(Row bronze) {
      List<String> fields = new ArrayList<>();
      for (String column : format.bronzeColumns()) {
        fields.add(bronze.getAs(column));
      }
      String file = bronze.getAs("source_file");
      long line = bronze.<Long>getAs("source_line");
      Object ingestedAt = bronze.getAs("ingested_at");
      int refYear = bronze.<Integer>getAs("ref_year");
      String raw = String.join(",", fields.stream().map(f -> f == null ? "" : f).toList());
      List<Row> out = new ArrayList<>();
      try {
        for (SourceRecord r : format.interpret(fields)) {
          out.add(RowFactory.create(source.id, file, line, ingestedAt, refYear, raw, r.reporterCode(),
              r.partnerCode(), r.flow(), Date.valueOf(r.period()), r.periodMonths(), r.code(), r.codeSystem(),
              r.hsVintage(), r.quantity(), r.quantityUnit(), r.netWeightKg(), r.value(), r.currency(),
              r.valuation(), r.recordKey(), r.breakdown(), r.exclusion(), null, null));
        }
      } catch (RowRejected e) {
        out.add(RowFactory.create(source.id, file, line, ingestedAt, refYear, raw, null, null, null, null,
            null, null, null, null, null, null, null, null, null, null, null, null, null,
            e.reason().name(), e.getMessage()));
      }
      return out.iterator();
    }
  }
}
