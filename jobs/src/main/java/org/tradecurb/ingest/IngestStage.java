package org.tradecurb.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.functions;
import org.apache.spark.storage.StorageLevel;
import org.tradecurb.ExitCode;
import org.tradecurb.TradecurbException;
import org.tradecurb.pipeline.RunContext;
import org.tradecurb.pipeline.Stage;
import org.tradecurb.quality.PipelineRuns;
import org.tradecurb.quality.Quarantine;
import org.tradecurb.spark.TableSpec;
import org.tradecurb.spark.Warehouse;

/**
 * Ingest: input files → bronze tables and quarantine. Only files whose checksum is not in the ledger are
 * read; a revised file (same name, new bytes) replaces its earlier rows in one commit. A file that cannot be
 * read at all writes nothing and fails the run after the readable files have landed.
 */
public final class IngestStage implements Stage {

  public static final String NAME = "ingest";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public void run(RunContext run) {
    long started = System.currentTimeMillis();
    Warehouse warehouse = run.warehouse();
    InputLayout.Discovery discovery = InputLayout.discover(
        run.spark().sparkContext().hadoopConfiguration(), run.config().input(), run.config());
    discovery.unknownFiles().forEach((file, why) ->
        System.err.println("WARN unknown input file " + file + ": " + why));

    run.describe(NAME, "fingerprint input files");
    RawFileReader reader = new RawFileReader(run.spark());
    List<FileFingerprint> fingerprints = reader.fingerprint(discovery.files());
    Map<String, Row> ledger = ledgerByFile(warehouse);

    List<String> failures = new ArrayList<>();
    List<FileFingerprint> toParse = new ArrayList<>();
    Map<Source, Integer> unchanged = new EnumMap<>(Source.class);
    for (FileFingerprint fp : fingerprints) {
      Row known = ledger.get(fp.file().relativePath());
      if (!fp.readable()) {
        failures.add(fp.error());
      } else if (known != null && known.<String>getAs("file_checksum").equals(fp.sha256())) {
        unchanged.merge(fp.file().source(), 1, Integer::sum);
      } else {
        toParse.add(fp);
      }
    }

    run.describe(NAME, "parse " + toParse.size() + " new or revised files");
    Dataset<Row> parsed = reader.parse(toParse).persist(StorageLevel.MEMORY_AND_DISK());
    try {
      Map<String, FileCounts> counts = countByFile(parsed);
      counts.values().stream().filter(c -> c.error != null).forEach(c -> failures.add(c.error));
      List<FileFingerprint> landed = toParse.stream()
          .filter(fp -> counts.get(fp.file().relativePath()).error == null)
          .toList();
      List<PipelineRuns.Entry> entries = write(run, parsed, landed, counts, unchanged);
      writeQuarantine(run, parsed, landed, discovery.unknownFiles());
      updateLedger(run, landed, counts, ledger);
      finish(run, started, entries, failures, discovery.unknownFiles().size());
    } finally {
      parsed.unpersist();
    }
  }

  /** Per-file counts from one aggregation over the parsed rows. */
  static final class FileCounts {
    long dataLines;
    long accepted;
    long quarantined;
    String error;
    final Set<Integer> years = new TreeSet<>();
  }

  private static Map<String, FileCounts> countByFile(Dataset<Row> parsed) {
    List<Row> rows = parsed.groupBy("source_file", "kind")
        .agg(functions.count(lit(1)).as("n"),
            functions.sum("source_line").as("lines"),
            functions.collect_set("ref_year").as("years"),
            functions.first("reason_message", true).as("error"))
        .collectAsList();
    Map<String, FileCounts> byFile = new HashMap<>();
    for (Row r : rows) {
      FileCounts c = byFile.computeIfAbsent(r.getString(0), f -> new FileCounts());
      switch (r.getString(1)) {
        case RawFileReader.ACCEPTED -> {
          c.accepted = r.getLong(2);
          c.years.addAll(r.<Integer>getList(4));
        }
        case RawFileReader.QUARANTINED -> c.quarantined = r.getLong(2);
        case RawFileReader.SUMMARY -> c.dataLines = r.getLong(3);
        case RawFileReader.FILE_ERROR -> c.error = r.getString(5);
        default -> throw new IllegalStateException("unexpected parse row kind " + r.getString(1));
      }
    }
    return byFile;
  }

