package org.tradecurb.ingest;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.tradecurb.ExitCode;
import org.tradecurb.TradecurbException;
import org.tradecurb.pipeline.Fingerprint;
import org.tradecurb.pipeline.RunContext;
import org.tradecurb.pipeline.Stage;
import org.tradecurb.pipeline.StageResult;
import org.tradecurb.quality.PipelineRuns;
import org.tradecurb.quality.Quarantine;
import org.tradecurb.spark.KeyedAccumulator;
import org.tradecurb.spark.Parallel;
import org.tradecurb.spark.TableSpec;
import org.tradecurb.spark.TableVersion;
import org.tradecurb.spark.Warehouse;

/**
 * Ingest: input files → bronze tables and quarantine. Only files whose checksum is not in the ledger are
 * parsed; a revised file (same name, new bytes) replaces its earlier rows in one commit. A file that cannot
 * be read at all writes nothing and fails the run after the readable files have landed. Each table gets one
 * commit: the sources' bronze tables side by side, then the quarantine, then the ledger, last, so a run
 * killed before it simply redoes the files.
 */
public final class IngestStage implements Stage {

  public static final String NAME = "ingest";

  /** The consumed key holding the fingerprint of the unknown files listed in quarantine. */
  static final String UNKNOWN_FILES = "unknown_files";
  /** The consumed key holding the fingerprint of the input listing: names, sizes, modification times. */
  static final String LISTING = "files";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<TableSpec> tables() {
    return List.of(Quarantine.TABLE, IngestLedger.TABLE);
  }

  /** A file's counts, summed over its splits. */
  static final class FileCounts {
    long dataLines;
    long accepted;
    long quarantined;
    final Set<Integer> years = new TreeSet<>();
  }

  @Override
  public StageResult run(RunContext run) {
    Warehouse warehouse = run.warehouse();
    InputLayout.Discovery discovery = InputLayout.discover(
        run.spark().sparkContext().hadoopConfiguration(), run.config().input(), run.config());
    discovery.unknownFiles().forEach((file, why) ->
        System.err.println("WARN unknown input file " + file + ": " + why));

    String unknownFingerprint = Fingerprint.of(new java.util.TreeMap<>(discovery.unknownFiles()));
    String listing = Fingerprint.of(discovery.files().stream()
        .map(f -> f.relativePath() + "|" + f.size() + "|" + f.modified()).toList());
    Map<String, String> last = run.lastConsumed(NAME);
    String ledgerBefore = warehouse.version(IngestLedger.TABLE).map(TableVersion::toString).orElse("");
    if (run.config().typed("ingest.trust-file-times", run.config().raw()::getBoolean)
        && listing.equals(last.get(LISTING)) && ledgerBefore.equals(last.get(IngestLedger.TABLE.name()))
        && unknownFingerprint.equals(last.get(UNKNOWN_FILES))) {
      // Same names, sizes and modification times as the files the last ingest read: nothing to read again.
      List<PipelineRuns.Entry> entries = new ArrayList<>();
      for (Source source : Source.values()) {
        long n = discovery.files().stream().filter(f -> f.source() == source).count();
        entries.add(new PipelineRuns.Entry(NAME, source.id).skipped(n + " file(s) unchanged since their last "
            + "ingest (same names, sizes and modification times)"));
      }
      return StageResult.of(NAME, entries, last);
    }

    long splitSize = run.config().typed("ingest.split-size", run.config().raw()::getBytes);
    long blockSize = Math.max(4096, splitSize / 16);
    RawFileReader reader = new RawFileReader(run.spark(), splitSize);
    // Two independent reads, side by side: the input files and the ledger.
    List<List<FileFingerprint>> scanned = new ArrayList<>(List.of(List.of()));
    List<Map<String, Row>> files = new ArrayList<>(List.of(Map.of()));
    Parallel.run(2, i -> {
      if (i == 0) {
        scanned.set(0, run.step(NAME, "scan " + discovery.files().size() + " files",
            () -> reader.scan(discovery.files(), blockSize), List::size));
      } else {
        files.set(0, ledgerByFile(warehouse));
      }
    });
    Map<String, Row> ledger = files.get(0);

    List<String> failures = new ArrayList<>();
    List<FileFingerprint> toParse = new ArrayList<>();
    Map<Source, Integer> unchanged = new EnumMap<>(Source.class);
    for (FileFingerprint fp : scanned.get(0)) {
      Row known = ledger.get(fp.file().relativePath());
      if (!fp.readable()) {
        failures.add(fp.error());
      } else if (known != null && known.<String>getAs("file_checksum").equals(fp.sha256())) {
        unchanged.merge(fp.file().source(), 1, Integer::sum);
      } else {
        toParse.add(fp);
      }
    }
    boolean unknownChanged = !unknownFingerprint.equals(last.get(UNKNOWN_FILES));
    Map<String, String> consumed = new java.util.TreeMap<>(Map.of(UNKNOWN_FILES, unknownFingerprint,
        LISTING, listing));

    KeyedAccumulator<Integer, SplitReport> tally = new KeyedAccumulator<>();
    run.spark().sparkContext().register(tally); // unnamed: the UI would print it while tasks add to it
    List<ParseSplit> splits = ParseSplit.plan(toParse,
        ParseSplit.sizeFor(toParse, run.spark().sparkContext().defaultParallelism(), splitSize, blockSize));
    Map<Source, Warehouse.Written> written = writeBronze(run, reader, splits, ledger, tally);
    Map<String, FileCounts> counts = countsByFile(tally);

    List<PipelineRuns.Entry> entries = entries(toParse, counts, written, unchanged);
    writeQuarantine(run, reader, splits, ledger, tally, discovery.unknownFiles(), unknownChanged);
    updateLedger(run, toParse, counts, ledger);
    consumed.put(IngestLedger.TABLE.name(), warehouse.version(IngestLedger.TABLE).map(TableVersion::toString)
        .orElse(""));
    StageResult result = StageResult.of(NAME, entries, consumed);
    if (!discovery.unknownFiles().isEmpty()) {
      entries.forEach(e -> e.message = (e.message == null ? "" : e.message + "; ")
          + discovery.unknownFiles().size() + " unknown file(s) listed in quarantine");
    }
    List<String> unreconciled = entries.stream().filter(e -> !e.reconciles() || e.written != e.accepted)
        .map(e -> e.source + " (" + e.countsText() + ")").toList();
    if (!unreconciled.isEmpty()) {
      return result.failedWith(new TradecurbException(ExitCode.RECONCILIATION_FAILED,
          "ingest counts do not reconcile: " + String.join("; ", unreconciled)));
    }
    if (!failures.isEmpty()) {
      // Not the listing: the next run must look at the refused files again (and refuse them again).
      Map<String, String> rescan = new java.util.TreeMap<>(result.consumed());
      rescan.remove(LISTING);
      return result.partialWith(TradecurbException.unreadableInput(failures.size() == 1 ? failures.get(0)
          : failures.size() + " unreadable files: " + String.join("; ", failures)), rescan);
    }
    return result;
  }

