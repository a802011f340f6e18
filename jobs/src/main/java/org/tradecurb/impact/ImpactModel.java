package org.tradecurb.impact;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.tradecurb.spark.Parallel;
import org.tradecurb.spark.SparkLine;
import org.tradecurb.spark.TableSpec;
import org.tradecurb.tag.CurbEvent;

/**
 * Tagged flows → every gold table, through one small aggregate ({@link MonthlyBase}) computed once. The event
 * panel and curb_impact, each read by several self-joins and tables, are kept too; so are the estimates, which
 * curb_impact, event_study, curb_estimates and placebo_tests all read.
 */
public record ImpactModel(Dataset<Row> base, Dataset<Row> windowed, Dataset<Row> impact, Dataset<Row> estimates,
    ImpactSettings settings, List<JavaRDD<?>> held) {

  /** @param instrumentCategories each catalogue instrument's categories, to see which events overlap */
  public static ImpactModel build(SparkSession spark, Dataset<Row> tagged, List<CurbEvent> events,
      ImpactSettings settings, Map<String, java.util.Set<String>> instrumentCategories) {
    List<JavaRDD<?>> held = java.util.Collections.synchronizedList(new ArrayList<>());
    // Cached as a Dataset, so that the action computing it reports what the caller observes on the tagged rows.
    Dataset<Row> base = MonthlyBase.of(tagged, settings.sourcePrecedence()).persist();
    Dataset<Row> windows = EventPanel.windows(spark, events, settings, instrumentCategories);
    // The route panel and the code panel's estimates are planned side by side (each runs its broadcast jobs).
    List<Dataset<Row>> panels = Parallel.map(List.<Supplier<Dataset<Row>>>of(
        () -> SparkLine.keep(held, EventPanel.withWindows(EventPanel.build(base, events), windows)),
        // Computed with curb_impact, which carries its intervals: the same action, no other.
        () -> SparkLine.keep(held, CurbEstimates.estimate(EventPanel.withWindows(
            EventPanel.build(base, events, "dual_use_code"), windows, "dual_use_code"), settings))), Supplier::get);
    Dataset<Row> windowed = panels.get(0);
    Dataset<Row> estimates = panels.get(1);
    Dataset<Row> impact = SparkLine.keep(held,
        CurbEstimates.withIntervals(CurbImpact.compute(windowed, settings), estimates));
    return new ImpactModel(base, windowed, impact, estimates, settings, held);
  }

  /**
   * The gold tables, in the order they are listed, each derived when asked for: a caller writing them side by
   * side plans each in its own thread.
   */
  public Map<TableSpec, Supplier<Dataset<Row>>> tables() {
    // source_comparison reads monthly_flows' values, and mirror_flows_by_category sums mirror_flows: each read
    // is of rows kept, computed once by the first write.
    Supplier<Dataset<Row>> monthly = once(() -> SparkLine.keep(held, MonthlyFlows.compute(base)));
    Supplier<Dataset<Row>> mirror = once(() -> SparkLine.keep(held, MirrorFlows.byHs6(base, settings.cifFobMargin())));
    Map<TableSpec, Supplier<Dataset<Row>>> outputs = new LinkedHashMap<>();
    outputs.put(MonthlyFlows.TABLE, monthly);
    outputs.put(CurbImpact.TABLE, () -> impact);
    outputs.put(EventStudy.TABLE, () -> EventStudy.withBands(EventStudy.compute(windowed, impact,
        settings.eventStudyMonths()), estimates));
    outputs.put(CurbEstimates.TABLE, () -> CurbEstimates.table(estimates));
    outputs.put(PlaceboTests.TABLE, () -> PlaceboTests.compute(estimates));
    outputs.put(MirrorFlows.BY_HS6, mirror);
    outputs.put(MirrorFlows.BY_CATEGORY, () -> MirrorFlows.byCategory(mirror.get(), settings.cifFobMargin()));
    outputs.put(Diversion.TABLE, () -> Diversion.compute(impact, settings.diversionDestinations(),
        settings.diversionTop()));
    outputs.put(SourceSelection.COMPARISON, () -> SourceSelection.comparison(base, monthly.get()));
    return outputs;
  }

  /** {@code frame}'s result, computed on the first call; callers in other threads wait for it. */
  private static Supplier<Dataset<Row>> once(Supplier<Dataset<Row>> frame) {
    return new Supplier<>() {
      private Dataset<Row> computed;

      @Override
      public synchronized Dataset<Row> get() {
        if (computed == null) {
          computed = frame.get();
        }
        return computed;
      }
    };
  }

  public void release() {
    base.unpersist();
    held.forEach(rows -> rows.unpersist(false));
  }
}
