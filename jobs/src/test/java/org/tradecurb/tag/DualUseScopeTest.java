package org.tradecurb.tag;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Date;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.tradecurb.SparkTestBase;
import org.tradecurb.config.TradecurbConfig;
import org.tradecurb.impact.Categories;
import org.tradecurb.impact.EventPanel;
import org.tradecurb.impact.ImpactModel;
import org.tradecurb.impact.ImpactSettings;
import org.tradecurb.impact.MirrorFlows;
import org.tradecurb.impact.MonthlyBase;
import org.tradecurb.impact.MonthlyFlows;

/**
 * What the shipped catalogue's scope does to the gold tables: broad look-alike subheadings on HS6 data stay
 * out of all_dual_use and land in broad_sensitivity, and every event takes each code's category from its own
 * instruments — one category per event and code; a mirror subheading takes one category by value, not name.
 */
class DualUseScopeTest extends SparkTestBase {

  /** The tagger test's flows with what the impact tables read besides. */
  private static final StructType FLOWS = DualUseTaggerTest.FLOWS
      .add("source", DataTypes.StringType)
      .add("period_months", DataTypes.IntegerType)
      .add("value_usd", DataTypes.DoubleType)
      .add("net_weight_kg", DataTypes.DoubleType)
      .add("fx_quality", DataTypes.StringType);

  /** One pre month, the month before the event's (December 2025, though jp_ban_2026 is anticipated in November). */
  private static final TradecurbConfig CONFIG = TradecurbConfig.defaults().with("impact.pre-months", 1)
      .with("impact.pre-window-before-anticipation", false);

  /** China's exports to a partner: China Customs for national codes, Comtrade for HS6. */
  private static Row export(String partner, String month, String system, String code, String vintage, double usd) {
    String source = system.startsWith("HS6") ? "comtrade" : system.equals("JP9") ? "japan_customs" : "china_customs";
    return RowFactory.create(code, "CHN", partner, "export", Date.valueOf(month + "-01"), system, code,
        code.substring(0, 6), vintage, source, 1, usd, usd / 10, "published");
  }

  private Dataset<Row> tagged(List<Row> rows) {
    DualUseCatalog catalog = DualUseCatalog.load(CONFIG);
    Dataset<Row> flows = spark().createDataFrame(rows, FLOWS);
    return DualUseTagger.tag(flows, DualUseTagger.codeMatches(flows, DualUseTagger.catalogKeys(spark(), catalog),
        DualUseTagger.hs2017To2022()), catalog.version(), "run");
  }

  /**
   * December 2025 → January 2026 (jp_ban_2026, pre-months 1), China's exports to Japan, USD: Comtrade 850511
   * magnets 100 → 40 and 811292 gallium/germanium/indium 50 → 20 (narrow subheadings); China Customs 28053012
   * dysprosium 150 → 60 (exact); look-alikes 382499 1,000 and 848690 2,000 both months (broad); ordinary 610910
   * 10 both months.
   */
  @Test
  void broadLookAlikeSubheadingsStayOutOfAllDualUseAndFormTheSensitivityCategory() {
    List<Row> rows = new ArrayList<>();
    Map<String, double[]> hs6 = new LinkedHashMap<>();
    hs6.put("850511", new double[] {100, 40});
    hs6.put("811292", new double[] {50, 20});
    hs6.put("382499", new double[] {1000, 1000});
    hs6.put("848690", new double[] {2000, 2000});
    hs6.put("610910", new double[] {10, 10});
    String[] months = {"2025-12", "2026-01"};
    for (int m = 0; m < 2; m++) {
      for (Map.Entry<String, double[]> e : hs6.entrySet()) {
        rows.add(export("JPN", months[m], "HS6-H6", e.getKey(), "HS2022", e.getValue()[m]));
      }
      rows.add(export("JPN", months[m], "CN8", "28053012", "HS2022", m == 0 ? 150 : 60));
    }
    List<CurbEvent> events = CurbEvent.fromConfig(CONFIG);
    ImpactModel model = ImpactModel.build(spark(), tagged(rows), events, ImpactSettings.from(CONFIG),
        DualUseCatalog.load(CONFIG).instrumentCategories());
    try {
      Map<String, Double> december = new TreeMap<>();
      MonthlyFlows.compute(model.base()).where("period = DATE'2025-12-01'").collectAsList()
          .forEach(r -> december.put(r.getAs("category"), r.getAs("value_usd")));
      assertEquals(Map.of(Categories.ALL_DUAL_USE, 300.0, Categories.BROAD_SENSITIVITY, 3000.0,
          Categories.NON_DUAL_USE, 10.0, "rare_earth_magnets", 100.0, "gallium_germanium", 50.0,
          "rare_earth_elements", 150.0), december, "811292 under its earliest control; no graphite row");

      Map<String, Row> impact = new TreeMap<>();
      model.impact().where("event_id = 'jp_ban_2026'").collectAsList()
          .forEach(r -> impact.put(r.getAs("category"), r));
      Row headline = impact.get(Categories.ALL_DUAL_USE);
      assertEquals(-60.0, headline.<Double>getAs("value_change_pct"), 1e-9);
      assertEquals((150.0 + 60.0) / (300.0 + 120.0), headline.<Double>getAs("approximate_value_share"), 1e-9,
          "the HS6 lines are approximate, the dysprosium line exact");
      assertEquals(0.0, impact.get(Categories.BROAD_SENSITIVITY).<Double>getAs("value_change_pct"), 1e-9);
      assertEquals(1.0, impact.get(Categories.BROAD_SENSITIVITY).<Double>getAs("approximate_value_share"), 1e-9);

      Map<String, Set<String>> byEvent = new TreeMap<>();
      model.windowed().select("event_id", "category").distinct().collectAsList()
          .forEach(r -> byEvent.computeIfAbsent(r.getString(0), k -> new TreeSet<>()).add(r.getString(1)));
      assertEquals(Set.of("rare_earth_elements", "rare_earth_magnets", Categories.ALL_DUAL_USE,
          Categories.BROAD_SENSITIVITY, Categories.NON_DUAL_USE), byEvent.get("rare_earths_2025"),
          "the chemical-products and sputtering-target look-alikes are 2025/18's sensitivity rows");
      assertEquals(Set.of("tungsten_group", Categories.ALL_DUAL_USE, Categories.NON_DUAL_USE),
          byEvent.get("tungsten_group_2025"), "811292 as indium under 2025/10, not as gallium");
      assertEquals(Set.of("gallium_germanium", Categories.ALL_DUAL_USE, Categories.NON_DUAL_USE),
          byEvent.get("ga_ge_2023"));
    } finally {
      model.release();
    }
  }

