package org.tradecurb.impact;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.arrays_overlap;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.when;

import java.sql.Date;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.tradecurb.tag.CurbEvent;
import org.tradecurb.spark.ExactSum;

/**
 * The monthly series each event is measured on: per event, route (reporter × partner × flow) and category,
 * the value and kilograms of every month the reporter published, zero where it published no such trade.
 * Treated categories are the codes the event's instruments list, each in the category the first of those
 * instruments gives it; dual-use codes of other instruments are left out of both sides.
 */
public final class EventPanel {

  static final StructType WINDOWS = new StructType()
      .add("event_id", DataTypes.StringType, false)
      .add("event_month", DataTypes.DateType, false)
      .add("anticipation_month", DataTypes.DateType, true)
      .add("pre_start", DataTypes.DateType, false)
      .add("pre_end", DataTypes.DateType, false)
      .add("post_limit", DataTypes.DateType, true)
      .add("post_capped_by", DataTypes.StringType, true)
      .add("event_destinations", DataTypes.createArrayType(DataTypes.StringType, true), false)
      .add("controls_left_out", DataTypes.createArrayType(DataTypes.StringType, false), false);

  private EventPanel() {}

  /**
   * The first later event that overlaps this one — destinations overlap (or either is ALL) and the treated
   * codes overlap (either treats the whole catalogue, or their instruments share a category) — so that a
   * post window stops before another curb starts moving the same trade.
   */
  static CurbEvent nextOverlapping(CurbEvent event, List<CurbEvent> events,
      Map<String, Set<String>> instrumentCategories) {
    CurbEvent next = null;
    for (CurbEvent other : events) {
      if (!other.eventMonth().isAfter(event.eventMonth())) {
        continue;
      }
      boolean destinations = event.targetsAllDestinations() || other.targetsAllDestinations()
          || event.destinations().stream().anyMatch(other.destinations()::contains);
      boolean codes = event.treatsWholeCatalogue() || other.treatsWholeCatalogue()
          || categories(event, instrumentCategories).stream()
              .anyMatch(categories(other, instrumentCategories)::contains);
      if (destinations && codes && (next == null || other.eventMonth().isBefore(next.eventMonth()))) {
        next = other;
      }
    }
    return next;
  }

  private static Set<String> categories(CurbEvent e, Map<String, Set<String>> instrumentCategories) {
    Set<String> categories = new java.util.HashSet<>();
    e.instruments().forEach(i -> categories.addAll(instrumentCategories.getOrDefault(i, Set.of())));
    return categories;
  }

  /**
   * The control destinations that cannot stand for "no curb" in this event's windows: those another event names
   * as its own destination (a destination-specific control, not an ALL one) from a date inside the windows or
   * before their end — its trade moves for its own reason. Events have no end date, so a control in force before
   * the pre window counts too (a suspension, such as the US ban's in November 2025, would fall in the windows).
   */
  static List<String> controlsLeftOut(CurbEvent event, List<CurbEvent> events, List<String> controls,
      java.time.LocalDate postLimit) {
    return controls.stream().filter(d -> events.stream().anyMatch(other -> !other.id().equals(event.id())
            && !other.targetsAllDestinations() && other.destinations().contains(d)
            && (postLimit == null || !other.eventMonth().isAfter(postLimit))))
        .sorted().toList();
  }

