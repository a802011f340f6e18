package org.tradecurb.impact;

import static org.apache.spark.sql.functions.add_months;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.api.java.function.FlatMapGroupsFunction;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.tradecurb.spark.TableSpec;

/**
 * curb_estimates: the curb_impact measures with standard errors, 95% intervals and p-values, the event-study
 * coefficients with their bands and the pre-trend test — from {@link CurbEstimator} on the code x destination x
 * month panel. Each event, flow and origin is one group (every destination of China's exports, or every
 * reporter of imports from China), estimated where it lies, so the panel is never collected to the driver.
 */
public final class CurbEstimates {

  public static final TableSpec TABLE = TableSpec.builder("curb_estimates")
      .layer("gold")
      .comment("One row per event x route x category x measure (and relative month for event_study): the "
          + "curb_impact measures re-estimated by Poisson pseudo-maximum likelihood on the code x destination x "
          + "month panel, code (x destination) fixed effects, standard errors clustered by product code (cluster "
          + "jackknife), Student-t intervals. Routes to targeted or control destinations only; event-study rows "
          + "only for events that name their destinations.")
      .grain("event_id x reporter x partner x flow x category x measure x relative_month")
      .lineage("trade_flows_tagged via the code-level event panel; curb_events; impact settings")
      .column("event_id", DataTypes.StringType, false, "Event (see curb_events)")
      .column("reporter_iso3", DataTypes.StringType, false, "Reporting country")
      .column("partner_iso3", DataTypes.StringType, false, "Partner country")
      .column("flow", DataTypes.StringType, false, "export or import")
      .column("category", DataTypes.StringType, false, "Category, all_dual_use or non_dual_use")
      .column("measure", DataTypes.StringType, false, "The curb_impact column estimated (value_change_pct, "
          + "yoy_value_change_pct, did_vs_non_dual_use, did_vs_control_destinations, did_triple, and the first three "
          + "at each horizon the post window holds: value_change_pct_3m, ...), event_study "
          + "(one row per relative month) or pre_trend (the joint test that the event-study leads are zero)")
      .column("relative_month", DataTypes.IntegerType, true, "Months from the event month: event_study rows; on a "
          + "pre_trend row, the reference month its coefficients are normalised to")
      .column("estimate_log", DataTypes.DoubleType, true, "The coefficient, log points; null if not identified")
      .column("std_error", DataTypes.DoubleType, true, "Its standard error, clustered by product code")
      .column("ci_low_log", DataTypes.DoubleType, true, "Lower bound of the 95% interval, log points")
      .column("ci_high_log", DataTypes.DoubleType, true, "Upper bound of the 95% interval, log points")
      .column("p_value", DataTypes.DoubleType, true, "Two-sided p-value against no change (pre_trend: the F "
          + "test that every lead before the last pre-anticipation month is zero)")
      .column("estimate_pct", DataTypes.DoubleType, true, "100*(exp(estimate_log)-1): the percent effect")
      .column("ci_low_pct", DataTypes.DoubleType, true, "Lower bound of the 95% interval, percent")
      .column("ci_high_pct", DataTypes.DoubleType, true, "Upper bound of the 95% interval, percent")
      .column("observations", DataTypes.IntegerType, false,
          "Code x destination x month observations used (groups with no trade at all dropped)")
      .column("clusters", DataTypes.IntegerType, false, "Product codes (clusters); non-dual-use codes count as one")
      .column("method", DataTypes.StringType, false, "Estimator: " + CurbEstimator.METHOD)
      .build();

  /** What the estimation groups emit: estimates and placebos in one frame, split into the two tables. */
  static final StructType ROWS = new StructType()
      .add("event_id", DataTypes.StringType, false)
      .add("reporter_iso3", DataTypes.StringType, false)
      .add("partner_iso3", DataTypes.StringType, false)
      .add("flow", DataTypes.StringType, false)
      .add("category", DataTypes.StringType, false)
      .add("test", DataTypes.StringType, true)
      .add("placebo_destination", DataTypes.StringType, true)
      .add("measure", DataTypes.StringType, false)
      .add("relative_month", DataTypes.IntegerType, true)
      .add("estimate_log", DataTypes.DoubleType, true)
      .add("std_error", DataTypes.DoubleType, true)
      .add("ci_low_log", DataTypes.DoubleType, true)
      .add("ci_high_log", DataTypes.DoubleType, true)
      .add("p_value", DataTypes.DoubleType, true)
      .add("observations", DataTypes.IntegerType, false)
      .add("clusters", DataTypes.IntegerType, false)
      .add("target_rank", DataTypes.IntegerType, true)
      .add("ranked", DataTypes.IntegerType, true);

  private CurbEstimates() {}