  /**
   * China's exports to Japan, December 2025, USD: China Customs 28259012 tungsten trioxide 30 (narrow) and
   * 28259090 other metal oxides 5 (broad, for gallium oxide), both in HS6 282590; Comtrade 811292 50 (narrow)
   * and 382499 1,000 (broad).
   */
  @Test
  void aMirrorSubheadingTakesTheCategoryHoldingMostOfItsValue() {
    List<Row> rows = List.of(export("JPN", "2025-12", "CN8", "28259012", "HS2022", 30),
        export("JPN", "2025-12", "CN8", "28259090", "HS2022", 5),
        export("JPN", "2025-12", "HS6-H6", "811292", "HS2022", 50),
        export("JPN", "2025-12", "HS6-H6", "382499", "HS2022", 1000));
    Dataset<Row> byHs6 = MirrorFlows.byHs6(MonthlyBase.of(tagged(rows), ImpactSettings.from(CONFIG)
        .sourcePrecedence()), 0.06);
    Map<String, String> categories = new TreeMap<>();
    byHs6.collectAsList().forEach(r -> categories.put(r.getAs("hs6"), r.getAs("dual_use_category")));
    assertEquals(Map.of("282590", "tungsten_group", "811292", "gallium_germanium",
        "382499", Categories.BROAD_SENSITIVITY), categories);
    Map<String, Double> exports = new TreeMap<>();
    MirrorFlows.byCategory(byHs6, 0.06).collectAsList()
        .forEach(r -> exports.put(r.getAs("category"), r.getAs("china_exports_usd")));
    assertEquals(Map.of(Categories.ALL_DUAL_USE, 85.0, "tungsten_group", 35.0, "gallium_germanium", 50.0,
        Categories.BROAD_SENSITIVITY, 1000.0), exports);
  }

  /** One line per catalogue code, each to a partner of its own, through every shipped event's panel. */
  @Test
  void everyCatalogueCodeTakesOneCategoryPerEventFromTheEventsOwnInstruments() {
    DualUseCatalog catalog = DualUseCatalog.load(CONFIG);
    List<Row> rows = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (DualUseCatalog.Entry e : catalog.entries()) {
      String vintage = e.hsVintage() == null ? "HS2022" : e.hsVintage();
      String system = !e.codeSystem().equals("HS6") ? e.codeSystem() : vintage.equals("HS2022") ? "HS6-H6" : "HS6-H5";
      if (seen.add(system + e.code())) {
        rows.add(export("P" + seen.size(), "2026-02", system, e.code(), vintage, 1.0));
      }
    }
    List<CurbEvent> events = CurbEvent.fromConfig(CONFIG);
    Map<String, Set<String>> instrumentCategories = catalog.instrumentCategories();
    Dataset<Row> panel = EventPanel.build(MonthlyBase.of(tagged(rows), ImpactSettings.from(CONFIG)
        .sourcePrecedence()), events);
    Map<String, Set<String>> categories = new TreeMap<>();
    panel.where("value_usd > 0").collectAsList().forEach(r -> categories.computeIfAbsent(
        r.<String>getAs("event_id") + " " + r.getAs("partner_iso3"), k -> new TreeSet<>()).add(r.getAs("category")));
    List<String> wrong = new ArrayList<>();
    int treated = 0;
    for (CurbEvent event : events) {
      Set<String> allowed = new HashSet<>(Set.of(Categories.BROAD_SENSITIVITY));
      event.instruments().forEach(i -> allowed.addAll(i.equals(CurbEvent.WHOLE_CATALOGUE)
          ? DualUseCatalog.CATEGORIES : instrumentCategories.getOrDefault(i, Set.of())));
      for (int p = 1; p <= seen.size(); p++) {
        Set<String> own = new TreeSet<>(categories.getOrDefault(event.id() + " P" + p, Set.of()));
        own.removeAll(Set.of(Categories.ALL_DUAL_USE, Categories.NON_DUAL_USE));
        treated += own.size();
        if (own.size() > 1 || !allowed.containsAll(own)) {
          wrong.add(event.id() + " " + rows.get(p - 1).getAs("code") + " " + own);
        }
      }
    }
    org.junit.jupiter.api.Assertions.assertTrue(wrong.isEmpty(),
        "event x code with more than one category, or one from another instrument: " + wrong);
    org.junit.jupiter.api.Assertions.assertTrue(treated > rows.size(),
        "most codes are treated by jp_ban_2026 and by their own event: " + treated);
  }
}