  /**
   * Each event's month, anticipation month and windows, and the control destinations it leaves out. Post windows end at the configured horizon, before
   * the next overlapping event, and at each reporter's last published month, whichever comes first.
   */
  public static Dataset<Row> windows(SparkSession spark, List<CurbEvent> events, ImpactSettings settings,
      Map<String, Set<String>> instrumentCategories) {
    List<Row> rows = new ArrayList<>();
    for (CurbEvent e : events) {
      java.time.LocalDate month = e.eventMonth();
      java.time.LocalDate anticipation = e.anticipation() == null ? null : e.anticipation().withDayOfMonth(1);
      java.time.LocalDate preEnd = settings.preWindowBeforeAnticipation() && anticipation != null
          && anticipation.isBefore(month) ? anticipation.minusMonths(1) : month.minusMonths(1);
      java.time.LocalDate preStart = preEnd.minusMonths(settings.preMonths() - 1L);
      java.time.LocalDate postLimit = settings.postMonths() == 0 ? null : month.plusMonths(settings.postMonths() - 1L);
      CurbEvent next = nextOverlapping(e, events, instrumentCategories);
      String cappedBy = null;
      if (next != null) {
        java.time.LocalDate beforeNext = next.eventMonth().minusMonths(1);
        if (postLimit == null || beforeNext.isBefore(postLimit)) {
          postLimit = beforeNext;
          cappedBy = next.id();
        }
      }
      rows.add(RowFactory.create(e.id(), Date.valueOf(month), anticipation == null ? null : Date.valueOf(anticipation),
          Date.valueOf(preStart), Date.valueOf(preEnd), postLimit == null ? null : Date.valueOf(postLimit), cappedBy,
          e.destinations().toArray(new String[0]),
          controlsLeftOut(e, events, settings.controlDestinations(), postLimit).toArray(new String[0])));
    }
    return spark.createDataFrame(rows, WINDOWS);
  }

  private static final StructType TREATMENTS = new StructType()
      .add("event_id", DataTypes.StringType, false)
      .add("event_whole_catalogue", DataTypes.BooleanType, false)
      .add("event_instruments", DataTypes.createArrayType(DataTypes.StringType, false), false);

  /**
   * Rows the event on the same row treats ({@code event_*} columns): matched codes of its instruments, every
   * matched code for "*".
   */
  static Column treated() {
    return Categories.matched().and(col("event_whole_catalogue")
        .or(arrays_overlap(col("control_instruments"), col("event_instruments"))));
  }

  /**
   * The category a treated row takes for the event on the same row: the code's own for "*", else the category
   * of the earliest of the event's instruments listing it — never one from another instrument.
   */
  static Column eventCategory() {
    return when(col("event_whole_catalogue"), col("dual_use_category"))
        .otherwise(expr("get(filter(control_categories, c -> array_contains(event_instruments, c.instrument)), 0)"
            + ".category"));
  }

  /**
   * The completed monthly panel: event_id, reporter, partner, flow, category, period, value_usd,
   * quantity_kg, approx_value_usd (of lines matched approximately), kg_value_usd (of lines with a weight),
   * fx_published_value_usd, sources (every row is a month the reporter published for that flow), from the
   * {@link MonthlyBase}.
   * Every event in one aggregate: the base rows meet a small table of the events' treatments.
   */
  public static Dataset<Row> build(Dataset<Row> base, List<CurbEvent> events) {
    return build(base, events, new String[0]);
  }

  /** As {@link #build(Dataset, List)}, with each series further split by {@code seriesKeys} of the base. */
  public static Dataset<Row> build(Dataset<Row> base, List<CurbEvent> events, String... seriesKeys) {
    String[] series = seriesKeys(seriesKeys);
    String[] monthly = java.util.stream.Stream.concat(java.util.Arrays.stream(series), java.util.stream.Stream.of(
        "period")).toArray(String[]::new);
    Dataset<Row> used = base.where(col("used"));
    List<Row> treatments = events.stream().map(e -> RowFactory.create(e.id(), e.treatsWholeCatalogue(),
        e.instruments().toArray(new String[0]))).toList();
    Dataset<Row> observed = Categories.explode(used.crossJoin(broadcast(
            base.sparkSession().createDataFrame(treatments, TREATMENTS))), treated(), eventCategory())
        .groupBy(monthly[0], java.util.Arrays.copyOfRange(monthly, 1, monthly.length))
        .agg(ExactSum.sum("value_usd").as("value_usd"), ExactSum.sum("net_weight_kg").as("quantity_kg"),
            ExactSum.sum(when(col("match_approximate"), col("value_usd")).otherwise(lit(0.0))).as("approx_value_usd"),
            ExactSum.sum("kg_value_usd").as("kg_value_usd"),
            ExactSum.sum("fx_published_value_usd").as("fx_published_value_usd"),
            functions.collect_set("source").as("sources"),
            max("release_end").as("release_end"));
    Dataset<Row> published = used.select("reporter_iso3", "flow", "period").distinct();
    Dataset<Row> keys = observed.select(series[0], java.util.Arrays.copyOfRange(series, 1, series.length)).distinct();
    // A null key (dual_use_code of non-dual-use lines) must still meet its months: join on it null-safe.
    Column same = null;
    for (String k : monthly) {
      Column c = col("s." + k).eqNullSafe(col("o." + k));
      same = same == null ? c : same.and(c);
    }
    List<Column> out = new ArrayList<>();
    for (String k : monthly) {
      out.add(col("s." + k).as(k));
    }
    out.add(col("o.value_usd"));
    out.add(col("o.quantity_kg"));
    out.add(col("o.approx_value_usd"));
    out.add(col("o.kg_value_usd"));
    out.add(col("o.fx_published_value_usd"));
    out.add(col("o.sources"));
    out.add(col("o.release_end"));
    return keys.join(published, new String[] {"reporter_iso3", "flow"}).as("s")
        .join(observed.as("o"), same, "left")
        .select(out.toArray(new Column[0]))
        .withColumn("value_usd", coalesce(col("value_usd"), lit(0.0)))
        .withColumn("approx_value_usd", coalesce(col("approx_value_usd"), lit(0.0)))
        .withColumn("quantity_kg", when(col("value_usd").equalTo(0.0).and(col("quantity_kg").isNull()), lit(0.0))
            .otherwise(col("quantity_kg")));
  }