  /**
   * The estimates and placebos ({@link #ROWS}) of every route to a targeted or control destination; event
   * study and placebos only where the event names its destinations.
   *
   * @param codeWindowed the event panel split by dual_use_code, with windows ({@link EventPanel#withWindows})
   */
  public static Dataset<Row> estimate(Dataset<Row> codeWindowed, ImpactSettings settings) {
    Column export = col("flow").equalTo("export");
    Column destination = when(export, col("partner_iso3")).otherwise(col("reporter_iso3"));
    Column control = destination.isin(settings.controlDestinations().toArray())
        .and(functions.not(functions.array_contains(col("controls_left_out"), destination)));
    Column first = functions.least(add_months(col("pre_start"), -12),
        add_months(col("event_month"), -settings.eventStudyMonths()));
    Dataset<Row> rows = codeWindowed.withColumn("targeted", coalesce(CurbImpact.targeted(), lit(false)))
        .where(col("targeted").or(control).and(col("period").geq(first)).and(col("period").leq(col("post_end"))))
        .select(col("event_id"), col("flow"), when(export, col("reporter_iso3")).otherwise(col("partner_iso3"))
                .as("origin"), destination.as("destination"), col("reporter_iso3"), col("partner_iso3"),
            col("targeted"), functions.array_contains(col("event_destinations"), lit("ALL")).as("everywhere"),
            col("category"), coalesce(col("dual_use_code"), lit(Categories.NON_DUAL_USE)).as("code"),
            month(col("period")).as("month"), col("value_usd"),
            month(coalesce(col("release_end"), col("period"))).as("window_month"),
            month(col("pre_start")).as("pre_start"),
            month(col("pre_end")).as("pre_end"), month(col("event_month")).as("event_month"),
            month(col("post_end")).as("post_end"),
            month(coalesce(col("anticipation_month"), col("event_month"))).as("anticipation"));
    return rows.groupByKey((MapFunction<Row, String>) r -> r.getAs("event_id") + "\u0000" + r.getAs("flow")
            + "\u0000" + r.getAs("origin"), Encoders.STRING())
        .flatMapGroups(new Group(settings.controlDestinations(), settings.eventStudyMonths()), Encoders.row(ROWS));
  }

  private static Column month(Column date) {
    return functions.year(date).multiply(12).plus(functions.month(date)).minus(1);
  }

  /** The curb_estimates rows of {@link #estimate}'s output. */
  public static Dataset<Row> table(Dataset<Row> rows) {
    return inPercent(rows.where(col("test").isNull())).withColumn("method", lit(CurbEstimator.METHOD));
  }

  /** Adds estimate_pct, ci_low_pct and ci_high_pct: the log-point figures as percent effects. */
  static Dataset<Row> inPercent(Dataset<Row> rows) {
    return rows.withColumn("estimate_pct", CurbImpact.pctFromLog(col("estimate_log")))
        .withColumn("ci_low_pct", CurbImpact.pctFromLog(col("ci_low_log")))
        .withColumn("ci_high_pct", CurbImpact.pctFromLog(col("ci_high_log")));
  }

  /** curb_impact with each measure's interval and p-value beside it ({@link #intervalColumns}). */
  public static Dataset<Row> withIntervals(Dataset<Row> impact, Dataset<Row> rows) {
    List<Column> pivot = new ArrayList<>();
    for (String m : CurbEstimator.MEASURES) {
      Column is = col("measure").equalTo(m);
      pivot.add(first(when(is, CurbImpact.pctFromLog(col("ci_low_log"))), true).as(m + "_ci_low"));
      pivot.add(first(when(is, CurbImpact.pctFromLog(col("ci_high_log"))), true).as(m + "_ci_high"));
      pivot.add(first(when(is, col("p_value")), true).as(m + "_p_value"));
    }
    Dataset<Row> wide = rows.where(col("test").isNull().and(col("relative_month").isNull()))
        .groupBy(CurbImpact.ROUTE_CATEGORY[0], java.util.Arrays.copyOfRange(CurbImpact.ROUTE_CATEGORY, 1, 5))
        .agg(pivot.get(0), pivot.subList(1, pivot.size()).toArray(new Column[0]));
    return impact.join(wide, CurbImpact.ROUTE_CATEGORY, "left");
  }

  /** The curb_impact columns this adds: {@code <measure>_ci_low}, {@code _ci_high}, {@code _p_value}. */
  public static StructType intervalColumns() {
    TableSpec.Builder b = TableSpec.builder("intervals");
    for (String m : CurbEstimator.MEASURES) {
      b.column(m + "_ci_low", DataTypes.DoubleType, true, "Lower bound of the 95% interval of " + m
          + ", percent (see curb_estimates); null where not estimated")
          .column(m + "_ci_high", DataTypes.DoubleType, true, "Upper bound of the 95% interval of " + m + ", percent")
          .column(m + "_p_value", DataTypes.DoubleType, true, "p-value of " + m + " against no change");
    }
    return b.build().schema();
  }

