package org.tradecurb.cli;

import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.tradecurb.config.TradecurbConfig;
import org.tradecurb.pipeline.Pipeline;
import org.tradecurb.pipeline.RunContext;
import org.tradecurb.spark.Sessions;
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
    Pipeline.run(run, stages());
  }
}
