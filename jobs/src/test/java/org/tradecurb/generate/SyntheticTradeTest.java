package org.tradecurb.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.YearMonth;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tradecurb.generate.SyntheticTrade.Direction;

/**
 * The planted effects, checked by hand on the true flows of a quiet world (no noise, no season, no trend),
 * where every series is flat before the event, so each effect is a plain ratio of two months.
 */
class SyntheticTradeTest {

  private static final YearMonth PRE = YearMonth.of(2025, 3);
  private static final YearMonth POST = YearMonth.of(2026, 3);
  private static final double EXACT = 1e-12;

  private static GeneratorOptions.Builder quiet() {
    return GeneratorOptions.builder().start(YearMonth.of(2025, 1)).end(YearMonth.of(2026, 6))
        .eventMonth(YearMonth.of(2026, 1)).anticipationMonth(YearMonth.of(2025, 11))
        .noise(0).seasonality(0).trend(0).frontLoading(0.3);
  }

  private static final SyntheticTrade TRADE = SyntheticTrade.of(quiet().build());
  private static final Partner CHINA = TRADE.partners().china();
  private static final Partner JAPAN = TRADE.partners().japan();
  private static final Partner KOREA = TRADE.partners().destination("KOR").orElseThrow();

  private static Commodity code(String cn8) {
    return TRADE.commodities().stream().filter(c -> c.cn8().equals(cn8)).findFirst().orElseThrow();
  }

  private static TrueFlow chinaToJapan(Commodity c, YearMonth m) {
    return TRADE.reported(CHINA, Direction.EXPORT, JAPAN, c, m);
  }

  @Test
  void dualUseValueFallsSixtyPercentWhileUnitValueRisesAQuarterSoQuantityFallsToAThird() {
    Commodity magnets = code("85051110");
    TrueFlow before = chinaToJapan(magnets, PRE);
    TrueFlow after = chinaToJapan(magnets, POST);
    assertEquals(0.40, after.usd() / before.usd(), EXACT);
    assertEquals(1.25, after.usdPerKg() / before.usdPerKg(), EXACT);
    assertEquals(0.32, after.kg() / before.kg(), EXACT, "0.40 / 1.25");
    for (Commodity c : TRADE.commodities()) {
      if (c.dualUse()) {
        assertEquals(0.40, chinaToJapan(c, POST).usd() / chinaToJapan(c, PRE).usd(), EXACT, c.cn8());
      }
    }
  }

  @Test
  void dualUseExportsToJapanAreFrontLoadedOnlyBetweenAnticipationAndEvent() {
    Commodity gallium = code("81129290");
    double base = chinaToJapan(gallium, PRE).kg();
    assertEquals(1.0, chinaToJapan(gallium, YearMonth.of(2025, 10)).kg() / base, EXACT);
    assertEquals(1.3, chinaToJapan(gallium, YearMonth.of(2025, 11)).kg() / base, EXACT);
    assertEquals(1.3, chinaToJapan(gallium, YearMonth.of(2025, 12)).usd() / chinaToJapan(gallium, PRE).usd(), EXACT);
    assertEquals(1.0, chinaToJapan(code("61091000"), YearMonth.of(2025, 12)).kg()
        / chinaToJapan(code("61091000"), PRE).kg(), EXACT, "ordinary goods are not front-loaded");
  }

  @Test
  void otherCodesToJapanChangeByTheNonDualUseEffect() {
    for (Commodity c : TRADE.commodities()) {
      if (!c.dualUse()) {
        assertEquals(1.05, chinaToJapan(c, POST).usd() / chinaToJapan(c, PRE).usd(), EXACT, c.cn8());
        assertEquals(1.05, chinaToJapan(c, POST).kg() / chinaToJapan(c, PRE).kg(), EXACT, c.cn8());
      }
    }
  }

  @Test
  void japanRecordsChinasExportsAsImportsAtCifWithTheSameQuantity() {
    for (Commodity c : TRADE.commodities()) {
      for (YearMonth m : TRADE.months()) {
        TrueFlow fob = chinaToJapan(c, m);
        TrueFlow cif = TRADE.reported(JAPAN, Direction.IMPORT, CHINA, c, m);
        assertEquals(1.06, cif.usd() / fob.usd(), EXACT, c.cn8() + " " + m);
        assertEquals(fob.kg(), cif.kg(), 0.0);
        TrueFlow japanFob = TRADE.reported(JAPAN, Direction.EXPORT, CHINA, c, m);
        TrueFlow chinaCif = TRADE.reported(CHINA, Direction.IMPORT, JAPAN, c, m);
        assertEquals(1.06, chinaCif.usd() / japanFob.usd(), EXACT);
      }
    }
  }

