package org.tradecurb.impact;

import com.typesafe.config.Config;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tradecurb.config.TradecurbConfig;
import org.tradecurb.ingest.Source;

/** The impact stage's settings (section impact of the configuration), validated. */
public record ImpactSettings(int preMonths, int postMonths, boolean preWindowBeforeAnticipation,
    int eventStudyMonths, List<String> controlDestinations, List<String> diversionDestinations, int diversionTop,
    double cifFobMargin, Map<String, List<String>> sourcePrecedence) implements Serializable {

  public static final String DEFAULT_PRECEDENCE = "default";

  public static ImpactSettings from(TradecurbConfig config) {
    int pre = config.integer("impact.pre-months");
    int post = config.integer("impact.post-months");
    int study = config.integer("impact.event-study-months");
    int top = config.integer("impact.diversion-top");
    double margin = config.number("impact.cif-fob-margin");
    if (pre < 1 || pre > 36) {
      throw config.invalid("impact.pre-months", "must be between 1 and 36");
    }
    if (post < 0 || post > 60) {
      throw config.invalid("impact.post-months", "must be between 0 (all) and 60");
    }
    if (study < 1 || study > 36) {
      throw config.invalid("impact.event-study-months", "must be between 1 and 36");
    }
    if (margin < 0 || margin > 0.5) {
      throw config.invalid("impact.cif-fob-margin", "must be between 0 and 0.5");
    }
    Map<String, List<String>> precedence = new LinkedHashMap<>();
    Config section = config.typed("impact.source-precedence", config.raw()::getConfig);
    for (String reporter : section.root().keySet()) {
      List<String> sources = config.strings("impact.source-precedence." + reporter);
      for (String s : sources) {
        try {
          Source.fromId(s);
        } catch (IllegalArgumentException e) {
          throw config.invalid("impact.source-precedence." + reporter, "names unknown source '" + s
              + "' (comtrade, japan_customs, china_customs)");
        }
      }
      if (!reporter.equals(DEFAULT_PRECEDENCE) && !reporter.matches("[A-Z]{3}")) {
        throw config.invalid("impact.source-precedence." + reporter, "keys are ISO3 reporters or default");
      }
      precedence.put(reporter, List.copyOf(sources));
    }
    if (!precedence.containsKey(DEFAULT_PRECEDENCE)) {
      throw config.invalid("impact.source-precedence", "needs a default list");
    }
    return new ImpactSettings(pre, post, config.typed("impact.pre-window-before-anticipation",
        config.raw()::getBoolean), study, config.strings("impact.control-destinations"),
        config.strings("impact.diversion-destinations"), top, margin, precedence);
  }
}
