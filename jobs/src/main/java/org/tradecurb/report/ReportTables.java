package org.tradecurb.report;

import static org.apache.spark.sql.functions.col;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.tradecurb.ExitCode;
import org.tradecurb.TradecurbException;
import org.tradecurb.impact.CurbImpact;
import org.tradecurb.impact.Diversion;
import org.tradecurb.impact.EventStudy;
import org.tradecurb.impact.MirrorFlows;
import org.tradecurb.impact.MonthlyFlows;
import org.tradecurb.impact.PlaceboTests;
import org.tradecurb.ingest.IngestLedger;
import org.tradecurb.spark.TableSpec;
import org.tradecurb.spark.Warehouse;
import org.tradecurb.tag.CurbEvent;

/**
 * The thin Spark part of the report: reads the gold tables for one event, keeps China's exports to Japan
 * (and the event's diversion rows), and collects the few hundred rows to the driver as {@link ReportData}.
 */
public final class ReportTables {

  /** Tables the report reads, in the order they are checked. */
  public static final List<TableSpec> TABLES = List.of(CurbEvent.TABLE, CurbImpact.TABLE, MonthlyFlows.TABLE,
      EventStudy.TABLE, MirrorFlows.BY_CATEGORY, Diversion.TABLE, PlaceboTests.TABLE);

  private static final int MAX_FILES_HASHED = 25;

  private ReportTables() {}

