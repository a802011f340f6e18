package org.tradecurb.normalize;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.sql.Date;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.tradecurb.ingest.CustomsFormat;
import org.tradecurb.ingest.Formats;
import org.tradecurb.ingest.RowRejected;
import org.tradecurb.ingest.Source;
import org.tradecurb.ingest.SourceRecord;
import org.tradecurb.spark.JavaRows;

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
      .add("raw_line", DataTypes.StringType, true) // only where the interpretation refused the row
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

  /**
   * Lineage, then the bronze columns in order, those the interpretation does not read as nulls: only the
   * columns it reads are read from the Parquet files.
   */
  private static Column[] interpreted(Source source) {
    List<Column> columns = new ArrayList<>(List.of(col("source_file"), col("source_line"), col("ingested_at"),
        col("ref_year")));
    CustomsFormat format = Formats.of(source);
    for (String c : format.bronzeColumns()) {
      columns.add(format.interpretedColumns().contains(c) ? col(c) : lit(null).cast("string").as(c));
    }
    return columns.toArray(new Column[0]);
  }

  /**
   * The monthly records of bronze rows. {@code raw_line} is filled only for a row the interpretation refuses;
   * a record refused later gets it from {@link #rawLines}.
   */
  public static Dataset<Row> fromBronze(Dataset<Row> bronze, Source source) {
    return JavaRows.frame(bronze.sparkSession(), JavaRows.rows(bronze.select(interpreted(source)))
        .flatMap(new Interpret(source)), SCHEMA);
  }

  /** Each bronze row's published fields re-joined with commas: the quarantine's raw_line for normalize. */
  public static Dataset<Row> rawLines(Dataset<Row> bronze, Source source) {
    List<Column> fields = Formats.of(source).bronzeColumns().stream()
        .map(c -> functions.coalesce(col(c), lit(""))).toList();
    return bronze.select(lit(source.id).as("source"), col("source_file"), col("source_line"),
        functions.concat_ws(",", fields.toArray(new Column[0])).as("raw_line"));
  }

  /** Reads the published fields by position and applies the format's interpretation. */
  private static final class Interpret implements FlatMapFunction<Row, Row> {
    private static final int LINEAGE = 4;
    private final Source source;
    private final CustomsFormat format;

    Interpret(Source source) {
      this.source = source;
      this.format = Formats.of(source);
    }

    @Override
    public Iterator<Row> call(Row bronze) {
      int width = bronze.size() - LINEAGE;
      List<String> fields = new ArrayList<>(width);
      for (int i = 0; i < width; i++) {
        fields.add(bronze.getString(LINEAGE + i));
      }
      String file = bronze.getString(0);
      long line = bronze.getLong(1);
      Object ingestedAt = bronze.get(2);
      int refYear = bronze.getInt(3);
      try {
        List<SourceRecord> records = format.interpret(fields);
        List<Row> out = new ArrayList<>(records.size());
        for (SourceRecord r : records) {
          out.add(RowFactory.create(source.id, file, line, ingestedAt, refYear, null, r.reporterCode(),
              r.partnerCode(), r.flow(), Date.valueOf(r.period()), r.periodMonths(), r.code(), r.codeSystem(),
              r.hsVintage(), r.quantity(), r.quantityUnit(), r.netWeightKg(), r.value(), r.currency(),
              r.valuation(), r.recordKey(), r.breakdown(), r.exclusion(), null, null));
        }
        return out.iterator();
      } catch (RowRejected e) {
        String raw = String.join(",", fields.stream().map(f -> f == null ? "" : f).toList());
        return List.of(RowFactory.create(source.id, file, line, ingestedAt, refYear, raw, null, null, null, null,
            null, null, null, null, null, null, null, null, null, null, null, null, null,
            e.reason().name(), e.getMessage())).iterator();
      }
    }
  }
}
