package org.tradecurb.cli;

import org.apache.spark.sql.SparkSession;
import org.tradecurb.config.TradecurbConfig;
import org.tradecurb.pipeline.Maintenance;
import org.tradecurb.pipeline.RunContext;
import org.tradecurb.spark.Sessions;
import org.tradecurb.spark.WarehouseLock;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "maintain", mixinStandardHelpOptions = true,
    description = "OPTIMIZE and VACUUM every table (run it on its own schedule, not in the pipeline's).")
final class MaintainCommand implements Runnable {

  @Mixin
  PipelineOptions options;

  @Option(names = "--retain-hours", defaultValue = "168",
      description = "VACUUM keeps files younger than this (minimum and default: 168 = 7 days)")
  int retainHours;

  @Option(names = "--skip-optimize", description = "Do not OPTIMIZE")
  boolean skipOptimize;

  @Option(names = "--skip-vacuum", description = "Do not VACUUM")
  boolean skipVacuum;

  @Override
  public void run() {
    TradecurbConfig config = options.load();
    SparkSession spark = Sessions.getOrCreate("tradecurb maintain");
    RunContext run = RunContext.start(spark, config);
    try (WarehouseLock lock = run.lockWarehouse()) {
      Maintenance.run(run, !skipOptimize, !skipVacuum, retainHours);
    }
  }
}
