package org.tradecurb.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ComtradeFormatTest {

  private static final ComtradeFormat FORMAT = new ComtradeFormat();
  private static final CustomsFormat.FileContext FILE =
      new CustomsFormat.FileContext("comtrade/x.tsv", "x.tsv", null);

  private static Map<String, String> totalsRow() {
    return SampleRows.comtradeTotals();
  }

  private static String line(Map<String, String> row, char delimiter) {
    return SampleRows.comtradeLine(row, delimiter);
  }

  private static CustomsFormat.FileParser parser(char delimiter) throws FileLayoutException {
    return FORMAT.open(String.join(String.valueOf(delimiter), ComtradeFormat.COLUMNS), FILE);
  }

  @Test
  void tabSeparatedTotalsRowBecomesOneExportRecordInDollars() throws Exception {
    LineOutcome out = parser('\t').parse(line(totalsRow(), '\t'));
    assertTrue(out.isAccepted(), () -> out.message());
    assertEquals(2025, out.refYear());
    assertEquals("850511", out.fields().get(ComtradeFormat.COLUMNS.indexOf("cmdCode")));
    SourceRecord r = FORMAT.interpret(out.fields()).get(0);
    assertEquals("156", r.reporterCode());
    assertEquals("392", r.partnerCode());
    assertEquals("export", r.flow());
    assertEquals(LocalDate.of(2025, 3, 1), r.period());
    assertEquals("HS6-H6", r.codeSystem());
    assertEquals("HS2022", r.hsVintage());
    assertEquals(98765.25, r.value());
    assertEquals("USD", r.currency());
    assertEquals("FOB", r.valuation());
    assertEquals(1250.5, r.netWeightKg());
    assertNull(r.exclusion());
  }

  @Test
  void tabFieldsKeepTheirTextWhileAFieldWrappedWholeInQuotesLosesThem() throws Exception {
    CustomsFormat.FileParser p = parser('\t');
    int desc = ComtradeFormat.COLUMNS.indexOf("cmdDesc");
    Map<String, String> cases = new LinkedHashMap<>();
    cases.put(" \"Magnets \"\"N52\"\"\" ", "Magnets \"N52\"");
    cases.put("Magnets \"N52\" grade", "Magnets \"N52\" grade");
    cases.put("\"", "\"");
    cases.put("\"\"", "");
    cases.put("", "");
    cases.forEach((published, read) -> {
      LineOutcome out = p.parse(line(SampleRows.comtrade("cmdDesc", published), '\t'));
      assertTrue(out.isAccepted(), () -> published + ": " + out.message());
      assertEquals(read, out.fields().get(desc), published);
      assertEquals(ComtradeFormat.COLUMNS.size(), out.fields().size(), published);
    });
    // The last field, empty, is still a field.
    LineOutcome lastEmpty = p.parse(line(SampleRows.comtrade(ComtradeFormat.COLUMNS.get(
        ComtradeFormat.COLUMNS.size() - 1), ""), '\t'));
    assertEquals(ComtradeFormat.COLUMNS.size(), lastEmpty.fields().size());
  }

  @Test
  void periodAndPeriodIdMustSpellTheYearAndMonthWithTheMonthInTwoDigits() throws Exception {
    CustomsFormat.FileParser p = parser('\t');
    assertEquals(LocalDate.of(2025, 3, 1), FORMAT.interpret(p.parse(line(SampleRows.comtrade("period", "202503",
        "refPeriodId", "20250301"), '\t')).fields()).get(0).period());
    for (String[] wrong : List.of(new String[] {"period", "20253"}, new String[] {"period", "202504"},
        new String[] {"refPeriodId", "2025031"}, new String[] {"refPeriodId", "20250302"})) {
      LineOutcome out = p.parse(line(SampleRows.comtrade(wrong), '\t'));
      assertEquals(Reason.BAD_PERIOD, out.reason(), wrong[1]);
      assertTrue(out.message().contains("'" + wrong[1] + "' disagrees with refYear 2025 and refMonth 3"),
          out.message());
    }
  }

  @Test
  void commaSeparatedApiCsvWithQuotedDescriptionAndColumnsInAnotherOrder() throws Exception {
    Map<String, String> row = totalsRow();
    List<String> reversed = new java.util.ArrayList<>(row.keySet());
    java.util.Collections.reverse(reversed);
    CustomsFormat.FileParser p = FORMAT.open("\uFEFF" + String.join(",", reversed), FILE);
    Map<String, String> reordered = new LinkedHashMap<>();
    reversed.forEach(c -> reordered.put(c, row.get(c)));
    LineOutcome out = p.parse(line(reordered, ','));
    assertTrue(out.isAccepted(), () -> out.message());
    assertEquals("Permanent magnets, of metal", out.fields().get(ComtradeFormat.COLUMNS.indexOf("cmdDesc")));
  }

  @Test
  void emptyLinesRepeatedHeadersAndControlCharactersHaveTheirOwnReasons() throws Exception {
    CustomsFormat.FileParser p = parser('\t');
    String header = SampleRows.comtradeHeader('\t');
    String good = line(totalsRow(), '\t');
    Map<String, Reason> cases = new LinkedHashMap<>();
    cases.put("\t".repeat(ComtradeFormat.COLUMNS.size() - 1), Reason.EMPTY_LINE);
    cases.put(header, Reason.REPEATED_HEADER);
    cases.put("\uFEFF" + header, Reason.REPEATED_HEADER);
    cases.put("\uFEFF" + good, Reason.CONTROL_CHARACTER);
    cases.put(good.replace("Permanent", "Perma\u0000nent"), Reason.CONTROL_CHARACTER);
    cases.forEach((text, reason) -> {
      LineOutcome out = p.parse(text);
      assertEquals(reason, out.reason(), text);
    });
    assertTrue(p.parse(good).isAccepted(), "the same row without the damage");
  }

  @Test
  void codesOutsideTheirClosedListsAreRefusedAndOtherClassificationsExcluded() throws Exception {
    CustomsFormat.FileParser p = parser('\t');
    for (String[] damage : List.of(new String[] {"classificationCode", "H9"}, new String[] {"flowCode", "Z"},
        new String[] {"qtyUnitCode", "99"}, new String[] {"typeCode", "Q"})) {
      Map<String, String> row = totalsRow();
      row.put(damage[0], damage[1]);
      LineOutcome out = p.parse(line(row, '\t'));
      assertEquals(Reason.UNKNOWN_VOCABULARY, out.reason(), damage[0]);
      assertTrue(out.message().contains(damage[0] + " '" + damage[1] + "'")
          || out.message().contains("not '" + damage[1] + "'"), out.message());
    }
    Map<String, String> sitc = totalsRow();
    sitc.put("classificationCode", "S4");
    sitc.put("cmdCode", "6831");
    Map<String, String> services = totalsRow();
    services.put("typeCode", "S");
    for (Map.Entry<String, Map<String, String>> c : Map.of("classification_s4", sitc, "services", services)
        .entrySet()) {
      LineOutcome out = p.parse(line(c.getValue(), '\t'));
      assertTrue(out.isAccepted(), () -> out.message());
      assertEquals(c.getKey(), FORMAT.interpret(out.fields()).get(0).exclusion());
    }
  }

  @Test
  void breakdownAnnualAndReExportRowsAreKeptButExcluded() throws Exception {
    CustomsFormat.FileParser p = parser('\t');
    Map<String, String> byMode = totalsRow();
    byMode.put("motCode", "1000");
    Map<String, String> annual = totalsRow();
    annual.put("freqCode", "A");
    annual.put("refMonth", "52");
    annual.put("period", "2025");
    Map<String, String> reExport = totalsRow();
    reExport.put("flowCode", "RX");
    Map<String, String> byCustomsProcedure = totalsRow();
    byCustomsProcedure.put("customsCode", "C01");
    Map<String, String> byPartner2 = totalsRow();
    byPartner2.put("partner2Code", "344");
    assertEquals("breakdown_row", exclusion(p, byMode));
    assertEquals("annual_figure", exclusion(p, annual));
    assertEquals("flow_rx", exclusion(p, reExport));
    assertEquals("breakdown_row", exclusion(p, byCustomsProcedure));
    assertEquals("breakdown_row", exclusion(p, byPartner2));
  }

  private static String exclusion(CustomsFormat.FileParser p, Map<String, String> row) throws Exception {
    LineOutcome out = p.parse(line(row, '\t'));
    assertTrue(out.isAccepted(), () -> out.message());
    return FORMAT.interpret(out.fields()).get(0).exclusion();
  }

  @Test
  void rowsBreakingARuleAreRejectedWithTheirReason() throws Exception {
    CustomsFormat.FileParser p = parser('\t');
    Map<String, String> negative = totalsRow();
    negative.put("primaryValue", "-5");
    Map<String, String> badCode = totalsRow();
    badCode.put("cmdCode", "85051A");
    Map<String, String> badMonth = totalsRow();
    badMonth.put("refMonth", "13");
    Map<String, String> disagreeing = totalsRow();
    disagreeing.put("period", "202504");
    Map<String, String> noValue = totalsRow();
    noValue.put("primaryValue", "");
    Map<String, String> badQty = totalsRow();
    badQty.put("netWgt", "12kg");
    assertEquals(Reason.NEGATIVE_VALUE, p.parse(line(negative, '\t')).reason());
    assertEquals(Reason.BAD_CODE, p.parse(line(badCode, '\t')).reason());
    assertEquals(Reason.BAD_PERIOD, p.parse(line(badMonth, '\t')).reason());
    assertEquals(Reason.BAD_PERIOD, p.parse(line(disagreeing, '\t')).reason());
    assertEquals(Reason.MISSING_VALUE, p.parse(line(noValue, '\t')).reason());
    LineOutcome qty = p.parse(line(badQty, '\t'));
    assertEquals(Reason.BAD_NUMBER, qty.reason());
    assertTrue(qty.message().contains("netWgt"), qty.message());
    assertEquals(Reason.FIELD_COUNT, p.parse(line(totalsRow(), '\t') + "\textra").reason());
  }

  @Test
  void bulkTabFilesAreUnquotedAndUnitCodeFiveCountsItems() throws Exception {
    Map<String, String> row = totalsRow();
    row.put("cmdDesc", "\"Other\" magnets, 2\" thick");
    row.put("qtyUnitCode", "5");
    row.put("qtyUnitAbbr", "");
    row.put("qty", "40");
    LineOutcome out = parser('\t').parse(line(row, '\t'));
    assertTrue(out.isAccepted(), () -> out.message());
    assertEquals("\"Other\" magnets, 2\" thick", out.fields().get(ComtradeFormat.COLUMNS.indexOf("cmdDesc")));
    SourceRecord r = FORMAT.interpret(out.fields()).get(0);
    assertEquals("u", r.quantityUnit());
    assertEquals(40.0, r.quantity());
  }

  @Test
  void headerWithoutTheTotalsColumnsIsRefusedNamingThem() {
    String header = String.join(",", ComtradeFormat.COLUMNS).replace("motCode,", "").replace(",customsCode", "");
    FileLayoutException e = assertThrows(FileLayoutException.class, () -> FORMAT.open(header, FILE));
    assertTrue(e.getMessage().contains("customsCode, motCode"), e.getMessage());
  }

  /** Normalize reads only the interpreted columns: on every sample row the records must be the same. */
  @Test
  void theInterpretedColumnsAreAllTheInterpretationReads() throws Exception {
    int rows = 0;
    try (java.nio.file.DirectoryStream<java.nio.file.Path> files = java.nio.file.Files.newDirectoryStream(
        org.tradecurb.SharedReference.repoRoot().resolve("data-samples/comtrade"), "*.gz")) {
      for (java.nio.file.Path file : files) {
        try (java.io.BufferedReader in = new java.io.BufferedReader(new java.io.InputStreamReader(
            new java.util.zip.GZIPInputStream(java.nio.file.Files.newInputStream(file)),
            java.nio.charset.StandardCharsets.UTF_8))) {
          CustomsFormat.FileParser parser = FORMAT.open(in.readLine(), FILE);
          for (String line = in.readLine(); line != null; line = in.readLine()) {
            LineOutcome out = parser.parse(line);
            if (!out.isAccepted()) {
              continue;
            }
            List<String> pruned = new java.util.ArrayList<>(out.fields());
            for (int i = 0; i < pruned.size(); i++) {
              if (!FORMAT.interpretedColumns().contains(ComtradeFormat.COLUMNS.get(i))) {
                pruned.set(i, null);
              }
            }
            assertEquals(FORMAT.interpret(out.fields()), FORMAT.interpret(pruned), line);
            rows++;
          }
        }
      }
    }
    assertTrue(rows > 10_000, "the sample rows were read: " + rows);
  }

  /** The legacy API's full header (35 columns), as downloads before 2023 have it. */
  private static final String LEGACY_HEADER = "Classification,Year,Period,Period Desc.,Aggregate Level,Is Leaf Code,"
      + "Trade Flow Code,Trade Flow,Reporter Code,Reporter,Reporter ISO,Partner Code,Partner,Partner ISO,"
      + "2nd Partner Code,2nd Partner,2nd Partner ISO,Customs Proc. Code,Customs,Mode of Transport Code,"
      + "Mode of Transport,Commodity Code,Commodity,Qty Unit Code,Qty Unit,Qty,Alt Qty Unit Code,Alt Qty Unit,"
      + "Alt Qty,Netweight (kg),Gross weight (kg),Trade Value (US$),CIF Trade Value (US$),FOB Trade Value (US$),Flag";

  /** The totals row of {@link SampleRows#comtradeTotals} in the legacy layout, with a period and flow number. */
  private static String legacyLine(String period, String flow) {
    return "H6," + period.substring(0, 4) + "," + period + ",March 2025,6,1," + flow + ",Export,156,China,CHN,392,"
        + "Japan,JPN,,,,,,,,850511,\"Permanent magnets, of metal\",8,Weight in kilograms,1250.5,,,,1250.5,,98765.25,,"
        + "98765.25,0";
  }

  @Test
  void legacyDownloadsLandAsTheSameRecordsAsTodaysLayout() throws Exception {
    CustomsFormat.FileParser legacy = FORMAT.open(LEGACY_HEADER, FILE);
    LineOutcome out = legacy.parse(legacyLine("202503", "2"));
    assertTrue(out.isAccepted(), () -> out.message());
    assertEquals("2", out.fields().get(ComtradeFormat.COLUMNS.indexOf("flowCode")), "bronze keeps the number");
    assertNull(out.fields().get(ComtradeFormat.COLUMNS.indexOf("freqCode")), "a column the file does not have");
    SourceRecord r = FORMAT.interpret(out.fields()).get(0);
    SourceRecord today = FORMAT.interpret(parser('\t').parse(line(totalsRow(), '\t')).fields()).get(0);
    assertEquals(today, r, "the same figure, key included: a legacy and a current download of it are one record");
    assertEquals("export", r.flow());
    assertEquals(LocalDate.of(2025, 3, 1), r.period());
    assertNull(r.exclusion());

    assertEquals("annual_figure", FORMAT.interpret(legacy.parse(legacyLine("2025", "2")).fields()).get(0)
        .exclusion());
    assertEquals("flow_rx", FORMAT.interpret(legacy.parse(legacyLine("202503", "3")).fields()).get(0).exclusion());
    assertEquals(Reason.UNKNOWN_VOCABULARY, legacy.parse(legacyLine("202503", "7")).reason());
    assertEquals(Reason.BAD_PERIOD, legacy.parse(legacyLine("2025031", "2")).reason());
    LineOutcome month13 = legacy.parse(legacyLine("202513", "2"));
    assertEquals(Reason.BAD_PERIOD, month13.reason());
    assertEquals("Period '202513' has no month 13", month13.message(), "named as the legacy file names it");
    assertEquals(Reason.BAD_PERIOD, legacy.parse(legacyLine("202503", "2").replaceFirst("^H6,2025,", "H6,2024,"))
        .reason(), "Year disagrees with Period");

    // The short legacy layout (no second partner, customs or transport columns) is read the same way.
    String shortHeader = "Classification,Year,Period,Period Desc.,Aggregate Level,Is Leaf Code,Trade Flow Code,"
        + "Trade Flow,Reporter Code,Reporter,Reporter ISO,Partner Code,Partner,Partner ISO,Commodity Code,Commodity,"
        + "Qty Unit Code,Qty Unit,Qty,Netweight (kg),Trade Value (US$),Flag";
    LineOutcome shortRow = FORMAT.open(shortHeader, FILE).parse("H6,2025,202503,March 2025,6,1,2,Export,156,China,"
        + "CHN,392,Japan,JPN,850511,\"Permanent magnets, of metal\",8,Weight in kilograms,1250.5,1250.5,98765.25,0");
    assertTrue(shortRow.isAccepted(), () -> shortRow.message());
    assertEquals(today.recordKey(), FORMAT.interpret(shortRow.fields()).get(0).recordKey());

    FileLayoutException e = assertThrows(FileLayoutException.class,
        () -> FORMAT.open(LEGACY_HEADER.replace(",Trade Value (US$)", ""), FILE));
    assertTrue(e.getMessage().contains("legacy UN Comtrade header") && e.getMessage().endsWith("Trade Value (US$)"),
        e.getMessage());
  }
}
