package org.tradecurb.ingest;

import org.apache.spark.sql.types.DataTypes;
import org.tradecurb.spark.TableSpec;

/**
 * The ingest ledger: which version (checksum) of each input file is in bronze, and which years it touched.
 * A file is skipped when its checksum is already here; it is committed last, so a run killed before it
 * simply redoes the file.
 */
public final class IngestLedger {

  public static final TableSpec TABLE = TableSpec.builder("ingest_files")
      .layer("quality")
      .comment("One row per input file ingested: its current checksum, counts, and the years its rows touch.")
      .grain("one row per input file (source_file)")
      .lineage("written by ingest")
      .column("source", DataTypes.StringType, false, "comtrade, japan_customs or china_customs")
      .column("source_file", DataTypes.StringType, false, "File path below the input root")
      .column("file_checksum", DataTypes.StringType, false, "SHA-256 of the version in bronze")
      .column("file_size", DataTypes.LongType, false, "Bytes")
      .column("charset", DataTypes.StringType, false, "Encoding the file was read in")
      .column("ingest_run_id", DataTypes.StringType, false, "Run that ingested this version")
      .column("ingested_at", DataTypes.TimestampType, false, "When that run started (UTC)")
      .column("lines_read", DataTypes.LongType, false, "Data lines read (header and blank lines excluded)")
      .column("rows_accepted", DataTypes.LongType, false, "Lines written to bronze")
      .column("rows_quarantined", DataTypes.LongType, false, "Lines sent to quarantine")
      .column("ref_years", DataTypes.createArrayType(DataTypes.IntegerType, true), false,
          "Years of this version's rows and of the version it replaced: the years normalize must redo")
      .column("revision", DataTypes.IntegerType, false, "1 for the first version of the file, +1 per revision")
      .column("warning", DataTypes.StringType, true,
          "Why this version may be incomplete (a China Customs query export cut off at its row cap), else null")
      .build();

  private IngestLedger() {}
}
