package org.tradecurb.tag;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Date;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.tradecurb.SparkTestBase;
import org.tradecurb.config.TradecurbConfig;
import org.tradecurb.normalize.ReferenceTable;

/** Known answers for tagging at every precision the sources use, against the shipped catalogue. */
class DualUseTaggerTest extends SparkTestBase {

  static final StructType FLOWS = new StructType()
      .add("id", DataTypes.StringType)
      .add("reporter_iso3", DataTypes.StringType)
      .add("partner_iso3", DataTypes.StringType)
      .add("flow", DataTypes.StringType)
      .add("period", DataTypes.DateType)
      .add("code_system", DataTypes.StringType)
      .add("code", DataTypes.StringType)
      .add("hs6", DataTypes.StringType)
      .add("hs_vintage", DataTypes.StringType);

  private static Row flow(String id, String reporter, String partner, String flow, String month, String system,
      String code, String vintage) {
    return RowFactory.create(id, reporter, partner, flow, Date.valueOf(month + "-01"), system, code,
        code.length() >= 6 ? code.substring(0, 6) : null, vintage);
  }

  /** China's exports to Japan in February 2026. */
  private static Row chinaToJapan(String id, String system, String code) {
    return flow(id, "CHN", "JPN", "export", "2026-02", system, code, "HS2022");
  }

  /** id → "dual_use category instruments in_force precision approximate since breadth". */
  private Map<String, String> tags(DualUseCatalog catalog, Row... rows) {
    Dataset<Row> flows = spark().createDataFrame(List.of(rows), FLOWS);
    Dataset<Row> matches = DualUseTagger.codeMatches(flows, DualUseTagger.catalogKeys(spark(), catalog),
        DualUseTagger.hs2017To2022());
    Map<String, String> out = new LinkedHashMap<>();
    for (Row r : DualUseTagger.tag(flows, matches, catalog.version(), "run").orderBy("id").collectAsList()) {
      out.put(r.getAs("id"), r.getAs("dual_use") + " " + r.getAs("dual_use_category") + " "
          + r.getList(r.fieldIndex("control_instruments")) + " " + r.getList(r.fieldIndex("instruments_in_force"))
          + " " + r.getAs("match_precision") + " " + r.getAs("match_approximate") + " " + r.getAs("controlled_since")
          + " " + r.getAs("match_breadth"));
    }
    return out;
  }

  @Test
  void tagsEveryPrecisionWithTheRightCategoryInstrumentAndDates() {
    DualUseCatalog shipped = DualUseCatalog.load(TradecurbConfig.defaults());
    Map<String, String> t = tags(shipped,
        flow("a_terbium_after", "CHN", "JPN", "export", "2025-05", "CN8", "28053013", "HS2022"),
        flow("b_terbium_before", "CHN", "JPN", "export", "2025-03", "CN8", "28053013", "HS2022"),
        flow("c_japan_magnets", "JPN", "CHN", "import", "2026-02", "JP9", "850511000", "HS2022"),
        flow("d_comtrade_hs6", "CHN", "JPN", "export", "2026-02", "HS6-H6", "850511", "HS2022"),
        flow("e_tshirts", "CHN", "JPN", "export", "2026-02", "CN8", "61091000", "HS2022"),
        flow("f_other_magnets", "CHN", "JPN", "export", "2026-02", "CN8", "85051190", "HS2022"),
        flow("g_gallium_us_oct", "CHN", "USA", "export", "2025-10", "CN10", "8112929010", "HS2022"),
        flow("h_gallium_us_dec", "CHN", "USA", "export", "2025-12", "CN10", "8112929010", "HS2022"),
        flow("i_europium_suspended", "CHN", "JPN", "export", "2026-02", "CN8", "28469014", "HS2022"),
        flow("j_bismuth_hs2017", "CHN", "JPN", "export", "2021-06", "HS6-H5", "810600", "HS2017"),
        flow("k_japan_magnets_from_korea", "JPN", "KOR", "import", "2026-02", "JP9", "850511000", "HS2022"));
    assertEquals("true rare_earth_elements [MOFCOM-GACC 2025/18] [MOFCOM-GACC 2025/18] exact false 2025-04-04 null",
        t.get("a_terbium_after"));
    assertEquals("true rare_earth_elements [MOFCOM-GACC 2025/18] [] exact false 2025-04-04 null",
        t.get("b_terbium_before"), "listed, but not in force before its control");
    assertEquals("true rare_earth_magnets [MOFCOM-GACC 2025/18] [MOFCOM-GACC 2025/18] partial_national true "
        + "2025-04-04 narrow", t.get("c_japan_magnets"), "850511000 holds every metal permanent magnet");
    assertEquals("true rare_earth_magnets [MOFCOM-GACC 2025/18] [MOFCOM-GACC 2025/18] hs6 true 2025-04-04 narrow",
        t.get("d_comtrade_hs6"));
    assertEquals("false null [] [] null false null null", t.get("e_tshirts"));
    assertEquals("false null [] [] null false null null", t.get("f_other_magnets"),
        "China's unlisted 8-digit sibling is not tagged through its HS6");
    assertEquals("true gallium_germanium [MOFCOM 2024/46, MOFCOM-GACC 2023/23] "
        + "[MOFCOM 2024/46, MOFCOM-GACC 2023/23] exact false 2023-08-01 null", t.get("g_gallium_us_oct"));
    assertEquals("true gallium_germanium [MOFCOM 2024/46, MOFCOM-GACC 2023/23] [MOFCOM-GACC 2023/23] exact false "
        + "2023-08-01 null", t.get("h_gallium_us_dec"), "the US-only ban is suspended from 2025-11-09");
    assertEquals("true rare_earth_elements [MOFCOM-GACC 2025/57] [] exact false 2025-11-08 null",
        t.get("i_europium_suspended"), "the October 2025 package never came into force");
    assertEquals("true tungsten_group [MOFCOM-GACC 2025/10] [] hs6 true 2025-02-04 narrow", t.get("j_bismuth_hs2017"),
        "HS2017 810600 is matched under its own edition");
    assertEquals("true rare_earth_magnets [MOFCOM-GACC 2025/18] [] partial_national true 2025-04-04 narrow",
        t.get("k_japan_magnets_from_korea"), "a Chinese control does not bind Korean exports");
  }

