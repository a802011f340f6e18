package org.tradecurb.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tradecurb.SharedReference;

class ChinaCustomsFormatTest {

  private static final ChinaCustomsFormat FORMAT = new ChinaCustomsFormat();

  private static CustomsFormat.FileContext exports(String name) {
    return new CustomsFormat.FileContext("china-customs/exports/" + name, name, "export");
  }

  private static final String CHINESE_HEADER = "\"商品编码\",\"商品名称\",\"贸易伙伴编码\",\"贸易伙伴名称\",\"第一数量\","
      + "\"第一计量单位\",\"第二数量\",\"第二计量单位\",\"人民币\",";

  @Test
  void chineseSingleMonthExportTakesItsPeriodFromTheFileName() throws Exception {
    CustomsFormat.FileParser p = FORMAT.open(CHINESE_HEADER, exports("rare_earths_202601.csv"));
    LineOutcome out = p.parse("\"85051110\",\"稀土永磁\",\"116\",\"日本\",\"214,847\",\"千克\",\"0\",\"?\",\"5,848,714\",");
    assertTrue(out.isAccepted(), () -> out.message());
    SourceRecord r = FORMAT.interpret(out.fields()).get(0);
    assertEquals(LocalDate.of(2026, 1, 1), r.period());
    assertEquals(1, r.periodMonths());
    assertEquals("116", r.partnerCode());
    assertEquals("CN8", r.codeSystem());
    assertEquals(214_847.0, r.quantity());
    assertEquals(214_847.0, r.netWeightKg());
    assertEquals(5_848_714.0, r.value());
    assertEquals("CNY", r.currency());
    assertEquals("export", r.flow());
    assertEquals("FOB", r.valuation());
  }

  @Test
  void englishExportWithPeriodColumnInDollarsAndCombinedJanuaryFebruary() throws Exception {
    String header = "\"Date of data\",\"Commodity code\",\"Commodity\",\"Trading partner code\",\"Trading partner\","
        + "\"Customs Regime code\",\"Customs Regime\",\"Quantity\",\"Unit\",\"Supplimentary Quantity\","
        + "\"Supplementary Unit\",\"US dollar\",";
    CustomsFormat.FileParser p = FORMAT.open(header, new CustomsFormat.FileContext(
        "china-customs/imports/x.csv", "x.csv", "import"));
    LineOutcome out = p.parse("\"202601-202602\",\"28053013\",\"Terbium\",\"116\",\"Japan\",\"10\","
        + "\"Ordinary Trade\",\"1,200\",\"Kilogram\",\"0\",\"?\",\"315,286\",");
    assertTrue(out.isAccepted(), () -> out.message());
    SourceRecord r = FORMAT.interpret(out.fields()).get(0);
    assertEquals(LocalDate.of(2026, 1, 1), r.period());
    assertEquals(2, r.periodMonths());
    assertEquals("USD", r.currency());
    assertEquals("CIF", r.valuation());
    assertEquals("regime=10|province=", r.breakdown());
    assertEquals(315_286.0, r.value());
  }

  @Test
  void missingValueBadCodeAndCumulativeRangesAreRejected() throws Exception {
    CustomsFormat.FileParser p = FORMAT.open("\"数据年月\"," + CHINESE_HEADER, exports("x.csv"));
    String rest = "\"稀土永磁\",\"116\",\"日本\",\"?\",\"千克\",\"0\",\"?\",";
    assertEquals(Reason.MISSING_VALUE, p.parse("\"202601\",\"85051110\"," + rest + "\"?\",").reason());
    assertEquals(Reason.BAD_CODE, p.parse("\"202601\",\"8505111\"," + rest + "\"1\",").reason());
    LineOutcome cumulative = p.parse("\"202601-202603\",\"85051110\"," + rest + "\"1\",");
    assertEquals(Reason.BAD_PERIOD, cumulative.reason());
    assertTrue(cumulative.message().contains("cumulative"), cumulative.message());
    LineOutcome ok = p.parse("\"202601\",\"85051110\"," + rest + "\"1\",");
    assertNull(FORMAT.interpret(ok.fields()).get(0).quantity(), "? means no quantity");
    CustomsFormat.FileParser byRegime = FORMAT.open("\"商品编码\",\"贸易伙伴编码\",\"贸易方式编码\",\"注册地编码\","
        + "\"人民币\",", exports("x_202601.csv"));
    LineOutcome unknownRegime = byRegime.parse("\"85051110\",\"116\",\"?\",\"?\",\"7\",");
    assertTrue(unknownRegime.isAccepted(), () -> unknownRegime.message());
    assertEquals("regime=|province=", FORMAT.interpret(unknownRegime.fields()).get(0).breakdown());
  }

