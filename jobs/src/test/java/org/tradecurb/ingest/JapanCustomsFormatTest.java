package org.tradecurb.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class JapanCustomsFormatTest {

  private static final JapanCustomsFormat FORMAT = new JapanCustomsFormat();
  private static final CustomsFormat.FileContext FILE =
      new CustomsFormat.FileContext("japan-customs/x.csv", "x.csv", null);
  private static String header(boolean custom, boolean country) {
    return SampleRows.japanHeader(custom, country);
  }

  /** A row whose month i (1-based) has quantity1 = 10*i and value = 100*i thousand yen. */
  private static String row(String flow, String leading, String unit1, String unit2) {
    long[] q = new long[12];
    long[] v = new long[12];
    for (int i = 0; i < 12; i++) {
      q[i] = 10L * (i + 1);
      v[i] = 100L * (i + 1);
    }
    String line = SampleRows.japanRow(flow, leading, unit1, q, v);
    return unit2.isEmpty() ? line : line.replaceFirst(",  ,", "," + unit2 + ",");
  }

  @Test
  void wideRowBecomesTwelveMonthsInYenWithAprilSpelledApl() throws Exception {
    CustomsFormat.FileParser p = FORMAT.open(header(false, true), FILE);
    LineOutcome out = p.parse(row("2", "2025,'850511000',105", "KG", "  "));
    assertTrue(out.isAccepted(), () -> out.message());
    List<SourceRecord> months = FORMAT.interpret(out.fields());
    assertEquals(12, months.size());
    SourceRecord april = months.get(3);
    assertEquals(LocalDate.of(2025, 4, 1), april.period());
    assertEquals("850511000", april.code());
    assertEquals("JP9", april.codeSystem());
    assertEquals("import", april.flow());
    assertEquals("CIF", april.valuation());
    assertEquals("105", april.partnerCode());
    assertEquals("JPN", april.reporterCode());
    assertEquals(400_000.0, april.value(), "400 thousand yen");
    assertEquals("JPY", april.currency());
    assertEquals(40.0, april.quantity());
    assertEquals(40.0, april.netWeightKg());
    assertNull(april.breakdown());
  }

  /** The running year's file: the header stops at September, the months after it are not published. */
  @Test
  void aHeaderStoppingAtTheLastPublishedMonthGivesThoseMonthsOnly() throws Exception {
    String full = header(false, true);
    String header = full.substring(0, full.indexOf(",Quantity1-Oct"));
    String line = row("2", "2025,'850511000',105", "KG", "");
    String[] fields = line.split(",", -1);
    String cut = String.join(",", java.util.Arrays.copyOf(fields, fields.length - 9));
    LineOutcome out = FORMAT.open(header, FILE).parse(cut);
    assertTrue(out.isAccepted(), () -> out.message());
    List<SourceRecord> months = FORMAT.interpret(out.fields());
    assertEquals(9, months.size(), "January to September");
    assertEquals(LocalDate.of(2025, 9, 1), months.get(8).period());
    assertEquals(900_000.0, months.get(8).value(), "September's 900 thousand yen");

    String gap = full.replace(",Quantity1-Mar,Quantity2-Mar,Value-Mar", "");
    FileLayoutException e = org.junit.jupiter.api.Assertions.assertThrows(FileLayoutException.class,
        () -> FORMAT.open(gap, FILE));
    assertTrue(e.getMessage().contains("missing quantity1_mar, quantity2_mar, value_mar"), e.getMessage());
  }

  @Test
  void tonnesBecomeKilogramsAndABlankUnitMeansNoQuantity() throws Exception {
    CustomsFormat.FileParser p = FORMAT.open(header(false, true), FILE);
    SourceRecord tonnes = FORMAT.interpret(p.parse(row("1", "2025,'280530000',105", "MT", "")).fields()).get(0);
    assertEquals(10_000.0, tonnes.netWeightKg());
    assertEquals("t", tonnes.quantityUnit());
    SourceRecord blank = FORMAT.interpret(p.parse(row("1", "2025,'850511000',105", "  ", "  ")).fields()).get(0);
    assertNull(blank.quantity());
    assertNull(blank.netWeightKg());
  }

  @Test
  void portLevelRowsCarryTheirPortAndNationalTotalsHaveTheWorldAsPartner() throws Exception {
    CustomsFormat.FileParser port = FORMAT.open(header(true, true), FILE);
    LineOutcome p = port.parse(row("2", "2025,100,'850511000',105", "KG", ""));
    assertTrue(p.isAccepted(), () -> p.message());
    assertEquals("custom=100", FORMAT.interpret(p.fields()).get(0).breakdown());
    CustomsFormat.FileParser national = FORMAT.open(header(false, false), FILE);
    LineOutcome n = national.parse(row("2", "2025,'850511000'", "KG", ""));
    assertTrue(n.isAccepted(), () -> n.message());
    assertEquals("WLD", FORMAT.interpret(n.fields()).get(0).partnerCode());
  }

  @Test
  void badFiguresAreRejectedNamingTheColumn() throws Exception {
    CustomsFormat.FileParser p = FORMAT.open(header(false, true), FILE);
    String good = row("2", "2025,'850511000',105", "KG", "");
    String[] parts = good.split(",", -1);
    parts[9 + 3 * 2 + 2] = "3oo"; // Value-Mar: 9 leading fields, then three per month
    LineOutcome bad = p.parse(String.join(",", parts));
    assertEquals(Reason.BAD_NUMBER, bad.reason());
    assertTrue(bad.message().contains("Value-Mar"), bad.message());
    assertEquals(Reason.BAD_FIELD, p.parse(row("3", "2025,'850511000',105", "KG", "")).reason());
    assertEquals(Reason.BAD_CODE, p.parse(row("2", "2025,'8505110',105", "KG", "")).reason());
    assertEquals(Reason.FIELD_COUNT, p.parse(row("2", "2025,'850511000'", "KG", "")).reason());
  }

  @Test
  void aHeaderThatIsNotJapanCustomsIsRefused() {
    FileLayoutException e = assertThrows(FileLayoutException.class,
        () -> FORMAT.open(header(false, true).replace("Value-Dec", "Amount-Dec"), FILE));
    assertTrue(e.getMessage().contains("value_dec"), e.getMessage());
  }

  @Test
  void headersReadWhateverTheirSpacingCaseOrMonthSpelling() throws Exception {
    String variant = header(false, true).replace("Exp or Imp", "EXP_OR_IMP")
        .replace("Quantity1-Sep", "Quantity1 - Sept").replace("Value-Jan", "Value-January").replace("Quantity2-Dec", "quantity2_dec");
    CustomsFormat.FileParser p = FORMAT.open(variant, FILE);
    LineOutcome out = p.parse(row("2", "2025,'850511000',105", "KG", ""));
    assertTrue(out.isAccepted(), () -> out.message());
    List<SourceRecord> months = FORMAT.interpret(out.fields());
    assertEquals(100_000.0, months.get(0).value(), "January read from Value-January");
    assertEquals(90.0, months.get(8).quantity(), "September read from Quantity1 - Sept");
  }

  @Test
  void aWhollyBlankMonthIsUnpublishedButAValueMissingBesideAQuantityIsRefused() throws Exception {
    CustomsFormat.FileParser p = FORMAT.open(header(false, true), FILE);
    String[] parts = row("2", "2026,'850511000',105", "KG", "").split(",", -1);
    int dec = 9 + 3 * 11;
    parts[dec] = "";
    parts[dec + 1] = "";
    parts[dec + 2] = "";
    List<SourceRecord> months = FORMAT.interpret(p.parse(String.join(",", parts)).fields());
    assertEquals(11, months.size());
    assertEquals(LocalDate.of(2026, 11, 1), months.get(10).period());
    parts[dec] = "120";
    assertEquals(Reason.MISSING_VALUE, p.parse(String.join(",", parts)).reason());
    for (int i = 9; i < parts.length; i++) {
      parts[i] = "";
    }
    LineOutcome empty = p.parse(String.join(",", parts));
    assertEquals(Reason.MISSING_VALUE, empty.reason(), "a row with no month at all is refused, not dropped");
  }
}