  private static List<PipelineRuns.Entry> write(RunContext run, Dataset<Row> parsed, List<FileFingerprint> landed,
      Map<String, FileCounts> counts, Map<Source, Integer> unchanged) {
    Warehouse warehouse = run.warehouse();
    Map<Source, List<FileFingerprint>> bySource = new EnumMap<>(Source.class);
    for (FileFingerprint fp : landed) {
      bySource.computeIfAbsent(fp.file().source(), s -> new ArrayList<>()).add(fp);
    }
    List<PipelineRuns.Entry> entries = new ArrayList<>();
    for (Source source : Source.values()) {
      List<FileFingerprint> files = bySource.getOrDefault(source, List.of());
      PipelineRuns.Entry entry = new PipelineRuns.Entry(NAME, source.id);
      int skipped = unchanged.getOrDefault(source, 0);
      if (files.isEmpty()) {
        entries.add(entry.skipped(skipped + " file(s) unchanged since their last ingest"));
        continue;
      }
      List<String> warnings = new ArrayList<>();
      for (FileFingerprint fp : files) {
        FileCounts c = counts.get(fp.file().relativePath());
        entry.read += c.dataLines;
        entry.accepted += c.accepted;
        entry.quarantined += c.quarantined;
        String warning = truncationWarning(fp, c);
        if (warning != null) {
          System.err.println("WARN " + fp.file().relativePath() + ": " + warning);
          warnings.add(fp.file().relativePath());
        }
      }
      String inFiles = "source_file IN (" + files.stream().map(fp -> Warehouse.literal(fp.file().relativePath()))
          .collect(Collectors.joining(", ")) + ")";
      run.describe(NAME, "write " + source.rawTable);
      TableSpec bronze = BronzeTables.of(source);
      warehouse.replace(bronze, bronzeRows(run, parsed, files, source), inFiles, run.runId());
      entry.written = warehouse.count(bronze, "ingest_run_id = " + Warehouse.literal(run.runId()) + " AND " + inFiles);
      List<String> names = files.stream().map(fp -> fp.file().relativePath()).toList();
      entry.message = files.size() + " file(s) ingested, " + skipped + " unchanged: "
          + String.join(", ", names.subList(0, Math.min(5, names.size())))
          + (names.size() > 5 ? " and " + (names.size() - 5) + " more (see ingest_files)" : "");
      if (!warnings.isEmpty()) {
        entry.message += "; probably cut off at the query export's row cap (see ingest_files.warning): "
            + String.join(", ", warnings);
      }
      entries.add(entry);
    }
    return entries;
  }

  /** The landed files as a small frame (file, source id, checksum), joined by broadcast, not spelled into SQL. */
  private static Dataset<Row> fileFrame(RunContext run, List<FileFingerprint> files) {
    List<Row> rows = files.stream()
        .map(fp -> RowFactory.create(fp.file().relativePath(), fp.file().source().id, fp.sha256()))
        .toList();
    return functions.broadcast(run.spark().createDataFrame(rows, new org.apache.spark.sql.types.StructType()
        .add("file", "string").add("file_source", "string").add("file_checksum", "string")));
  }

  private static Dataset<Row> bronzeRows(RunContext run, Dataset<Row> parsed, List<FileFingerprint> files,
      Source source) {
    List<Column> columns = new ArrayList<>(List.of(
        col("source_file"), col("source_line"), col("file_checksum"),
        lit(run.runId()).as("ingest_run_id"), lit(run.startedTimestamp()).as("ingested_at"), col("ref_year")));
    List<String> published = Formats.of(source).bronzeColumns();
    for (int i = 0; i < published.size(); i++) {
      columns.add(col("fields").getItem(i).as(published.get(i)));
    }
    return parsed.where(col("kind").equalTo(RawFileReader.ACCEPTED))
        .join(fileFrame(run, files), col("source_file").equalTo(col("file")))
        .select(columns.toArray(new Column[0]));
  }

  /**
   * One commit for the quarantine: the refused lines of every landed file (replacing any from an earlier
   * version of the file) and the current list of unknown files (replacing the previous list).
   */
  private static void writeQuarantine(RunContext run, Dataset<Row> parsed, List<FileFingerprint> landed,
      Map<String, String> unknown) {
    Warehouse warehouse = run.warehouse();
    List<Row> unknownRows = new ArrayList<>();
    unknown.forEach((file, why) -> unknownRows.add(RowFactory.create(NAME, "unknown", file, null, null,
        "UNKNOWN_FILE", why, null, run.runId(), run.startedTimestamp())));
    if (landed.isEmpty() && (unknownRows.isEmpty() || !warehouse.exists(Quarantine.TABLE))) {
      return;
    }
    Dataset<Row> refused = parsed.where(col("kind").equalTo(RawFileReader.QUARANTINED))
        .join(fileFrame(run, landed), col("source_file").equalTo(col("file")))
        .select(lit(NAME).as("stage"), col("file_source").as("source"), col("source_file"), col("source_line"),
            col("raw_line"), col("reason_code"), col("reason_message"), lit(null).cast("int").as("ref_year"),
            lit(run.runId()).as("run_id"), lit(run.startedTimestamp()).as("quarantined_at"))
        .unionByName(run.spark().createDataFrame(unknownRows, Quarantine.TABLE.schema()));
    String files = landed.isEmpty() ? "" : "source_file IN (" + landed.stream()
        .map(fp -> Warehouse.literal(fp.file().relativePath())).collect(Collectors.joining(", ")) + ") OR ";
    run.describe(NAME, "quarantine refused lines");
    warehouse.replace(Quarantine.TABLE, refused,
        "stage = 'ingest' AND (" + files + "reason_code = 'UNKNOWN_FILE')", run.runId());
  }

