package org.tradecurb.pipeline;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tradecurb.TradecurbException;
import org.tradecurb.ingest.IngestStage;
import org.tradecurb.normalize.NormalizeStage;
import org.tradecurb.tag.TagStage;
import org.tradecurb.impact.ImpactStage;

/** The stages in their one order: files → bronze → silver → tagged → gold. */
public final class Pipeline {

  private static final Map<String, Stage> STAGE_BY_NAME = new LinkedHashMap<>();

  static {
    for (Stage s : List.of(new IngestStage(), new NormalizeStage(), new TagStage(), new ImpactStage())) {
      STAGE_BY_NAME.put(s.name(), s);
    }
  }

  public static final List<String> STAGES = List.copyOf(STAGE_BY_NAME.keySet());

  private Pipeline() {}

  /** Runs the stages in order; a failure a stage did not log itself gets its pipeline_runs row here. */
  public static void run(RunContext run, List<String> stages) {
    for (String name : stages) {
      Stage stage = STAGE_BY_NAME.get(name);
      if (stage == null) {
        throw new IllegalArgumentException("unknown stage " + name);
      }
      long started = System.currentTimeMillis();
      try {
        stage.run(run);
      } catch (RuntimeException e) {
        if (!(e instanceof TradecurbException te && te.isRecorded())) {
          run.recordFailure(name, started, e);
        }
        throw e;
      }
    }
  }
}
