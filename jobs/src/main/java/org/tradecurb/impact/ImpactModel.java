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
 * Tagged flows → every gold table. The intermediate results (flows with their chosen source, the event
 * panel, curb_impact) are checkpointed: each feeds several self-joined plans, and re-analysing their lineage
 * inside every plan costs minutes of planning for seconds of work.
 */
public record ImpactModel(Dataset<Row> marked, Dataset<Row> windowed, Dataset<Row> impact, ImpactSettings settings) {

  /** @param instrumentCategories each catalogue instrument's categories, to see which events overlap */
  public static ImpactModel build(SparkSession spark, Dataset<Row> tagged, List<CurbEvent> events,
      ImpactSettings settings, java.util.Map<String, java.util.Set<String>> instrumentCategories) {
    Dataset<Row> marked = SourceSelection.mark(SourceSelection.splitCombinedMonths(tagged),
        settings.sourcePrecedence()).localCheckpoint();
    Dataset<Row> windowed = EventPanel.withWindows(EventPanel.build(marked, events),
        EventPanel.windows(spark, events, settings, instrumentCategories)).localCheckpoint();
    Dataset<Row> impact = CurbImpact.compute(windowed, settings).localCheckpoint();
    return new ImpactModel(marked, windowed, impact, settings);
  }

  /** The gold tables, in the order they are written. */
  public Map<TableSpec, Dataset<Row>> tables() {
    Dataset<Row> mirror = MirrorFlows.byHs6(marked, settings.cifFobMargin());
    Map<TableSpec, Dataset<Row>> outputs = new LinkedHashMap<>();
    outputs.put(MonthlyFlows.TABLE, MonthlyFlows.compute(marked));
    outputs.put(CurbImpact.TABLE, impact);
    outputs.put(EventStudy.TABLE, EventStudy.compute(windowed, impact, settings.eventStudyMonths()));
    outputs.put(MirrorFlows.BY_HS6, mirror);
    outputs.put(MirrorFlows.BY_CATEGORY, MirrorFlows.byCategory(mirror, settings.cifFobMargin()));
    outputs.put(Diversion.TABLE, Diversion.compute(impact, settings.diversionDestinations(),
        settings.diversionTop()));
    outputs.put(SourceSelection.COMPARISON, SourceSelection.comparison(marked));
    return outputs;
  }

  public void release() {
    marked.unpersist();
    windowed.unpersist();
    impact.unpersist();
  }
}