  /**
   * @param input the input folder the configuration names, to tell whether the warehouse was built from the
   *     synthetic samples (null: not checked)
   * @param generatedAt the time shown in the report
   */
  public static ReportData read(Warehouse warehouse, String eventId, Path input, String generatedAt) {
    for (TableSpec t : TABLES) {
      if (!warehouse.exists(t)) {
        throw new TradecurbException(ExitCode.USAGE, "the warehouse " + warehouse.root() + " has no table "
            + t.name() + ": build it first (tradecurb run)");
      }
    }
    Column route = col("reporter_iso3").equalTo("CHN").and(col("partner_iso3").equalTo("JPN"))
        .and(col("flow").equalTo("export"));
    Column ofEvent = col("event_id").equalTo(eventId);
    Column totals = col("category").isin(HtmlReport.ALL, HtmlReport.NON);
    // The reads are independent and small: each is mostly Delta log and planning work, so side by side.
    List<Dataset<Row>> queries = List.of(
        warehouse.read(CurbEvent.TABLE).orderBy("event_date", "event_id"),
        warehouse.read(CurbImpact.TABLE).where(ofEvent.and(route)),
        warehouse.read(MonthlyFlows.TABLE).where(route.and(totals)).orderBy("period", "category"),
        warehouse.read(EventStudy.TABLE).where(ofEvent.and(route).and(totals)).orderBy("category", "relative_month"),
        warehouse.read(MirrorFlows.BY_CATEGORY).where(col("category").equalTo(HtmlReport.ALL)).orderBy("period"),
        warehouse.read(Diversion.TABLE).where(ofEvent.and(col("category").equalTo(HtmlReport.ALL))),
        warehouse.read(PlaceboTests.TABLE).where(ofEvent.and(route).and(col("category").equalTo(HtmlReport.ALL))
            .and(col("measure").equalTo("did_vs_control_destinations"))).orderBy("test", "placebo_destination"));
    List<List<Row>> results = new ArrayList<>(java.util.Collections.nCopies(queries.size(), null));
    org.tradecurb.spark.Parallel.run(queries.size(), i -> results.set(i, queries.get(i).collectAsList()));
    List<ReportData.Event> events = events(results.get(0));
    ReportData.Event event = events.stream().filter(e -> e.id().equals(eventId)).findFirst()
        .orElseThrow(() -> new TradecurbException(ExitCode.USAGE, "unknown event '" + eventId
            + "'; the warehouse has: " + (events.isEmpty() ? "no events"
                : String.join(", ", events.stream().map(ReportData.Event::id).sorted().toList()))));

    List<ReportData.Impact> impact = new ArrayList<>();
    for (Row r : results.get(1)) {
      impact.add(new ReportData.Impact(str(r, "category"), date(r, "pre_start"), date(r, "pre_end"),
          date(r, "post_start"), date(r, "post_end"), optionalStr(r, "post_capped_by"), lng(r, "pre_months_observed"),
          lng(r, "post_months_observed"), bool(r, "pre_window_complete"), dbl(r, "pre_value_usd"),
          dbl(r, "post_value_usd"), dbl(r, "value_change_pct"), dbl(r, "yoy_value_change_pct"),
          lng(r, "yoy_months"), dbl(r, "quantity_change_pct"), dbl(r, "unit_value_change_pct"),
          dbl(r, "dlog_value"), dbl(r, "dlog_quantity"), dbl(r, "dlog_unit_value"), dbl(r, "did_vs_non_dual_use"),
          dbl(r, "did_vs_control_destinations"), dbl(r, "did_triple"), strings(r, "control_destinations"),
          lng(r, "anticipation_months_observed"), dbl(r, "anticipation_change_pct"), intervals(r)));
    }

    List<ReportData.Monthly> monthly = new ArrayList<>();
    for (Row r : results.get(2)) {
      monthly.add(new ReportData.Monthly(date(r, "period"), str(r, "category"), dbl0(r, "value_usd"),
          dbl(r, "quantity_kg"), bool(r, "split_from_combined"), dbl0(r, "approximate_share"),
          strings(r, "sources")));
    }

    List<ReportData.StudyPoint> study = new ArrayList<>();
    for (Row r : results.get(3)) {
      study.add(new ReportData.StudyPoint(str(r, "category"), r.getInt(r.fieldIndex("relative_month")),
          date(r, "period"), dbl0(r, "value_usd"), dbl(r, "value_index"), dbl(r, "quantity_index"),
          bool(r, "is_anticipation"), str(r, "window"), optionalDbl(r, "coef_pct"), optionalDbl(r, "coef_ci_low"),
          optionalDbl(r, "coef_ci_high"), optionalDbl(r, "pre_trend_p_value")));
    }

    List<ReportData.Mirror> mirror = new ArrayList<>();
    for (Row r : results.get(4)) {
      mirror.add(new ReportData.Mirror(date(r, "period"), str(r, "category"), dbl(r, "china_exports_usd"),
          dbl(r, "japan_imports_usd"), dbl(r, "gap_pct"), dbl(r, "adjusted_gap_pct"), dbl0(r, "cif_fob_margin"),
          bool(r, "split_from_combined")));
    }

    List<ReportData.DiversionRow> diversion = new ArrayList<>();
    for (Row r : results.get(5)) {
      diversion.add(new ReportData.DiversionRow(str(r, "side"), str(r, "reporter_iso3"), str(r, "partner_iso3"),
          bool(r, "route_targeted"), dbl(r, "pre_value_usd"), dbl(r, "post_value_usd"), dbl(r, "change_value_usd"),
          dbl(r, "value_change_pct"), dbl(r, "change_quantity_kg"), dbl(r, "targeted_loss_kg"),
          dbl(r, "share_of_targeted_loss"), integer(r, "rank"),
          bool(r, "named_destination"), bool(r, "top_mover")));
    }

    List<ReportData.Placebo> placebos = new ArrayList<>();
    for (Row r : results.get(6)) {
      placebos.add(new ReportData.Placebo(str(r, "test"), optionalStr(r, "placebo_destination"),
          dbl(r, "estimate_pct"), dbl(r, "p_value"), integer(r, "target_rank"), integer(r, "ranked"),
          dbl(r, "permutation_p_value")));
    }

    Boolean synthetic = builtFromSyntheticSamples(warehouse, input);
    return new ReportData(event, impact, monthly, study, mirror, diversion,
        new ReportData.Provenance(warehouse.root(), generatedAt, synthetic),
        events.stream().filter(e -> !e.id().equals(eventId)).toList(), placebos);
  }

  private static List<ReportData.Event> events(List<Row> rows) {
    List<ReportData.Event> events = new ArrayList<>();
    for (Row r : rows) {
      events.add(new ReportData.Event(str(r, "event_id"), str(r, "label"), date(r, "event_date"),
          date(r, "anticipation_date"), strings(r, "destinations"), strings(r, "instruments")));
    }
    return events;
  }

