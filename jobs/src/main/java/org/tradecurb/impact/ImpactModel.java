package org.tradecurb.impact;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.tradecurb.spark.TableSpec;
import org.tradecurb.tag.CurbEvent;

/**
 * Tagged flows → every gold table, through one small aggregate ({@link MonthlyBase}) computed once. The event
 * panel and curb_impact, each read by several self-joins and tables, are kept in memory too: small frames,
 * so every plan over them stays small.
 */
public record ImpactModel(Dataset<Row> base, Dataset<Row> windowed, Dataset<Row> impact, ImpactSettings settings) {

  /** @param instrumentCategories each catalogue instrument's categories, to see which events overlap */
  public static ImpactModel build(SparkSession spark, Dataset<Row> tagged, List<CurbEvent> events,
      ImpactSettings settings, Map<String, java.util.Set<String>> instrumentCategories) {
    Dataset<Row> base = MonthlyBase.of(tagged, settings.sourcePrecedence()).persist();
    Dataset<Row> windowed = EventPanel.withWindows(EventPanel.build(base, events),
        EventPanel.windows(spark, events, settings, instrumentCategories)).persist();
    Dataset<Row> impact = CurbImpact.compute(windowed, settings).persist();
    return new ImpactModel(base, windowed, impact, settings);
  }

  /** The gold tables, in the order they are listed. */
  public Map<TableSpec, Dataset<Row>> tables() {
    Dataset<Row> mirror = MirrorFlows.byHs6(base, settings.cifFobMargin());
    Map<TableSpec, Dataset<Row>> outputs = new LinkedHashMap<>();
    outputs.put(MonthlyFlows.TABLE, MonthlyFlows.compute(base));
    outputs.put(CurbImpact.TABLE, impact);
    outputs.put(EventStudy.TABLE, EventStudy.compute(windowed, impact, settings.eventStudyMonths()));
    outputs.put(MirrorFlows.BY_HS6, mirror);
    outputs.put(MirrorFlows.BY_CATEGORY, MirrorFlows.byCategory(mirror, settings.cifFobMargin()));
    outputs.put(Diversion.TABLE, Diversion.compute(impact, settings.diversionDestinations(),
        settings.diversionTop()));
    outputs.put(SourceSelection.COMPARISON, SourceSelection.comparison(base));
    return outputs;
  }

  public void release() {
    base.unpersist();
    windowed.unpersist();
    impact.unpersist();
  }
}