  @Test
  void coarserDataCodesAreTaggedAsPartialAndRenumberedCodesOnlyInTheirTariffYears() {
    ReferenceTable mini = new ReferenceTable("mini", DualUseCatalog.COLUMNS, List.of(
        row("T 1", "graphite", "CN10", "3801100030", "", "", "2023-12-31", "2023-12-01"),
        row("T 1", "graphite", "CN10", "3801100040", "", "2024-01-01", "", "2023-12-01"),
        row("T 1", "graphite", "HS6", "380110", "narrow", "", "", "2023-12-01")), "v1");
    DualUseCatalog catalog = DualUseCatalog.of(List.of(mini));
    Map<String, String> t = tags(catalog,
        flow("a_cn8_2023", "CHN", "JPN", "export", "2023-12", "CN8", "38011000", "HS2022"),
        flow("b_cn10_old_2023", "CHN", "JPN", "export", "2023-12", "CN10", "3801100030", "HS2022"),
        flow("c_cn10_old_2024", "CHN", "JPN", "export", "2024-02", "CN10", "3801100030", "HS2022"),
        flow("d_cn10_new_2024", "CHN", "JPN", "export", "2024-02", "CN10", "3801100040", "HS2022"),
        flow("e_hs2017_via_correlation", "CHN", "JPN", "export", "2024-02", "HS6-H5", "380110", "HS2017"));
    assertEquals("false graphite [T 1] [T 1] partial_national true 2023-12-01 broad", t.get("a_cn8_2023"),
        "a parent line the catalogue does not list has no stated breadth: broad, not counted");
    assertEquals("true graphite [T 1] [T 1] exact false 2023-12-01 null", t.get("b_cn10_old_2023"));
    assertEquals("false null [] [] null false null null", t.get("c_cn10_old_2024"), "the old line no longer exists");
    assertEquals("true graphite [T 1] [T 1] exact false 2023-12-01 null", t.get("d_cn10_new_2024"));
    assertEquals("true graphite [T 1] [T 1] hs6 true 2023-12-01 narrow", t.get("e_hs2017_via_correlation"));
  }

