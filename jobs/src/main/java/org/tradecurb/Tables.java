package org.tradecurb;

import java.util.ArrayList;
import java.util.List;
import org.tradecurb.impact.ImpactStage;
import org.tradecurb.ingest.BronzeTables;
import org.tradecurb.ingest.IngestLedger;
import org.tradecurb.ingest.Source;
import org.tradecurb.normalize.TradeFlows;
import org.tradecurb.quality.PipelineRuns;
import org.tradecurb.quality.Quarantine;
import org.tradecurb.spark.TableSpec;
import org.tradecurb.tag.CurbEvent;
import org.tradecurb.tag.DualUseCatalog;
import org.tradecurb.tag.DualUseTagger;

/** Every table tradecurb writes, in pipeline order: for SQL registration and the data dictionary. */
public final class Tables {

  private Tables() {}

  public static List<TableSpec> all() {
    List<TableSpec> tables = new ArrayList<>();
    for (Source s : Source.values()) {
      tables.add(BronzeTables.of(s));
    }
    tables.add(TradeFlows.TABLE);
    tables.add(DualUseTagger.TABLE);
    tables.add(DualUseCatalog.TABLE);
    tables.add(CurbEvent.TABLE);
    tables.addAll(ImpactStage.TABLES);
    tables.add(Quarantine.TABLE);
    tables.add(IngestLedger.TABLE);
    tables.add(PipelineRuns.TABLE);
    return tables;
  }
}
