package org.tradecurb.cli;

import java.util.List;
import org.tradecurb.impact.ImpactStage;
import picocli.CommandLine.Command;

@Command(name = "impact", mixinStandardHelpOptions = true,
    description = "Rebuild the impact tables (curb_impact, event_study, mirror_flows, diversion, ...).")
final class ImpactCommand extends StageCommand {

  @Override
  List<String> stages() {
    return List.of(ImpactStage.NAME);
  }
}
