package org.tradecurb.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.tradecurb.SparkTestBase;
import org.tradecurb.config.TradecurbConfig;
import org.tradecurb.pipeline.RunContext;
import org.tradecurb.pipeline.StageResult;
import org.tradecurb.spark.Warehouse;

class ConsumedIndexTest extends SparkTestBase {

  private static final Map<String, String> INGESTED = Map.of("ingest_files", "t1@3", "listing", "abc");

  @Test
  void aRunKeepsTheIndexInStepWithTheRunLogAndACommitWithoutItMakesItStale() {
    Path wh = newDir("consumed-index");
    TradecurbConfig config = TradecurbConfig.defaults().with("warehouse", wh.toString());

    RunContext first = RunContext.start(spark(), config);
    assertEquals(Map.of(), first.lastConsumed("ingest"), "no run log yet");
    PipelineRuns.record(first, List.of(
        StageResult.of("ingest", List.of(new PipelineRuns.Entry("ingest", "comtrade")), INGESTED),
        StageResult.failed("normalize", new IllegalStateException("boom"))));
    Warehouse w = first.warehouse();
    Map<String, Map<String, String>> afterFirst = Map.of("ingest", INGESTED);
    assertEquals(Optional.of(afterFirst), ConsumedIndex.read(w, w.version(PipelineRuns.TABLE).orElseThrow()),
        "a failed stage leaves nothing to start from");
    assertEquals(afterFirst, PipelineRuns.fromRunLog(w));

    RunContext second = RunContext.start(spark(), config);
    assertEquals(INGESTED, second.lastConsumed("ingest"));
    PipelineRuns.record(second, List.of(StageResult.skipped("tag", "nothing new", Map.of("catalog", "c1"))));
    Map<String, Map<String, String>> afterSecond = Map.of("ingest", INGESTED, "tag", Map.of("catalog", "c1"));
    assertEquals(Optional.of(afterSecond), ConsumedIndex.read(w, w.version(PipelineRuns.TABLE).orElseThrow()),
        "the earlier stages' inputs with this run's on top");
    assertEquals(afterSecond, PipelineRuns.fromRunLog(w));

    // A run that never asked where the stages left off (a refused lock, maintenance) commits without the index.
    RunContext third = RunContext.start(spark(), config);
    PipelineRuns.record(third, List.of(StageResult.failed("ingest", new IllegalStateException("busy"))));
    assertEquals(Optional.empty(), ConsumedIndex.read(w, w.version(PipelineRuns.TABLE).orElseThrow()), "stale");
    assertEquals(afterSecond, PipelineRuns.lastConsumed(w), "read from the run log instead");
  }
}