  /** One group: every destination of one event, flow and origin; see {@link CurbEstimator}. */
  private static final class Group implements FlatMapGroupsFunction<String, Row, Row> {
    private final List<String> controls;
    private final int studyMonths;

    Group(List<String> controls, int studyMonths) {
      this.controls = List.copyOf(controls);
      this.studyMonths = studyMonths;
    }

    @Override
    public Iterator<Row> call(String key, Iterator<Row> input) {
      List<CurbEstimator.Observation> panel = new ArrayList<>();
      Map<String, CurbEstimator.Windows> windows = new TreeMap<>();
      Map<String, Row> route = new TreeMap<>();
      Map<String, Set<String>> categories = new TreeMap<>();
      Set<String> targeted = new TreeSet<>();
      while (input.hasNext()) {
        Row r = input.next();
        String d = r.getAs("destination");
        panel.add(new CurbEstimator.Observation(d, r.getAs("category"), r.getAs("code"), r.<Integer>getAs("month"),
            r.<Double>getAs("value_usd"), r.<Integer>getAs("window_month")));
        if (!route.containsKey(d)) {
          route.put(d, r);
          windows.put(d, new CurbEstimator.Windows(r.getAs("pre_start"), r.getAs("pre_end"),
              r.getAs("event_month"), r.getAs("post_end"), r.getAs("anticipation")));
          // Against controls the event treats too, leads, lags and placebos say nothing; they are the costly fits.
          if (r.<Boolean>getAs("targeted") && !r.<Boolean>getAs("everywhere")) {
            targeted.add(d);
          }
        }
        categories.computeIfAbsent(d, k -> new TreeSet<>()).add(r.getAs("category"));
      }
      // Rows arrive in shuffle order; sorted, every run sums in the same order and gives the same digits.
      panel.sort(java.util.Comparator.comparing(CurbEstimator.Observation::destination)
          .thenComparing(CurbEstimator.Observation::category).thenComparing(CurbEstimator.Observation::code)
          .thenComparingInt(CurbEstimator.Observation::month));
      List<Row> out = new ArrayList<>();
      for (String d : route.keySet()) {
        List<String> others = controls.stream().filter(c -> !c.equals(d) && route.containsKey(c)).toList();
        // Every estimate of d reads d's rows and its controls' alone: the other destinations' rows (every
        // destination of an event on all of them) are left out once here rather than skipped in each fit.
        Set<String> read = new HashSet<>(others);
        read.add(d);
        List<CurbEstimator.Observation> rows = panel.stream().filter(o -> read.contains(o.destination())).toList();
        for (String category : categories.get(d)) {
          Emit emit = new Emit(route.get(d), category, out);
          CurbEstimator.measures(rows, windows, d, others, category).forEach(e -> emit.row(null, null, e, null));
          CurbEstimator.horizons(rows, windows, d, others, category).forEach(e -> emit.row(null, null, e, null));
          if (!targeted.contains(d)) {
            continue;
          }
          CurbEstimator.eventStudy(rows, windows, d, others, category, studyMonths)
              .forEach(e -> emit.row(null, null, e, null));
          List<CurbEstimator.Placebo> placebos = CurbEstimator.placebos(rows, windows, d, others, category);
          CurbEstimator.Estimate own = CurbEstimator.didControls(rows, windows, d, others, category);
          int[] rank = CurbEstimator.rank(own, placebos);
          emit.row("target", d, own, rank);
          placebos.forEach(p -> emit.row(p.test(), p.destination(), p.estimate(),
              p.test().equals("destination") ? rank : null));
        }
      }
      return out.iterator();
    }
  }

  /** Rows of one route and category. */
  private record Emit(Row route, String category, List<Row> out) {

    void row(String test, String placeboDestination, CurbEstimator.Estimate e, int[] rank) {
      out.add(RowFactory.create(route.getAs("event_id"), route.getAs("reporter_iso3"), route.getAs("partner_iso3"),
          route.getAs("flow"), category, test, placeboDestination, e.measure(), e.relativeMonth(),
          finite(e.estimate()), finite(e.stdError()), finite(e.ciLow()), finite(e.ciHigh()), finite(e.pValue()),
          e.observations(), e.clusters(), rank == null ? null : rank[0], rank == null ? null : rank[1]));
    }

    private static Double finite(double v) {
      return Double.isFinite(v) ? v : null;
    }
  }
}
