package org.tradecurb.normalize;

import static org.apache.spark.sql.functions.array_join;
import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Observation;
import org.apache.spark.sql.Row;
import org.tradecurb.ExitCode;
import org.tradecurb.TradecurbException;
import org.tradecurb.ingest.BronzeTables;
import org.tradecurb.ingest.Source;
import org.tradecurb.pipeline.RunContext;
import org.tradecurb.pipeline.Stage;
import org.tradecurb.pipeline.StageResult;
import org.tradecurb.quality.PipelineRuns;
import org.tradecurb.quality.Quarantine;
import org.tradecurb.quality.QuarantineTap;
import org.tradecurb.spark.TableSpec;
import org.tradecurb.spark.TableVersion;
import org.tradecurb.spark.Warehouse;

/**
 * Normalize: bronze → trade_flows. Redoes exactly the source-years whose bronze rows changed since the
 * bronze versions it last consumed (read from the Delta log: new files, revisions, old years a revision left),
 * in one pass over those rows that writes trade_flows and, from the same pass, the refused records.
 */
public final class NormalizeStage implements Stage {

  public static final String NAME = "normalize";
  private static final int RAW_LINE = Quarantine.TABLE.schema().fieldIndex("raw_line");

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<TableSpec> tables() {
    return List.of(TradeFlows.TABLE, Quarantine.TABLE);
  }

  @Override
  public StageResult run(RunContext run) {
    Warehouse warehouse = run.warehouse();
    Map<String, String> last = run.lastConsumed(NAME);
    Map<String, String> consumed = new TreeMap<>();
    String flowsId = warehouse.tableId(TradeFlows.TABLE);
    consumed.put(TradeFlows.TABLE.name(), flowsId);
    // trade_flows rebuilt or replaced since: every source-year is redone.
    boolean redoAll = !flowsId.equals(last.get(TradeFlows.TABLE.name()));
    Map<Source, TableVersion> versions = new EnumMap<>(Source.class);
    Map<Source, Set<Integer>> pending = new EnumMap<>(Source.class);
    for (Source source : Source.values()) {
      TableSpec bronze = BronzeTables.of(source);
      Optional<TableVersion> now = warehouse.version(bronze);
      if (now.isEmpty()) {
        continue;
      }
      versions.put(source, now.get());
      consumed.put(bronze.name(), now.get().toString());
      TableVersion since = redoAll ? null : TableVersion.parse(last.get(bronze.name())).orElse(null);
      Set<Integer> years = warehouse.changedPartitions(bronze, since, now.get())
          .map(NormalizeStage::years)
          .orElseGet(() -> allYears(warehouse, source, now.get()));
      if (!years.isEmpty()) {
        pending.put(source, years);
      }
    }
    if (pending.isEmpty()) {
      return StageResult.skipped(NAME, "no bronze rows changed since the last normalize run", consumed);
    }
    List<String> unreconciled = new ArrayList<>();
    List<PipelineRuns.Entry> entries = normalize(run, pending, versions, unreconciled);
    // The table written into, which its first write may have created.
    consumed.put(TradeFlows.TABLE.name(), warehouse.tableId(TradeFlows.TABLE));
    entries.stream().filter(en -> !en.reconciles())
        .forEach(en -> unreconciled.add(en.source + " (" + en.countsText() + ")"));
    StageResult result = StageResult.of(NAME, entries, consumed);
    if (!unreconciled.isEmpty()) {
      return result.failedWith(new TradecurbException(ExitCode.RECONCILIATION_FAILED,
          "normalize counts do not reconcile: " + String.join("; ", unreconciled)));
    }
    return result;
  }

  private static Set<Integer> years(Set<Map<String, String>> partitions) {
    return partitions.stream().map(p -> Integer.valueOf(p.get("ref_year"))).collect(Collectors.toCollection(TreeSet::new));
  }

