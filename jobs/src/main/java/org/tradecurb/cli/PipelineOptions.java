package org.tradecurb.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.tradecurb.config.TradecurbConfig;
import picocli.CommandLine.Option;

/** The options every pipeline command takes; unset flags leave the configuration's values in place. */
public final class PipelineOptions {

  @Option(names = "--input", paramLabel = "DIR",
      description = "Folder with comtrade/, japan-customs/, china-customs/{exports,imports}/ (default: data-samples)")
  String input;

  @Option(names = "--warehouse", paramLabel = "DIR",
      description = "Delta warehouse folder or URI (default: ./warehouse)")
  String warehouse;

  @Option(names = "--config", paramLabel = "FILE", description = "HOCON file overriding the defaults")
  Path config;

  @Option(names = "--fail-fast", description = "Stop after ingest when a file is refused (ingest.fail-fast); "
      + "by default the run measures what landed, then exits 3")
  boolean failFast;

  public TradecurbConfig load() {
    Map<String, Object> flags = new LinkedHashMap<>();
    if (input != null) {
      flags.put("input", input);
    }
    if (warehouse != null) {
      flags.put("warehouse", warehouse);
    }
    if (failFast) {
      flags.put("ingest.fail-fast", true);
    }
    return TradecurbConfig.load(config, System.getenv(), flags);
  }
}
