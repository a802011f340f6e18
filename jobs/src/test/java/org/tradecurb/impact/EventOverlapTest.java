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
}