  private static Map<String, Row> ledgerByFile(Warehouse warehouse) {
    Map<String, Row> byFile = new LinkedHashMap<>();
    for (Row r : warehouse.readOrEmpty(IngestLedger.TABLE).collectAsList()) {
      byFile.put(r.getAs("source_file"), r);
    }
    return byFile;
  }

  /** A China Customs export at the web query's row cap was most likely cut off there: say so, keep its rows. */
  static String truncationWarning(FileFingerprint fp, FileCounts counts) {
    if (fp.file().source() != Source.CHINA_CUSTOMS || counts.dataLines != ChinaCustomsFormat.WEB_EXPORT_ROW_CAP) {
      return null;
    }
    return "exactly " + ChinaCustomsFormat.WEB_EXPORT_ROW_CAP + " data rows, the China Customs query export's cap: "
        + "the file is probably cut off; split the query (by month, partner or code) and replace it";
  }

  /** Records each landed file's new version last, so a crash before this point redoes the file. */
  private static void updateLedger(RunContext run, List<FileFingerprint> landed, Map<String, FileCounts> counts,
      Map<String, Row> ledger) {
    if (landed.isEmpty()) {
      return;
    }
    List<Row> rows = new ArrayList<>();
    for (FileFingerprint fp : landed) {
      String file = fp.file().relativePath();
      FileCounts c = counts.get(file);
      Set<Integer> years = new TreeSet<>(c.years);
      Row previous = ledger.get(file);
      int revision = 1;
      if (previous != null) {
        years.addAll(previous.<Integer>getList(previous.fieldIndex("ref_years")));
        revision = previous.<Integer>getAs("revision") + 1;
      }
      rows.add(RowFactory.create(fp.file().source().id, file, fp.sha256(), fp.size(), fp.charset(), run.runId(),
          run.startedTimestamp(), c.dataLines, c.accepted, c.quarantined, new ArrayList<>(years).toArray(),
          revision, null, truncationWarning(fp, c)));
    }
    String inFiles = "source_file IN (" + landed.stream().map(fp -> Warehouse.literal(fp.file().relativePath()))
        .collect(Collectors.joining(", ")) + ")";
    run.warehouse().replace(IngestLedger.TABLE,
        run.spark().createDataFrame(rows, IngestLedger.TABLE.schema()), inFiles, run.runId());
  }

  private static void finish(RunContext run, long started, List<PipelineRuns.Entry> entries, List<String> failures,
      int unknownFiles) {
    List<String> unreconciled = entries.stream().filter(e -> !e.reconciles() || e.written != e.accepted)
        .map(e -> e.source + " (" + e.countsText() + ")").toList();
    ExitCode code = !unreconciled.isEmpty() ? ExitCode.RECONCILIATION_FAILED
        : !failures.isEmpty() ? ExitCode.UNREADABLE_INPUT : ExitCode.OK;
    if (code != ExitCode.OK) {
      for (PipelineRuns.Entry e : entries) {
        e.status = "failed";
        e.exitCode = code.code;
      }
    }
    if (unknownFiles > 0) {
      entries.forEach(e -> e.message = (e.message == null ? "" : e.message + "; ")
          + unknownFiles + " unknown file(s) listed in quarantine");
    }
    String failure = code == ExitCode.RECONCILIATION_FAILED
        ? "ingest counts do not reconcile: " + String.join("; ", unreconciled)
        : failures.size() == 1 ? failures.get(0)
        : failures.size() + " unreadable files: " + String.join("; ", failures);
    if (code != ExitCode.OK) {
      entries.forEach(e -> e.message = failure);
    }
    run.record(started, entries);
    if (code != ExitCode.OK) {
      throw new TradecurbException(code, failure).recorded();
    }
  }
}
