package org.tradecurb.cli;

import java.util.List;
import org.tradecurb.ingest.IngestStage;
import picocli.CommandLine.Command;

@Command(name = "ingest", mixinStandardHelpOptions = true,
    description = "Read new or revised input files into the bronze tables; refused rows go to quarantine.")
final class IngestCommand extends StageCommand {

  @Override
  List<String> stages() {
    return List.of(IngestStage.NAME);
  }
}
