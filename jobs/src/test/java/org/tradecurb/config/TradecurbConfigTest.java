package org.tradecurb.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tradecurb.ExitCode;
import org.tradecurb.TradecurbException;
import org.tradecurb.impact.ImpactSettings;
import org.tradecurb.tag.CurbEvent;

class TradecurbConfigTest {

  private static Path file(String content) throws Exception {
    Path f = Files.createTempFile("tradecurb", ".conf");
    Files.writeString(f, content);
    return f;
  }

  @Test
  void layersApplyFlagsOverEnvironmentOverFileOverDefaults() throws Exception {
    Path f = file("warehouse = /from/file\nimpact.pre-months = 4\nimpact.control-destinations = [KOR]\n");
    TradecurbConfig c = TradecurbConfig.load(f, Map.of("TRADECURB_IMPACT__PRE_MONTHS", "3",
        "TRADECURB_WAREHOUSE", "s3a://bucket/wh", "TRADECURB_IMPACT__CONTROL_DESTINATIONS", "[DEU, USA]"),
        Map.of("input", "/from/flag"));
    assertEquals("/from/flag", c.input());
    assertEquals("s3a://bucket/wh", c.warehouse(), "URIs with // survive the environment");
    assertEquals(3, c.integer("impact.pre-months"));
    assertEquals(List.of("DEU", "USA"), ImpactSettings.from(c).controlDestinations());
    assertEquals("data-samples", TradecurbConfig.defaults().input());
  }

  @Test
  void unknownKeysAreRefusedNamingTheKeyAndWhereItCameFrom() throws Exception {
    Path f = file("input = x\nimpact {\n  pre-month = 4\n}\n");
    TradecurbException e = assertThrows(TradecurbException.class, () -> TradecurbConfig.load(f, Map.of(), Map.of()));
    assertEquals(ExitCode.BAD_CONFIGURATION, e.exitCode());
    assertTrue(e.getMessage().contains("unknown configuration key 'impact.pre-month'"), e.getMessage());
    assertTrue(e.getMessage().contains(f.getFileName().toString() + ": 3"), e.getMessage());
    TradecurbException env = assertThrows(TradecurbException.class,
        () -> TradecurbConfig.load(null, Map.of("TRADECURB_WAREHOUS", "x"), Map.of()));
    assertTrue(env.getMessage().contains("'warehous'"), env.getMessage());
  }

  @Test
  void wrongTypesAndBadValuesAreRefused() throws Exception {
    TradecurbException type = assertThrows(TradecurbException.class,
        () -> TradecurbConfig.load(file("impact.pre-months = lots\n"), Map.of(), Map.of()));
    assertTrue(type.getMessage().contains("pre-months"), type.getMessage());
    TradecurbException range = assertThrows(TradecurbException.class, () -> ImpactSettings.from(
        TradecurbConfig.load(file("impact.cif-fob-margin = 2\n"), Map.of(), Map.of())));
    assertTrue(range.getMessage().contains("impact.cif-fob-margin"), range.getMessage());
    TradecurbException mode = assertThrows(TradecurbException.class,
        () -> TradecurbConfig.load(file("catalog.mode = hive\n"), Map.of(), Map.of()).catalogMode());
    assertTrue(mode.getMessage().contains("path or metastore"), mode.getMessage());
    assertThrows(TradecurbException.class, () -> TradecurbConfig.load(Path.of("/nope.conf"), Map.of(), Map.of()));
  }

  @Test
  void eventsAreValidatedAndExtraEventsAreAdded() throws Exception {
    TradecurbConfig extra = TradecurbConfig.load(file("extra-events = [{ id = my_curb, date = \"2026-03-01\", "
        + "destinations = [JPN], instruments = [\"MOFCOM-GACC 2025/18\"] }]\n"), Map.of(), Map.of());
    List<CurbEvent> events = CurbEvent.fromConfig(extra);
    assertEquals("my_curb", events.get(events.size() - 1).id());
    TradecurbException typo = assertThrows(TradecurbException.class, () -> CurbEvent.fromConfig(
        TradecurbConfig.load(file("extra-events = [{ id = x, date = \"2026-03-01\", destination = [JPN], "
            + "instruments = [\"*\"] }]\n"), Map.of(), Map.of())));
    assertTrue(typo.getMessage().contains("unknown key 'destination'"), typo.getMessage());
    TradecurbException order = assertThrows(TradecurbException.class, () -> CurbEvent.fromConfig(
        TradecurbConfig.load(file("extra-events = [{ id = x, date = \"2026-03-01\", anticipation = \"2026-04-01\", "
            + "destinations = [JPN], instruments = [\"*\"] }]\n"), Map.of(), Map.of())));
    assertTrue(order.getMessage().contains("after the event date"), order.getMessage());
  }
}
