package org.tradecurb.quality;

import org.apache.spark.sql.types.DataTypes;
import org.tradecurb.spark.TableSpec;

/** The quarantine table: every row any stage refused, with where it came from and why. */
public final class Quarantine {

  public static final TableSpec TABLE = TableSpec.builder("quarantine")
      .layer("quality")
      .comment("Rows refused by ingest or normalize, each with its file, line and reason; nothing is dropped "
          + "silently. A rerun replaces a file's (ingest) or a source-year's (normalize) rows.")
      .grain("one refused row (or unknown file) per stage")
      .lineage("ingest: the input files; normalize: the bronze tables and reference data")
      .column("stage", DataTypes.StringType, false, "Stage that refused the row: ingest or normalize")
      .column("source", DataTypes.StringType, false,
          "comtrade, japan_customs, china_customs, or unknown for a file that fits no layout")
      .column("source_file", DataTypes.StringType, false, "File path below the input root")
      .column("source_line", DataTypes.LongType, true,
          "1-based line in the file (header is line 1); null for a whole-file entry")
      .column("raw_line", DataTypes.StringType, true,
          "The line as read (ingest) or its published fields re-joined with commas (normalize)")
      .column("reason_code", DataTypes.StringType, false,
          "Stable reason code: " + java.util.Arrays.stream(org.tradecurb.ingest.Reason.values())
              .map(Enum::name).collect(java.util.stream.Collectors.joining(", ")) + " (README: Quarantine reasons)")
      .column("reason_message", DataTypes.StringType, false, "What exactly was wrong, naming the field")
      .column("ref_year", DataTypes.IntegerType, true, "Year of the row's period where known (normalize rows)")
      .column("run_id", DataTypes.StringType, false, "Pipeline run that wrote the entry")
      .column("quarantined_at", DataTypes.TimestampType, false, "When that run started (UTC)")
      .build();

  private Quarantine() {}
}