  @Test
  void filesWithoutFlowFolderOrPeriodOrValueColumnAreRefused() {
    assertThrows(FileLayoutException.class, () -> FORMAT.open(CHINESE_HEADER,
        new CustomsFormat.FileContext("china-customs/x_202601.csv", "x_202601.csv", null)));
    FileLayoutException noPeriod = assertThrows(FileLayoutException.class,
        () -> FORMAT.open(CHINESE_HEADER, exports("rare_earths.csv")));
    assertTrue(noPeriod.getMessage().contains("数据年月") && noPeriod.getMessage().contains("exports/2026-01/"),
        noPeriod.getMessage());
    assertThrows(FileLayoutException.class,
        () -> FORMAT.open("\"商品编码\",\"商品名称\",\"第一数量\",", exports("x_202601.csv")));
  }

  @Test
  void unknownColumnsAreKeptAsJson() throws Exception {
    CustomsFormat.FileParser p = FORMAT.open("\"商品编码\",\"原产国\",\"人民币\",", exports("x_202601.csv"));
    LineOutcome out = p.parse("\"85051110\",\"日\"\"本\",\"12\",");
    assertTrue(out.isAccepted(), () -> out.message());
    assertEquals("{\"原产国\":\"日\\\"本\"}",
        out.fields().get(ChinaCustomsFormat.COLUMNS.indexOf("other_columns")));
  }

  @Test
  void partnersNamedWithoutCodesAreMappedThroughTheCodeListAndAnUnknownNameIsRefused() throws Exception {
    CustomsFormat.FileParser zh = FORMAT.open("\"商品编码\",\"贸易伙伴名称\",\"人民币\",", exports("x_202601.csv"));
    List<String> partners = new java.util.ArrayList<>();
    for (String name : List.of("日本", "中国香港", "刚果(布)", " 韩国 ", "Reunion", "Côte d'Ivoire")) {
      LineOutcome out = zh.parse("\"85051110\",\"" + name + "\",\"12\",");
      assertTrue(out.isAccepted(), () -> out.message());
      partners.add(FORMAT.interpret(out.fields()).get(0).partnerCode());
    }
    assertEquals(List.of("116", "110", "213", "133", "237", "223"), partners,
        "half-width brackets, stray spaces, and names with or without accents match too");

    CustomsFormat.FileParser en = FORMAT.open("\"Commodity code\",\"Trading partner\",\"US dollar\",",
        exports("x_202601.csv"));
    LineOutcome hk = en.parse("\"85051110\",\"Hong Kong\uFF0CChina\",\"12\",");
    assertEquals("110", FORMAT.interpret(hk.fields()).get(0).partnerCode(), "a full-width comma as GACC prints it");
    LineOutcome unknown = en.parse("\"85051110\",\"Atlantis\",\"12\",");
    assertEquals(Reason.UNMAPPED_COUNTRY, unknown.reason());
    assertTrue(unknown.message().contains("'Atlantis'"), unknown.message());
  }

  @Test
  void aQueryWithoutPartnersIsChinasTotalWithTheWorld() throws Exception {
    CustomsFormat.FileParser p = FORMAT.open("\"商品编码\",\"第一数量\",\"第一计量单位\",\"美元\",",
        exports("total_202601.csv"));
    LineOutcome out = p.parse("\"85051110\",\"10\",\"千克\",\"1,000\",");
    assertTrue(out.isAccepted(), () -> out.message());
    SourceRecord r = FORMAT.interpret(out.fields()).get(0);
    assertEquals("WLD", r.partnerCode());
    assertEquals(1000.0, r.value());
  }

