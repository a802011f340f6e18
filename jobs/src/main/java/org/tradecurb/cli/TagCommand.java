package org.tradecurb.cli;

import java.util.List;
import org.tradecurb.tag.TagStage;
import picocli.CommandLine.Command;

@Command(name = "tag", mixinStandardHelpOptions = true,
    description = "Tag trade_flows with the dual-use catalogue into trade_flows_tagged.")
final class TagCommand extends StageCommand {

  @Override
  List<String> stages() {
    return List.of(TagStage.NAME);
  }
}
