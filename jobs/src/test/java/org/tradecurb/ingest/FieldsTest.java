package org.tradecurb.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The hand-written number check accepts exactly what the published number grammar allows. */
class FieldsTest {

  /** The grammar, as a regular expression: the reference the fast check is held to. */
  private static final Pattern GRAMMAR = Pattern.compile("-?(\\d+|\\d{1,3}(,\\d{3})+)(\\.\\d+)?([eE][-+]?\\d+)?");

  @Test
  void numbersAsAgenciesPrintThem() {
    for (String s : List.of("0", "12", "-3", "315,286", "1,000,000.5", "2.5e3", "7E-2", "1.", ".5", "1,00", "12,345,",
        "1234,567", "1,234,5678", "--1", "1e", "1e+", "", "-", "1,234.", "٣", "1 000", "+1", "0x10", "1,234,567e9")) {
      assertEquals(GRAMMAR.matcher(s).matches(), Fields.isNumber(s), s);
    }
  }

  @Test
  void figuresThatOverflowOrExceedAnyCustomsFigureAreRefused() throws RowRejected {
    for (String s : List.of("1e400", "1,000,000,000,000,001", "2e15")) {
      RowRejected e = org.junit.jupiter.api.Assertions.assertThrows(RowRejected.class,
          () -> Fields.quantity(s, "primaryValue"));
      assertEquals(Reason.OUT_OF_RANGE, e.reason(), s);
      org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("primaryValue"), e.getMessage());
    }
    assertEquals(1e15, Fields.quantity("1e15", "qty"));
    assertEquals(4.5e-300, Fields.quantity("4.5e-300", "qty"));
  }

  @Test
  void agreesWithTheGrammarOnRandomStrings() {
    Random random = new Random(20260106);
    String alphabet = "0123456789,.-+eE x";
    for (int i = 0; i < 200_000; i++) {
      StringBuilder sb = new StringBuilder();
      int length = random.nextInt(12);
      for (int j = 0; j < length; j++) {
        sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      String s = sb.toString();
      assertEquals(GRAMMAR.matcher(s).matches(), Fields.isNumber(s), s);
    }
  }
}