  private static boolean revised(FileFingerprint fp, Map<String, Row> ledger) {
    return ledger.containsKey(fp.file().relativePath());
  }

  /** SQL condition selecting the rows of these files. */
  private static String inFiles(List<FileFingerprint> files) {
    return "source_file IN (" + files.stream().map(fp -> Warehouse.literal(fp.file().relativePath()))
        .collect(Collectors.joining(", ")) + ")";
  }

  /**
   * One commit per source with new or revised files, the sources side by side. New files only: an append. A
   * revision: a replace of those files' rows (bronze files hold one input file each, so only the revised
   * file's data files are rewritten).
   */
  private static Map<Source, Warehouse.Written> writeBronze(RunContext run, RawFileReader reader,
      List<ParseSplit> splits, Map<String, Row> ledger, KeyedAccumulator<Integer, SplitReport> tally) {
    Map<Source, List<ParseSplit>> bySource = new EnumMap<>(Source.class);
    splits.forEach(s -> bySource.computeIfAbsent(s.file().file().source(), k -> new ArrayList<>()).add(s));
    List<Source> sources = new ArrayList<>(bySource.keySet());
    run.warehouse().prepare(sources.stream().map(BronzeTables::of).toList());
    Map<Source, Warehouse.Written> written = new java.util.concurrent.ConcurrentHashMap<>();
    Parallel.run(sources.size(), i -> {
      Source source = sources.get(i);
      List<ParseSplit> plan = bySource.get(source);
      List<FileFingerprint> files = plan.stream().map(ParseSplit::file).distinct().toList();
      TableSpec bronze = BronzeTables.of(source);
      Dataset<Row> rows = reader.bronze(source, plan, tally, run.runId(), run.startedTimestamp());
      written.put(source, run.step(NAME, "write " + bronze.name() + " (" + files.size() + " files, "
          + plan.size() + " splits)", () -> files.stream().anyMatch(fp -> revised(fp, ledger))
              ? run.warehouse().replace(bronze, rows, inFiles(files), run.runId())
              : run.warehouse().append(bronze, rows, run.runId()), Warehouse.Written::rows));
    });
    return written;
  }

  private static Map<String, FileCounts> countsByFile(KeyedAccumulator<Integer, SplitReport> tally) {
    Map<String, FileCounts> byFile = new HashMap<>();
    for (SplitReport r : tally.value().values()) {
      FileCounts c = byFile.computeIfAbsent(r.file, f -> new FileCounts());
      c.dataLines += r.dataLines;
      c.accepted += r.accepted;
      c.quarantined += r.quarantined;
      c.years.addAll(r.years);
    }
    return byFile;
  }

