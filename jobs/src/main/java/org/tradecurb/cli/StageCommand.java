package org.tradecurb.cli;

import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.tradecurb.TradecurbException;
import org.tradecurb.config.TradecurbConfig;
import org.tradecurb.pipeline.Pipeline;
import org.tradecurb.pipeline.RunContext;
import org.tradecurb.pipeline.StageResult;
import org.tradecurb.spark.Sessions;
import org.tradecurb.spark.WarehouseLock;
import picocli.CommandLine.Mixin;

/** A command that runs pipeline stages in one Spark session. */
abstract class StageCommand implements Runnable {

  @Mixin
  PipelineOptions options;

  /** The stages this command runs, by name, in order. */
  abstract List<String> stages();

  @Override
  public void run() {
    TradecurbConfig config = options.load();
    SparkSession spark = Sessions.getOrCreate("tradecurb " + String.join("+", stages()));
    RunContext run = RunContext.start(spark, config);
    long started = System.currentTimeMillis();
    WarehouseLock lock;
    try {
      lock = run.lockWarehouse();
    } catch (TradecurbException busy) {
      try {
        Pipeline.record(run, StageResult.failed(stages().get(0), busy), started);
      } catch (RuntimeException logging) {
        busy.addSuppressed(logging); // the run log is the holder's to write; the refusal still stands
      }
      throw busy;
    }
    try (lock) {
      Pipeline.run(run, stages());
    }
  }
}