  @Test
  void halfTheQuantityJapanLosesGoesToKoreaAtThePreCurbUnitValue() {
    Commodity oxide = code("28469015");
    TrueFlow japanBefore = chinaToJapan(oxide, PRE);
    double lostKg = japanBefore.kg() - chinaToJapan(oxide, POST).kg();
    TrueFlow koreaBefore = TRADE.reported(CHINA, Direction.EXPORT, KOREA, oxide, PRE);
    TrueFlow koreaAfter = TRADE.reported(CHINA, Direction.EXPORT, KOREA, oxide, POST);
    assertEquals(0.5 * lostKg, koreaAfter.kg() - koreaBefore.kg(), 1e-9 * lostKg);
    assertEquals(0.5 * lostKg * japanBefore.usdPerKg(), koreaAfter.usd() - koreaBefore.usd(),
        1e-9 * japanBefore.usd());
    Commodity shirts = code("61091000");
    assertEquals(TRADE.reported(CHINA, Direction.EXPORT, KOREA, shirts, PRE),
        TRADE.reported(CHINA, Direction.EXPORT, KOREA, shirts, POST), "ordinary goods are not diverted");
  }

  @Test
  void controlsOtherPartnersAndJapansOtherOriginsCarryNoEffect() {
    for (Commodity c : TRADE.commodities()) {
      for (Partner p : TRADE.partners().destinations()) {
        if (!p.equals(JAPAN) && !p.equals(KOREA)) {
          assertEquals(TRADE.reported(CHINA, Direction.EXPORT, p, c, PRE),
              TRADE.reported(CHINA, Direction.EXPORT, p, c, POST), p.iso3() + " " + c.cn8());
        }
      }
      for (Partner origin : TRADE.partners().japanOrigins()) {
        if (!origin.equals(CHINA)) {
          assertEquals(TRADE.reported(JAPAN, Direction.IMPORT, origin, c, PRE),
              TRADE.reported(JAPAN, Direction.IMPORT, origin, c, POST), origin.iso3() + " " + c.cn8());
        }
      }
    }
  }

  @Test
  void seasonalFactorsAverageOneWithTheLunarNewYearDipInFebruary() {
    assertEquals(0.0, Arrays.stream(SyntheticTrade.SEASONAL_SHAPE).sum(), 1e-12);
    SyntheticTrade seasonal = SyntheticTrade.of(quiet().seasonality(0.2).build());
    Partner germany = seasonal.partners().destination("DEU").orElseThrow();
    Commodity magnets = code("85051110");
    double feb = seasonal.reported(CHINA, Direction.EXPORT, germany, magnets, YearMonth.of(2025, 2)).kg();
    double mar = seasonal.reported(CHINA, Direction.EXPORT, germany, magnets, YearMonth.of(2025, 3)).kg();
    assertEquals((1 - 0.2) / (1 + 0.2 * 0.25), feb / mar, EXACT);
    double lowest = Arrays.stream(SyntheticTrade.SEASONAL_SHAPE).min().orElseThrow();
    assertEquals(lowest, SyntheticTrade.SEASONAL_SHAPE[1], 0.0, "February is the trough");
  }

  @Test
  void theTrendCompoundsYearly() {
    SyntheticTrade growing = SyntheticTrade.of(quiet().trend(0.1).build());
    Partner usa = growing.partners().destination("USA").orElseThrow();
    Commodity c = growing.commodities().get(0);
    assertEquals(1.1, growing.reported(CHINA, Direction.EXPORT, usa, c, POST).usd()
        / growing.reported(CHINA, Direction.EXPORT, usa, c, PRE).usd(), EXACT);
  }

  @Test
  void theSameSeedGivesTheSameWorldAndAnotherSeedAnother() {
    GeneratorOptions noisy = GeneratorOptions.builder().seed(7).build();
    List<Commodity> codes = SyntheticTrade.of(noisy).commodities();
    TrueFlow a = SyntheticTrade.of(noisy).reported(CHINA, Direction.EXPORT, JAPAN, codes.get(0), PRE);
    TrueFlow b = SyntheticTrade.of(noisy).reported(CHINA, Direction.EXPORT, JAPAN, codes.get(0), PRE);
    TrueFlow c = SyntheticTrade.of(GeneratorOptions.builder().seed(8).build())
        .reported(CHINA, Direction.EXPORT, JAPAN, codes.get(0), PRE);
    assertEquals(a, b);
    assertNotEquals(a, c);
    TrueFlow noisyMarch = SyntheticTrade.of(noisy).reported(CHINA, Direction.EXPORT, JAPAN, codes.get(0), PRE);
    TrueFlow noisyApril = SyntheticTrade.of(noisy).reported(CHINA, Direction.EXPORT, JAPAN, codes.get(0),
        PRE.plusMonths(1));
    assertTrue(Math.abs(noisyApril.usdPerKg() / noisyMarch.usdPerKg() - 1) > 1e-6, "noise moves unit values");
  }
}