  /** Every partner on GACC's published list, by its Chinese and its English name, maps to its own code. */
  @Test
  void everyNameOnGaccsPublishedListMapsToItsCode() throws Exception {
    Path dir = SharedReference.folder().orElse(null);
    assumeTrue(dir != null && Files.isRegularFile(dir.resolve("cc_partners_zh.csv")), "shared reference absent");
    List<String> wrong = new java.util.ArrayList<>();
    for (String[] list : new String[][] {{"cc_partners_zh.csv", "1"}, {"cc_partners_en.csv", "1"}}) {
      List<String> lines = Files.readAllLines(dir.resolve(list[0]));
      for (String line : lines.subList(1, lines.size())) {
        List<String> f = CsvLine.split(line, ',');
        String name = f.get(Integer.parseInt(list[1])).trim();
        if (name.contains("\u00C3")) {
          continue; // the list's copy has three names whose UTF-8 was read as Latin-1 (RÃ©union)
        }
        String got = GaccPartnerNames.code(name).orElse("none");
        if (!got.equals(f.get(0).trim())) {
          wrong.add(list[0] + " " + f.get(0) + " '" + name + "' -> " + got);
        }
      }
    }
    assertEquals(List.of(), wrong);
  }

  /** The two real GACC exports in the shared reference folder parse completely, with known figures. */
  @Test
  void realGaccExportsParseEveryLine() throws Exception {
    Path dir = SharedReference.folder().map(d -> d.resolve("real-samples")).orElse(null);
    assumeTrue(dir != null && Files.isDirectory(dir), "shared reference samples absent");
    // A single-month download keeps its own name; the folder it sits in names the month.
    List<LineOutcome> chinese = parseAll(dir.resolve("gacc-chinese-full.csv"), new CustomsFormat.FileContext(
        "china-customs/exports/2026-01/gacc-chinese-full.csv", "gacc-chinese-full.csv", "export"));
    assertEquals(5, chinese.size());
    chinese.forEach(o -> assertTrue(o.isAccepted(), () -> o.message()));
    SourceRecord first = FORMAT.interpret(chinese.get(0).fields()).get(0);
    assertEquals("29012920", first.code());
    assertEquals("110", first.partnerCode());
    assertEquals(214_847.0, first.quantity());
    assertEquals(5_848_714.0, first.value());
    assertEquals("CNY", first.currency());
    assertEquals("regime=10|province=44", first.breakdown());
    assertEquals(LocalDate.of(2026, 1, 1), first.period());

    List<LineOutcome> english = parseAll(dir.resolve("gacc-english-full.csv"), exports("any.csv"));
    assertEquals(5, english.size());
    english.forEach(o -> assertTrue(o.isAccepted(), () -> o.message()));
    SourceRecord hk = FORMAT.interpret(english.get(0).fields()).get(0);
    assertEquals(LocalDate.of(2026, 1, 1), hk.period());
    assertEquals("USD", hk.currency());
    assertEquals(315_286.0, hk.value());
    assertEquals("Hong Kong\uFF0CChina", english.get(0).fields().get(ChinaCustomsFormat.COLUMNS.indexOf("partner_name")));
  }

  private static List<LineOutcome> parseAll(Path file, CustomsFormat.FileContext context) throws Exception {
    try (TextDecoding.LineReader reader = new TextDecoding.LineReader(Files.newInputStream(file),
        Charset.forName("GB18030"))) {
      CustomsFormat.FileParser p = FORMAT.open(reader.next(), context);
      List<LineOutcome> outcomes = new java.util.ArrayList<>();
      for (String line = reader.next(); line != null; line = reader.next()) {
        if (!line.isBlank()) {
          outcomes.add(p.parse(line));
        }
      }
      return outcomes;
    }
  }
}
