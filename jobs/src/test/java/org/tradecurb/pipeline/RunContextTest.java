package org.tradecurb.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tradecurb.SparkTestBase;
import org.tradecurb.config.TradecurbConfig;

class RunContextTest extends SparkTestBase {

  /** The latest run of a warehouse is its largest run_id, even among short runs started within one second. */
  @Test
  void runIdsSortInTheOrderRunsStarted() throws InterruptedException {
    TradecurbConfig config = TradecurbConfig.defaults().with("warehouse", newDir("run-ids").toString());
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      ids.add(RunContext.start(spark(), config).runId());
      Thread.sleep(2);
    }
    assertEquals(ids.stream().sorted().toList(), ids);
  }
}