  /**
   * Whether the warehouse's ingested files are those of {@code input} and that folder's README calls its data
   * synthetic (as data-samples/README.md does): true, false, or null when it cannot be told.
   */
  static Boolean builtFromSyntheticSamples(Warehouse warehouse, Path input) {
    if (input == null || !Files.isDirectory(input) || !warehouse.exists(IngestLedger.TABLE)) {
      return null;
    }
    boolean declared;
    try {
      Path readme = input.resolve("README.md");
      declared = Files.isRegularFile(readme)
          && Files.readString(readme).toLowerCase(Locale.ROOT).contains("synthetic");
    } catch (IOException e) {
      return null;
    }
    List<Row> files = warehouse.read(IngestLedger.TABLE).select("source_file", "file_checksum").collectAsList();
    int hashed = 0;
    for (Row f : files) {
      String relative = f.getString(0);
      String checksum = f.getString(1);
      if (relative == null || checksum == null) {
        continue;
      }
      Path file = input.resolve(relative).normalize();
      if (!file.startsWith(input.normalize()) || !Files.isRegularFile(file)) {
        continue;
      }
      if (checksum.equalsIgnoreCase(sha256(file))) {
        return declared;
      }
      if (++hashed >= MAX_FILES_HASHED) {
        break;
      }
    }
    return declared ? Boolean.FALSE : null;
  }

  private static String sha256(Path file) {
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
      byte[] buffer = new byte[65536];
      while (in.read(buffer) >= 0) {
        // digesting
      }
      return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
    } catch (IOException | NoSuchAlgorithmException e) {
      return "";
    }
  }

  private static String str(Row r, String name) {
    Object v = r.get(r.fieldIndex(name));
    return v == null ? null : v.toString();
  }

  /** A column an older warehouse may lack (it gains it on the next impact run). */
  private static String optionalStr(Row r, String name) {
    return java.util.Arrays.asList(r.schema().fieldNames()).contains(name) ? str(r, name) : null;
  }

  private static Double optionalDbl(Row r, String name) {
    return java.util.Arrays.asList(r.schema().fieldNames()).contains(name) ? dbl(r, name) : null;
  }

  /**
   * The measures' 95% intervals curb_impact carries ({@code <measure>_ci_low}, ...), where estimated; none from
   * a curb_impact written before it carried them.
   */
  private static Map<String, ReportData.Interval> intervals(Row r) {
    Map<String, ReportData.Interval> out = new java.util.HashMap<>();
    List<String> columns = List.of(r.schema().fieldNames());
    for (String m : org.tradecurb.impact.CurbEstimator.MEASURES) {
      if (!columns.contains(m + "_ci_low")) {
        continue;
      }
      Double low = dbl(r, m + "_ci_low");
      Double high = dbl(r, m + "_ci_high");
      if (low != null && high != null) {
        out.put(m, new ReportData.Interval(low, high, dbl(r, m + "_p_value")));
      }
    }
    return out;
  }

  private static Double dbl(Row r, String name) {
    Object v = r.get(r.fieldIndex(name));
    return v == null ? null : ((Number) v).doubleValue();
  }

  private static double dbl0(Row r, String name) {
    Double v = dbl(r, name);
    return v == null ? 0.0 : v;
  }

  private static Integer integer(Row r, String name) {
    Object v = r.get(r.fieldIndex(name));
    return v == null ? null : ((Number) v).intValue();
  }

  private static long lng(Row r, String name) {
    Object v = r.get(r.fieldIndex(name));
    return v == null ? 0L : ((Number) v).longValue();
  }

  private static boolean bool(Row r, String name) {
    Object v = r.get(r.fieldIndex(name));
    return v != null && (Boolean) v;
  }

  private static LocalDate date(Row r, String name) {
    Object v = r.get(r.fieldIndex(name));
    if (v == null) {
      return null;
    }
    if (v instanceof LocalDate d) {
      return d;
    }
    if (v instanceof java.sql.Date d) {
      return d.toLocalDate();
    }
    return LocalDate.parse(v.toString().substring(0, 10));
  }

  private static List<String> strings(Row r, String name) {
    int i = r.fieldIndex(name);
    if (r.isNullAt(i)) {
      return List.of();
    }
    List<Object> values = r.getList(i);
    List<String> out = new ArrayList<>();
    for (Object o : values) {
      if (o != null) {
        out.add(o.toString());
      }
    }
    return out;
  }
}