  private static List<PipelineRuns.Entry> entries(List<FileFingerprint> parsed, Map<String, FileCounts> counts,
      Map<Source, Warehouse.Written> written, Map<Source, Integer> unchanged) {
    List<PipelineRuns.Entry> entries = new ArrayList<>();
    for (Source source : Source.values()) {
      List<FileFingerprint> files = parsed.stream().filter(fp -> fp.file().source() == source).toList();
      PipelineRuns.Entry entry = new PipelineRuns.Entry(NAME, source.id);
      int skipped = unchanged.getOrDefault(source, 0);
      if (files.isEmpty()) {
        entries.add(entry.skipped(skipped + " file(s) unchanged since their last ingest"));
        continue;
      }
      List<String> warnings = new ArrayList<>();
      for (FileFingerprint fp : files) {
        FileCounts c = counts.getOrDefault(fp.file().relativePath(), new FileCounts());
        entry.read += c.dataLines;
        entry.accepted += c.accepted;
        entry.quarantined += c.quarantined;
        String warning = truncationWarning(fp, c);
        if (warning != null) {
          System.err.println("WARN " + fp.file().relativePath() + ": " + warning);
          warnings.add(fp.file().relativePath());
        }
      }
      entry.written = written.get(source).rows();
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

  /**
   * One commit for the quarantine, only when there is something to change: the refused lines of the parsed
   * files (replacing an earlier version's) and, when it changed, the list of unknown files.
   */
  private static void writeQuarantine(RunContext run, RawFileReader reader, List<ParseSplit> splits,
      Map<String, Row> ledger, KeyedAccumulator<Integer, SplitReport> tally, Map<String, String> unknown, boolean unknownChanged) {
    List<String> replaced = new ArrayList<>();
    List<FileFingerprint> revised = splits.stream().map(ParseSplit::file).distinct()
        .filter(fp -> revised(fp, ledger)).toList();
    if (!revised.isEmpty()) {
      replaced.add(inFiles(revised));
    }
    if (unknownChanged) {
      replaced.add("reason_code = 'UNKNOWN_FILE'");
    }
    List<Row> rows = new ArrayList<>();
    List<ParseSplit> overflowing = new ArrayList<>();
    for (ParseSplit split : splits) {
      SplitReport r = tally.value().get(split.id());
      if (r == null) {
        continue;
      }
      if (r.overflow) {
        overflowing.add(split); // more refused lines than a task reports inline: read again for them
        continue;
      }
      String source = split.file().file().source().id;
      for (SplitReport.Refused line : r.refused) {
        rows.add(RowFactory.create(NAME, source, r.file, line.line(), line.raw(), line.reason(), line.message(),
            null, run.runId(), run.startedTimestamp()));
      }
    }
    if (unknownChanged) {
      unknown.forEach((file, why) -> rows.add(RowFactory.create(NAME, "unknown", file, null, null,
          "UNKNOWN_FILE", why, null, run.runId(), run.startedTimestamp())));
    }
    if (rows.isEmpty() && overflowing.isEmpty() && replaced.isEmpty()) {
      return;
    }
    Dataset<Row> refused = run.spark().createDataFrame(rows, Quarantine.TABLE.schema());
    if (!overflowing.isEmpty()) {
      refused = refused.unionByName(reader.refused(overflowing, NAME, run.runId(), run.startedTimestamp()));
    }
    Dataset<Row> all = refused;
    run.step(NAME, "write quarantine", () -> replaced.isEmpty()
        ? run.warehouse().append(Quarantine.TABLE, all, run.runId())
        : run.warehouse().replace(Quarantine.TABLE, all, "stage = 'ingest' AND (" + String.join(" OR ", replaced)
            + ")", run.runId()), Warehouse.Written::rows);
  }

  private static Map<String, Row> ledgerByFile(Warehouse warehouse) {
    Map<String, Row> byFile = new LinkedHashMap<>();
    if (!warehouse.exists(IngestLedger.TABLE)) {
      return byFile;
    }
    for (Row r : warehouse.read(IngestLedger.TABLE).select("source_file", "file_checksum", "ref_years", "revision")
        .collectAsList()) {
      byFile.put(r.getString(0), r);
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
      FileCounts c = counts.getOrDefault(file, new FileCounts());
      Set<Integer> years = new TreeSet<>(c.years);
      Row previous = ledger.get(file);
      int revision = 1;
      if (previous != null) {
        years.addAll(previous.<Integer>getList(previous.fieldIndex("ref_years")));
        revision = previous.<Integer>getAs("revision") + 1;
      }
      rows.add(RowFactory.create(fp.file().source().id, file, fp.sha256(), fp.size(), fp.charset(), run.runId(),
          run.startedTimestamp(), c.dataLines, c.accepted, c.quarantined, new ArrayList<>(years).toArray(),
          revision, truncationWarning(fp, c)));
    }
    Dataset<Row> frame = run.spark().createDataFrame(rows, IngestLedger.TABLE.schema());
    List<FileFingerprint> revised = landed.stream().filter(fp -> revised(fp, ledger)).toList();
    run.step(NAME, "write ingest_files", () -> revised.isEmpty()
        ? run.warehouse().append(IngestLedger.TABLE, frame, run.runId())
        : run.warehouse().replace(IngestLedger.TABLE, frame, inFiles(landed), run.runId()),
        Warehouse.Written::rows);
  }
}