  /** China's broad parent lines and the subheadings of controlled lines with no HS6 row match, but do not count. */
  @Test
  void broadLinesAreMatchedButNotCountedAndParentLinesArePartial() {
    DualUseCatalog shipped = DualUseCatalog.load(TradecurbConfig.defaults());
    List<Row> rows = new ArrayList<>();
    for (String code : List.of("38249999", "29319000", "38256900", "38180090", "81101010")) {
      rows.add(chinaToJapan("cn8_" + code, "CN8", code));
    }
    rows.add(chinaToJapan("cn10_3824999999", "CN10", "3824999999"));
    rows.add(chinaToJapan("hs6_811292", "HS6-H6", "811292"));
    rows.add(chinaToJapan("hs6_284180", "HS6-H6", "284180"));
    List<String> broadSubheadings = List.of("382499", "382569", "284290", "283090", "293190", "681519", "848690");
    broadSubheadings.forEach(c -> rows.add(chinaToJapan("look_alike_" + c, "HS6-H6", c)));
    Map<String, String> t = tags(shipped, rows.toArray(new Row[0]));
    assertEquals("false graphite [MOFCOM-GACC 2023/39, MOFCOM-GACC 2025/18] [MOFCOM-GACC 2023/39, MOFCOM-GACC "
        + "2025/18] partial_national true 2023-12-01 broad", t.get("cn8_38249999"),
        "chemical products n.e.s.; graphite, the earliest control listing it");
    assertEquals("false antimony [MOFCOM 2024/46, MOFCOM-GACC 2024/33] [MOFCOM-GACC 2024/33] partial_national "
        + "true 2024-09-15 broad", t.get("cn8_29319000"));
    for (String parent : List.of("cn8_38256900", "cn8_38180090")) {
      assertEquals("false gallium_germanium [MOFCOM 2024/46, MOFCOM-GACC 2023/23] [MOFCOM-GACC 2023/23] "
          + "partial_national true 2023-08-01 broad", t.get(parent), parent);
    }
    assertEquals("true antimony [MOFCOM 2024/46, MOFCOM-GACC 2024/33] [MOFCOM-GACC 2024/33] partial_national "
        + "true 2024-09-15 narrow", t.get("cn8_81101010"), "the parent of 8110101000 is approximate, not exact");
    assertEquals("false null [] [] null false null null", t.get("cn10_3824999999"),
        "a sibling of 3824999940 and 3824999922 inside their broad parent line is not controlled");
    assertEquals("true gallium_germanium [MOFCOM 2024/46, MOFCOM-GACC 2023/23, MOFCOM-GACC 2025/10] "
        + "[MOFCOM-GACC 2023/23, MOFCOM-GACC 2025/10] hs6 true 2023-08-01 narrow", t.get("hs6_811292"),
        "gallium and germanium came under control first; the tungsten group (indium) in 2025");
    assertEquals("false tungsten_group [MOFCOM-GACC 2025/10] [MOFCOM-GACC 2025/10] hs6 true 2025-02-04 broad",
        t.get("hs6_284180"), "ammonium paratungstate is one of the five lines of tungstates");
    for (String c : broadSubheadings) {
      String tag = t.get("look_alike_" + c);
      org.junit.jupiter.api.Assertions.assertTrue(tag.startsWith("false ") && tag.endsWith(" broad")
          && tag.contains(" hs6 true "), c + ": " + tag);
    }
  }

  private static List<String> row(String instrument, String category, String system, String code, String breadth,
      String validFrom, String validTo, String effective) {
    return List.of(instrument, "", category, "test", system, code, "exact", breadth,
        system.equals("HS6") ? "HS2022" : "", validFrom, validTo, effective, "", "", "ALL", "inferred", "test", "");
  }

  @Test
  void aUserCatalogueExtendsTheShippedOneAndBadRowsAreRefusedWithTheirPlace() {
    java.nio.file.Path dir = newDir("catalog");
    java.nio.file.Path file = org.tradecurb.Fixtures.write(dir, "mine.csv", String.join(",", DualUseCatalog.COLUMNS)
        + "\nMY 2026/1,,other,widgets,CN8,61091000,exact,,,,,2026-01-01,,,JPN,inferred,me,\n");
    DualUseCatalog extended = DualUseCatalog.load(TradecurbConfig.defaults().with("tagging.catalog-file",
        file.toString()));
    Map<String, String> t = tags(extended,
        flow("a", "CHN", "JPN", "export", "2026-02", "CN8", "61091000", "HS2022"),
        flow("b", "CHN", "KOR", "export", "2026-02", "CN8", "61091000", "HS2022"),
        flow("c", "CHN", "JPN", "export", "2026-02", "CN8", "28053013", "HS2022"));
    assertEquals("true other [MY 2026/1] [MY 2026/1] exact false 2026-01-01 null", t.get("a"));
    assertEquals("true other [MY 2026/1] [] exact false 2026-01-01 null", t.get("b"), "destination JPN only");
    assertEquals("true rare_earth_elements [MOFCOM-GACC 2025/18] [MOFCOM-GACC 2025/18] exact false 2025-04-04 null",
        t.get("c"), "shipped rows still apply");

    org.tradecurb.Fixtures.write(dir, "bad.csv", String.join(",", DualUseCatalog.COLUMNS)
        + "\nMY 2026/1,,magic,widgets,CN8,61091000,exact,,,,,2026-01-01,,,JPN,inferred,me,\n");
    org.tradecurb.TradecurbException e = org.junit.jupiter.api.Assertions.assertThrows(
        org.tradecurb.TradecurbException.class, () -> DualUseCatalog.load(TradecurbConfig.defaults()
            .with("tagging.catalog-file", dir.resolve("bad.csv").toString())));
    org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("category 'magic'"), e.getMessage());
  }

  @Test
  void theShippedCatalogueHasNoDisagreementsAndEveryConfiguredEventBindsKnownInstruments() {
    DualUseCatalog catalog = DualUseCatalog.load(TradecurbConfig.defaults());
    List<CurbEvent> events = CurbEvent.fromConfig(TradecurbConfig.defaults());
    assertEquals("jp_ban_2026", events.get(0).id());
    for (CurbEvent e : events) {
      e.instruments().stream().filter(i -> !i.equals("*"))
          .forEach(i -> org.junit.jupiter.api.Assertions.assertTrue(catalog.instruments().contains(i), i));
    }
    assertEquals(Optional.empty(), Optional.<String>empty());
  }
}
