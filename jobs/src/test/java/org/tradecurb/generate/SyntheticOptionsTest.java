package org.tradecurb.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.YearMonth;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.tradecurb.ExitCode;
import org.tradecurb.TradecurbException;

class SyntheticOptionsTest {

  @Test
  void defaultsAreTheStudyDesign() {
    GeneratorOptions d = GeneratorOptions.DEFAULTS;
    assertEquals(YearMonth.of(2024, 1), d.start());
    assertEquals(YearMonth.of(2026, 9), d.end());
    assertEquals(YearMonth.of(2026, 1), d.eventMonth());
    assertEquals(YearMonth.of(2025, 11), d.anticipationMonth());
    assertEquals(-0.60, d.valueChange());
    assertEquals(0.25, d.unitValueChange());
    assertEquals(-0.68, d.quantityChange(), 1e-12);
    assertEquals(0.05, d.nonDualUseChange());
    assertEquals("KOR", d.diversionTo());
    assertEquals(0.5, d.diversionShare());
    assertEquals(0.06, d.cifFobMargin());
    assertEquals(2025, d.combinedJanFebYear());
    assertEquals(2024, d.japanVariantsYear(), "the first year");
    assertEquals(2025, GeneratorOptions.builder().start(YearMonth.of(2025, 1)).build().japanVariantsYear(),
        "follows --start");
  }

  static Stream<Arguments> invalid() {
    return Stream.of(
        bad("--value-change", b -> b.valueChange(-1)),
        bad("--unit-value-change", b -> b.unitValueChange(-1.5)),
        bad("--front-loading", b -> b.frontLoading(Double.NaN)),
        bad("--start", b -> b.start(YearMonth.of(2024, 3))),
        bad("--event-month", b -> b.eventMonth(YearMonth.of(2027, 1))),
        bad("--anticipation-month", b -> b.anticipationMonth(YearMonth.of(2026, 2))),
        bad("--diversion-to", b -> b.diversionTo("JPN")),
        bad("--diversion-share", b -> b.diversionShare(1.2)),
        bad("--cif-fob-margin", b -> b.cifFobMargin(-0.01)),
        bad("--seasonality", b -> b.seasonality(1)),
        bad("--noise", b -> b.noise(-0.1)),
        bad("--codes", b -> b.codes(Commodities.MAX_SYNTHETIC + 1)),
        bad("--partners", b -> b.partners(-1)),
        bad("--combined-jan-feb-year", b -> b.combinedJanFebYear(2023)),
        bad("--japan-variants-year", b -> b.japanVariantsYear(2027)),
        bad("--bad-rows", b -> b.badRows(-2)));
  }

  private static Arguments bad(String option, UnaryOperator<GeneratorOptions.Builder> change) {
    return Arguments.of(option, change);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalid")
  void anInvalidOptionIsAUsageErrorNamingIt(String option, UnaryOperator<GeneratorOptions.Builder> change) {
    TradecurbException e = assertThrows(TradecurbException.class,
        () -> change.apply(GeneratorOptions.builder()).build());
    assertEquals(ExitCode.USAGE, e.exitCode());
    assertTrue(e.getMessage().startsWith(option), e.getMessage());
    assertFalse(e.getMessage().contains("\n"), "one line");
  }

  @Test
  void aMonthThatIsNotYyyyMmIsAUsageError() {
    TradecurbException e = assertThrows(TradecurbException.class, () -> GeneratorOptions.month("--end", "2026-13"));
    assertEquals(ExitCode.USAGE, e.exitCode());
    assertTrue(e.getMessage().contains("--end"), e.getMessage());
  }

  @Test
  void theDiversionDestinationAndTheExtraPartnersMustExist() {
    TradecurbException notPartner = assertThrows(TradecurbException.class,
        () -> SyntheticTrade.of(GeneratorOptions.builder().diversionTo("ZZZ").build()));
    assertEquals(ExitCode.USAGE, notPartner.exitCode());
    assertTrue(notPartner.getMessage().contains("KOR"), "names the choices: " + notPartner.getMessage());
    TradecurbException tooMany = assertThrows(TradecurbException.class,
        () -> SyntheticTrade.of(GeneratorOptions.builder().partners(1000).build()));
    assertEquals(ExitCode.USAGE, tooMany.exitCode());
    assertEquals(5, SyntheticTrade.of(GeneratorOptions.builder().partners(5).build()).partners().destinations()
        .size() - SyntheticTrade.of(GeneratorOptions.DEFAULTS).partners().destinations().size());
  }

  @Test
  void monthsTheExchangeRatesDoNotCoverAreRefused() {
    FxTable fx = FxTable.load();
    TradecurbException e = assertThrows(TradecurbException.class,
        () -> fx.requireMonths(java.util.List.of(YearMonth.of(2031, 1)), "JPY"));
    assertEquals(ExitCode.USAGE, e.exitCode());
  }
}
