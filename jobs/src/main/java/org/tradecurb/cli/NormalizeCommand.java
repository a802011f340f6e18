package org.tradecurb.cli;

import java.util.List;
import org.tradecurb.normalize.NormalizeStage;
import picocli.CommandLine.Command;

@Command(name = "normalize", mixinStandardHelpOptions = true,
    description = "Fold newly ingested bronze rows into trade_flows (ISO countries, months, USD).")
final class NormalizeCommand extends StageCommand {

  @Override
  List<String> stages() {
    return List.of(NormalizeStage.NAME);
  }
}