  /** Every year the source has in bronze or in trade_flows: what a full redo covers. */
  private static Set<Integer> allYears(Warehouse warehouse, Source source, TableVersion bronze) {
    Set<Integer> years = years(warehouse.partitions(BronzeTables.of(source), bronze));
    warehouse.version(TradeFlows.TABLE).ifPresent(v -> warehouse.partitions(TradeFlows.TABLE, v).stream()
        .filter(p -> source.id.equals(p.get("source"))).forEach(p -> years.add(Integer.valueOf(p.get("year")))));
    return years;
  }

  /** SQL condition selecting the pending source-years by partition (trade_flows) or ref_year (quarantine). */
  static String pendingCondition(Map<Source, Set<Integer>> pending, String yearColumn) {
    return "(" + pending.entrySet().stream().map(e -> "(source = " + Warehouse.literal(e.getKey().id) + " AND "
        + yearColumn + " IN (" + e.getValue().stream().map(String::valueOf).collect(Collectors.joining(", "))
        + "))").collect(Collectors.joining(" OR ")) + ")";
  }

  /** All pending source-years in one pass: one classification, one trade_flows commit, one quarantine commit. */
  private static List<PipelineRuns.Entry> normalize(RunContext run, Map<Source, Set<Integer>> pending,
      Map<Source, TableVersion> versions, List<String> unreconciled) {
    Warehouse warehouse = run.warehouse();
    Dataset<Row> partners = PartnerCrosswalk.toDataset(run.spark(), PartnerCrosswalk.load(run.config()));
    Dataset<Row> fx = FxRates.toDataset(run.spark(), FxRates.load(run.config()));
    Dataset<Row> records = null;
    Dataset<Row> rawLines = null;
    for (Map.Entry<Source, Set<Integer>> e : pending.entrySet()) {
      Source source = e.getKey();
      Dataset<Row> bronze = warehouse.read(BronzeTables.of(source), versions.get(source))
          .where(col("ref_year").isin(e.getValue().toArray()));
      Dataset<Row> typed = SourceRecords.fromBronze(bronze, source);
      typed = source == Source.JAPAN_CUSTOMS ? TradeFlows.withLastPublished(typed) : TradeFlows.allPublished(typed);
      records = records == null ? typed : records.unionByName(typed);
      Dataset<Row> raw = SourceRecords.rawLines(bronze, source);
      rawLines = rawLines == null ? raw : rawLines.unionByName(raw);
    }
    Dataset<Row> classified = TradeFlows.classify(records, partners, fx);

    // Counts per source and disposition, observed while trade_flows is written.
    List<Column> counts = new ArrayList<>();
    for (Source source : pending.keySet()) {
      for (String d : List.of(TradeFlows.ACCEPTED, TradeFlows.QUARANTINED, TradeFlows.EXCLUDED)) {
        counts.add(sum(when(col("source").equalTo(source.id).and(col("disposition").equalTo(d)), 1L)
            .otherwise(0L)).as(source.id + "|" + d));
      }
      // Why rows were left out (annual figures, breakdowns, ...): a handful of names, said in pipeline_runs.
      counts.add(array_join(array_sort(collect_set(when(col("source").equalTo(source.id)
          .and(col("disposition").equalTo(TradeFlows.EXCLUDED)), col("reason_code")))), ", ").as(source.id + "|why"));
    }
    Observation seen = new Observation("normalize-records-" + run.runId());
    Dataset<Row> observed = classified.observe(seen, counts.get(0), counts.subList(1, counts.size())
        .toArray(new Column[0]));
    Column refused = col("disposition").equalTo(TradeFlows.QUARANTINED);
    QuarantineTap tap = new QuarantineTap(run.spark());
    Dataset<Row> kept = tap.divert(observed, refused, quarantineColumns(run));
    Column[] writtenBySource = pending.keySet().stream().map(s -> sum(when(col("source").equalTo(s.id), 1L)
        .otherwise(0L)).as(s.id)).toArray(Column[]::new);
    Warehouse.Written written = run.step(NAME, "write trade_flows (" + pending + ")",
        () -> warehouse.replace(TradeFlows.TABLE, TradeFlows.aggregate(kept, run.runId()),
            pendingCondition(pending, "year"), run.runId(), writtenBySource), Warehouse.Written::rows);

    Map<String, PipelineRuns.Entry> bySource = new LinkedHashMap<>();
    Map<String, Object> seenCounts = Warehouse.observed(seen);
    pending.forEach((source, years) -> {
      PipelineRuns.Entry entry = new PipelineRuns.Entry(NAME, source.id);
      entry.accepted = ((Number) seenCounts.get(source.id + "|" + TradeFlows.ACCEPTED)).longValue();
      entry.quarantined = ((Number) seenCounts.get(source.id + "|" + TradeFlows.QUARANTINED)).longValue();
      entry.excluded = ((Number) seenCounts.get(source.id + "|" + TradeFlows.EXCLUDED)).longValue();
      entry.read = entry.accepted + entry.quarantined + entry.excluded;
      entry.written = written.count(source.id);
      String why = (String) seenCounts.get(source.id + "|why");
      entry.message = "years " + years.stream().map(String::valueOf).collect(Collectors.joining(", ")) + " redone"
          + (why.isEmpty() ? "" : "; excluded: " + why);
      bySource.put(source.id, entry);
    });

    long quarantined = bySource.values().stream().mapToLong(e -> e.quarantined).sum();
    // Nothing refused and no earlier normalize rows to replace: no commit (about 2 s) for an empty change.
    if (quarantined == 0 && tap.complete() && tap.rows().isEmpty()
        && warehouse.holdsNone(Quarantine.TABLE, "stage", NAME)) {
      return new ArrayList<>(bySource.values());
    }
    Dataset<Row> quarantine;
    if (tap.complete()) {
      List<Row> rows = tap.rows();
      Dataset<Row> tapped = run.spark().createDataFrame(rows, Quarantine.TABLE.schema());
      // Rows refused with their line in hand need no look-up in bronze (nor its scan).
      quarantine = rows.stream().anyMatch(r -> r.isNullAt(RAW_LINE)) ? withRawLines(tapped, rawLines) : tapped;
    } else {
      quarantine = withRawLines(classified.where(refused).select(quarantineColumns(run)), rawLines);
    }
    Warehouse.Written refusedRows = run.step(NAME, "write quarantine", () -> warehouse.replace(Quarantine.TABLE,
        quarantine, "stage = 'normalize' AND " + pendingCondition(pending, "ref_year"), run.runId()),
        Warehouse.Written::rows);
    if (refusedRows.rows() != quarantined) {
      unreconciled.add(refusedRows.rows() + " quarantine rows written for " + quarantined + " refused records");
    }
    return new ArrayList<>(bySource.values());
  }

