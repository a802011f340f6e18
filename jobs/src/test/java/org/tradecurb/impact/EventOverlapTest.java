package org.tradecurb.impact;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tradecurb.config.TradecurbConfig;
import org.tradecurb.tag.CurbEvent;
import org.tradecurb.tag.DualUseCatalog;

/** Post windows stop before the next curb on overlapping codes and destinations (shipped events). */
class EventOverlapTest {

  @Test
  void eachShippedEventStopsBeforeTheNextOverlappingOne() {
    // The US-only ban and the Japan ban target different destinations: neither cuts the other short.
    TradecurbConfig config = TradecurbConfig.defaults();
    List<CurbEvent> events = CurbEvent.fromConfig(config);
    Map<String, java.util.Set<String>> categories = DualUseCatalog.load(config).instrumentCategories();
    Map<String, String> next = new LinkedHashMap<>();
    for (CurbEvent e : events) {
      CurbEvent n = EventPanel.nextOverlapping(e, events, categories);
      next.put(e.id(), n == null ? "-" : n.id());
    }
    assertEquals(Map.of(
        "jp_ban_2026", "-",
        "ga_ge_2023", "us_ban_2024",
        "graphite_2023", "jp_ban_2026",
        "antimony_2024", "us_ban_2024",
        "us_ban_2024", "-",
        "tungsten_group_2025", "jp_ban_2026",
        "rare_earths_2025", "jp_ban_2026"), next);
  }

  /**
   * USA, a default control destination, is the US-only ban's own destination from December 2024: every event
   * whose windows reach that month leaves it out; those whose post window stops before it keep it.
   */
  @Test
  void aControlUnderAnotherEventsDestinationCurbIsLeftOutWhereTheWindowsReachIt() {
    TradecurbConfig config = TradecurbConfig.defaults();
    List<CurbEvent> events = CurbEvent.fromConfig(config);
    List<String> controls = ImpactSettings.from(config).controlDestinations();
    Map<String, java.util.Set<String>> categories = DualUseCatalog.load(config).instrumentCategories();
    Map<String, List<String>> leftOut = new LinkedHashMap<>();
    for (CurbEvent e : events) {
      CurbEvent n = EventPanel.nextOverlapping(e, events, categories);
      leftOut.put(e.id(), EventPanel.controlsLeftOut(e, events, controls,
          n == null ? null : n.eventMonth().minusMonths(1)));
    }
    assertEquals(Map.of(
        "jp_ban_2026", List.of("USA"),
        "ga_ge_2023", List.of(),
        "graphite_2023", List.of("USA"),
        "antimony_2024", List.of(),
        "us_ban_2024", List.of(),
        "tungsten_group_2025", List.of("USA"),
        "rare_earths_2025", List.of("USA")), leftOut);
    CurbEvent japan = events.stream().filter(e -> e.id().equals("jp_ban_2026")).findFirst().orElseThrow();
    assertEquals(List.of("KOR"), EventPanel.controlsLeftOut(japan, List.of(japan, new CurbEvent("kor_only", "x",
        java.time.LocalDate.of(2027, 3, 1), List.of("KOR"), List.of("*"), null)), List.of("KOR", "TWN"), null),
        "an open post window reaches a later destination curb");
  }
}