  /**
   * The panel with each month's window — "pre", "anticipation" (from the anticipation month to the event month,
   * when the pre window ends before it), "post" or null, from the event windows and the last month
   * the reporter published for that flow; every month of a combined release in the window of its last — and
   * the value of the same month a year earlier ({@code prev_value_usd}, null when that month is not in the
   * series); {@code post_month} counts post months from 0 at the event month.
   */
  public static Dataset<Row> withWindows(Dataset<Row> panel, Dataset<Row> windows) {
    return withWindows(panel, windows, new String[0]);
  }

  /** As {@link #withWindows(Dataset, Dataset)} for a panel built with {@code seriesKeys}. */
  public static Dataset<Row> withWindows(Dataset<Row> panel, Dataset<Row> windows, String... seriesKeys) {
    Dataset<Row> last = panel.groupBy("reporter_iso3", "flow").agg(max("period").as("last_published"));
    Column postEnd = functions.least(coalesce(col("post_limit"), col("last_published")), col("last_published"));
    Column monthIndex = functions.year(col("period")).multiply(12).plus(functions.month(col("period")));
    Column yearEarlier = functions.first(col("value_usd")).over(Window
        .partitionBy(java.util.Arrays.stream(seriesKeys(seriesKeys)).map(functions::col).toArray(Column[]::new))
        .orderBy(monthIndex).rangeBetween(-12, -12));
    // A release of several months (China's January+February) is one period, in the window of its last month: a
    // February event never counts the January half as pre-event trade.
    Column month = coalesce(col("release_end"), col("period"));
    Column window = when(month.geq(col("pre_start")).and(month.leq(col("pre_end"))), lit("pre"))
        .when(month.geq(col("anticipation_month")).and(month.lt(col("event_month"))), lit("anticipation"))
        .when(month.geq(col("event_month")).and(month.leq(postEnd)), lit("post"));
    Map<String, Column> added = new java.util.LinkedHashMap<>();
    added.put("post_start", col("event_month"));
    added.put("post_end", postEnd);
    added.put("window", window);
    added.put("post_month", when(window.equalTo("post"), functions.months_between(month, col("event_month"))
        .cast("int")));
    added.put("prev_value_usd", yearEarlier);
    return panel.join(broadcast(windows), "event_id")
        .join(broadcast(last), new String[] {"reporter_iso3", "flow"})
        .withColumns(added)
        .drop("last_published");
  }

  private static String[] seriesKeys(String... extra) {
    return java.util.stream.Stream.concat(java.util.Arrays.stream(CurbImpact.ROUTE_CATEGORY),
        java.util.Arrays.stream(extra)).toArray(String[]::new);
  }
}