  /**
   * Records refused after their row was read (a duplicate, an unmapped country, no rate) get their row's
   * published fields from bronze, looked up for those rows alone.
   */
  static Dataset<Row> withRawLines(Dataset<Row> quarantine, Dataset<Row> rawLines) {
    String[] key = {"source", "source_file", "source_line"};
    Dataset<Row> missing = quarantine.where(col("raw_line").isNull()).select(key[0], key[1], key[2]).distinct();
    Dataset<Row> found = rawLines.join(broadcast(missing), key, "left_semi")
        .withColumnRenamed("raw_line", "bronze_line");
    return quarantine.join(found, key, "left")
        .withColumn("raw_line", coalesce(col("raw_line"), col("bronze_line")))
        .select(java.util.Arrays.stream(Quarantine.TABLE.schema().fieldNames()).map(c -> col(c)).toArray(Column[]::new));
  }

  /** A refused record as a quarantine row. */
  private static Column[] quarantineColumns(RunContext run) {
    return new Column[] {lit(NAME).as("stage"), col("source"), col("source_file"), col("source_line"),
        col("raw_line"), col("reason_code"), col("reason_message"), col("ref_year"),
        lit(run.runId()).as("run_id"), lit(run.startedTimestamp()).as("quarantined_at")};
  }
}
