package org.tradecurb.cli;

import java.util.List;
import org.tradecurb.pipeline.Pipeline;
import picocli.CommandLine.Command;

@Command(name = "run", mixinStandardHelpOptions = true,
    description = "Run every stage in order: ingest, normalize, tag, impact.")
final class RunCommand extends StageCommand {

  @Override
  List<String> stages() {
    return Pipeline.STAGES;
  }
}
