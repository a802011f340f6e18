package org.tradecurb.impact;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Date;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tradecurb.SparkTestBase;
import org.tradecurb.config.TradecurbConfig;
import org.tradecurb.tag.CurbEvent;

/**
 * Every impact metric on a tiny panel computed by hand. The event takes effect in March 2026; the pre window
 * is January–February 2026 (pre-months 2, anticipation inside it), the post window March–April 2026 (the last
 * published month).
 *
 * <pre>
 * China's exports (USD, kg)   2025-03  2025-04  2026-01  2026-02  2026-03  2026-04
 *   to JPN, graphite code A     80/8     80/8    100/10   100/10    40/2     60/3
 *   to JPN, ordinary code N    200      200      400 (Jan+Feb combined)    220      220
 *   to KOR, graphite code A                        50/5     50/5     55/8.75  55/8.75
 *   to KOR, ordinary code N                       100      100      100      100
 * Japan's imports from CHN, A                                        42.4     70
 * Comtrade's copy of CHN→JPN A, Jan 2026: 999 (not used: China Customs comes first)
 * </pre>
 */
class ImpactKnownAnswersTest extends SparkTestBase {

  private static final StructType TAGGED = new StructType()
      .add("source", DataTypes.StringType)
      .add("reporter_iso3", DataTypes.StringType)
      .add("partner_iso3", DataTypes.StringType)
      .add("flow", DataTypes.StringType)
      .add("period", DataTypes.DateType)
      .add("period_months", DataTypes.IntegerType)
      .add("code", DataTypes.StringType)
      .add("hs6", DataTypes.StringType)
      .add("value_usd", DataTypes.DoubleType)
      .add("net_weight_kg", DataTypes.DoubleType)
      .add("dual_use", DataTypes.BooleanType)
      .add("dual_use_category", DataTypes.StringType)
      .add("control_instruments", DataTypes.createArrayType(DataTypes.StringType))
      .add("control_categories", DataTypes.createArrayType(new StructType()
          .add("instrument", DataTypes.StringType).add("category", DataTypes.StringType)))
      .add("match_approximate", DataTypes.BooleanType)
      .add("match_breadth", DataTypes.StringType)
      .add("fx_quality", DataTypes.StringType);

  /** Built once for the class: the panel is the same for every test. */
  private static ImpactModel model;
  private Dataset<Row> base;
  private Dataset<Row> windowed;
  private Dataset<Row> impact;

  private static Row row(String source, String reporter, String partner, String flow, String month, int months,
      String code, double usd, Double kg) {
    return row(source, reporter, partner, flow, month, months, code, usd, kg, "published");
  }

  private static Row row(String source, String reporter, String partner, String flow, String month, int months,
      String code, double usd, Double kg, String fxQuality) {
    boolean dual = code.startsWith("3801");
    return RowFactory.create(source, reporter, partner, flow, Date.valueOf(month + "-01"), months, code,
        code.substring(0, 6), usd, kg, dual, dual ? "graphite" : null,
        dual ? new String[] {"T 1"} : new String[0],
        dual ? new Row[] {RowFactory.create("T 1", "graphite")} : new Row[0], false, null, fxQuality);
  }

  @BeforeEach
  void panel() {
    if (model == null) {
      model = build();
    }
    base = model.base();
    windowed = model.windowed();
    impact = model.impact();
  }

  private ImpactModel build() {
    String a = "38011000";
    String n = "61091000";
    List<Row> rows = new ArrayList<>();
    String[] months = {"2025-03", "2025-04", "2026-01", "2026-02", "2026-03", "2026-04"};
    double[] jpnA = {80, 80, 100, 100, 40, 60};
    double[] jpnAkg = {8, 8, 10, 10, 2, 3};
    for (int i = 0; i < months.length; i++) {
      rows.add(row("china_customs", "CHN", "JPN", "export", months[i], 1, a, jpnA[i], jpnAkg[i]));
    }
    rows.add(row("china_customs", "CHN", "JPN", "export", "2025-03", 1, n, 200, 20.0));
    rows.add(row("china_customs", "CHN", "JPN", "export", "2025-04", 1, n, 200, 20.0));
    rows.add(row("china_customs", "CHN", "JPN", "export", "2026-01", 2, n, 400, 40.0));
    rows.add(row("china_customs", "CHN", "JPN", "export", "2026-03", 1, n, 220, 22.0));
    rows.add(row("china_customs", "CHN", "JPN", "export", "2026-04", 1, n, 220, 22.0));
    double[] korA = {50, 50, 55, 55};
    double[] korAkg = {5, 5, 8.75, 8.75};
    for (int i = 0; i < 4; i++) {
      rows.add(row("china_customs", "CHN", "KOR", "export", months[i + 2], 1, a, korA[i], korAkg[i]));
      rows.add(row("china_customs", "CHN", "KOR", "export", months[i + 2], 1, n, 100, 10.0));
    }
    rows.add(row("japan_customs", "JPN", "CHN", "import", "2026-03", 1, "380110000", 42.4, 2.0));
    rows.add(row("japan_customs", "JPN", "CHN", "import", "2026-04", 1, "380110000", 70, 3.0));
    rows.add(row("comtrade", "CHN", "JPN", "export", "2026-01", 1, "380110", 999, 99.0));
    Dataset<Row> tagged = spark().createDataFrame(rows, TAGGED);

    TradecurbConfig config = TradecurbConfig.defaults().with("impact.pre-months", 2)
        .with("impact.pre-window-before-anticipation", false).with("impact.control-destinations", List.of("KOR"));
    CurbEvent event = new CurbEvent("test_curb", "test", java.time.LocalDate.of(2026, 3, 10), List.of("JPN"),
        List.of("*"), java.time.LocalDate.of(2026, 2, 20));
    return ImpactModel.build(spark(), tagged, List.of(event), ImpactSettings.from(config), Map.of());
  }

  private Row impactRow(String partner, String category) {
    List<Row> r = impact.where("reporter_iso3 = 'CHN' AND flow = 'export' AND partner_iso3 = '" + partner
        + "' AND category = '" + category + "'").collectAsList();
    assertEquals(1, r.size());
    return r.get(0);
  }

  /** The model of {@code rows} under one event, handed to {@code check} and released after. */
  private void measured(List<Row> rows, TradecurbConfig config, CurbEvent event,
      java.util.function.Consumer<ImpactModel> check) {
    ImpactModel model = ImpactModel.build(spark(), spark().createDataFrame(rows, TAGGED), List.of(event),
        ImpactSettings.from(config), Map.of());
    try {
      check.accept(model);
    } finally {
      model.release();
    }
  }

  private static double d(Row r, String column) {
    return r.<Double>getAs(column);
  }

  @Test
  void prePostYearOverYearAndThePriceVolumeSplit() {
    Row g = impactRow("JPN", "graphite");
    assertEquals(100.0, d(g, "pre_value_usd"), 1e-9, "the Comtrade copy (999) is not added");
    assertEquals(50.0, d(g, "post_value_usd"), 1e-9);
    assertEquals(-50.0, d(g, "value_change_pct"), 1e-9);
    assertEquals(-37.5, d(g, "yoy_value_change_pct"), 1e-9, "(40+60)/(80+80) - 1");
    assertEquals(-75.0, d(g, "quantity_change_pct"), 1e-9, "2.5 kg vs 10 kg");
    assertEquals(100.0, d(g, "unit_value_change_pct"), 1e-9, "20 $/kg vs 10 $/kg");
    assertEquals(Math.log(0.5), d(g, "dlog_value"), 1e-12);
    assertEquals(Math.log(0.25), d(g, "dlog_quantity"), 1e-12);
    assertEquals(Math.log(2.0), d(g, "dlog_unit_value"), 1e-12);
    assertEquals(2L, g.<Long>getAs("pre_months_observed"));
    assertEquals(2L, g.<Long>getAs("post_months_observed"));
    Assertions.assertTrue(g.<Boolean>getAs("pre_window_complete"));
    Assertions.assertTrue(g.<Boolean>getAs("route_targeted"));
    Assertions.assertFalse(impactRow("KOR", "graphite").<Boolean>getAs("route_targeted"));
    assertEquals(d(g, "value_change_pct"), d(impactRow("JPN", "all_dual_use"), "value_change_pct"), 1e-9);
    assertEquals(1.0, d(g, "weight_value_share"), 1e-9);
    assertEquals(1.0, d(g, "fx_published_value_share"), 1e-9);
    assertEquals(List.of("china_customs"), g.getList(g.fieldIndex("sources")), "Comtrade's copy is not used");
  }

  @Test
  void differenceInDifferencesAgainstBothControlsAndTheTripleDifference() {
    Row g = impactRow("JPN", "graphite");
    assertEquals(100 * (0.5 / 1.1 - 1), d(g, "did_vs_non_dual_use"), 1e-9,
        "non-dual-use to JPN: 200 → 220 (January+February 400 split evenly)");
    assertEquals(100 * (0.5 / 1.1 - 1), d(g, "did_vs_control_destinations"), 1e-9, "graphite to KOR: 50 → 55");
    assertEquals(100 * (0.5 / 1.1 / 1.1 - 1), d(g, "did_triple"), 1e-9,
        "(ln .5 - ln 1.1) - (ln 1.1 - ln 1.0)");
    assertEquals(List.of("KOR"), g.getList(g.fieldIndex("control_destinations")));
    Row nonDual = impactRow("JPN", "non_dual_use");
    Assertions.assertNull(nonDual.getAs("did_vs_non_dual_use"));
    Assertions.assertNull(nonDual.getAs("did_triple"));
  }

  @Test
  void fixedHorizonsMeasureTheFirstPostMonthsAndWaitForTheirLength() {
    Row g = impactRow("JPN", "graphite");
    assertEquals(-60.0, d(g, "value_change_pct_1m"), 1e-9, "March alone: 40 vs 100");
    assertEquals(100 * (0.4 / 1.1 - 1), d(g, "did_vs_non_dual_use_1m"), 1e-9, "non-dual-use in March: 220 / 200");
    assertEquals(100 * (0.4 / 1.1 - 1), d(g, "did_vs_control_destinations_1m"), 1e-9, "graphite to KOR: 55 / 50");
    for (String m : List.of("value_change_pct_3m", "did_vs_non_dual_use_3m", "value_change_pct_12m")) {
      Assertions.assertNull(g.getAs(m), m + ": the post window holds two months");
    }
    Assertions.assertNull(impactRow("JPN", "non_dual_use").getAs("did_vs_non_dual_use_1m"));
    // curb_estimates fits the horizons the post window holds, and only those.
    List<String> fitted = CurbEstimates.table(model.estimates()).where("partner_iso3 = 'JPN' AND category = "
        + "'graphite' AND measure RLIKE '_[0-9]+m$'").orderBy("measure").collectAsList().stream()
        .map(r -> r.<String>getAs("measure")).toList();
    assertEquals(List.of("did_vs_control_destinations_1m", "did_vs_non_dual_use_1m", "value_change_pct_1m"), fitted);
  }

  /**
   * A year after the event: each horizon averages its own first months against the same pre window.
   *
   * <pre>
   * China's exports (USD)     2025-01..02   2025-03..05   2025-06..08   2025-09..2026-02
   *   to JPN, graphite code A     100            40            60              80
   *   to JPN, ordinary code N     200           200           200             200
   *   to KOR, graphite code A      50            55            55              55
   * </pre>
   */
  @Test
  void fixedHorizonsOverAFullYearAfterTheEvent() {
    String a = "38011000";
    List<Row> rows = new ArrayList<>();
    java.time.YearMonth first = java.time.YearMonth.of(2025, 1);
    for (int i = 0; i < 14; i++) {
      String month = first.plusMonths(i).toString();
      double japan = i < 2 ? 100 : i < 5 ? 40 : i < 8 ? 60 : 80;
      rows.add(row("china_customs", "CHN", "JPN", "export", month, 1, a, japan, null));
      rows.add(row("china_customs", "CHN", "JPN", "export", month, 1, "61091000", 200, null));
      rows.add(row("china_customs", "CHN", "KOR", "export", month, 1, a, i < 2 ? 50 : 55, null));
    }
    TradecurbConfig config = TradecurbConfig.defaults().with("impact.pre-months", 2)
        .with("impact.control-destinations", List.of("KOR"));
    CurbEvent event = new CurbEvent("test_curb", "test", java.time.LocalDate.of(2025, 3, 10), List.of("JPN"),
        List.of("*"), null);
    measured(rows, config, event, year -> {
      Row g = year.impact().where("partner_iso3 = 'JPN' AND category = 'graphite'").first();
      assertEquals(12L, g.<Long>getAs("post_months_observed"));
      Map<Integer, Double> mean = Map.of(1, 40.0, 3, 40.0, 6, 50.0, 12, (3 * 40 + 3 * 60 + 6 * 80) / 12.0);
      for (int h : CurbImpact.HORIZONS) {
        double ratio = mean.get(h) / 100;
        assertEquals(100 * (ratio - 1), d(g, "value_change_pct_" + h + "m"), 1e-9, h + " months");
        assertEquals(100 * (ratio - 1), d(g, "did_vs_non_dual_use_" + h + "m"), 1e-9, "ordinary trade flat");
        assertEquals(100 * (ratio / 1.1 - 1), d(g, "did_vs_control_destinations_" + h + "m"), 1e-9,
            "graphite to KOR 50 -> 55");
      }
      assertEquals(d(g, "value_change_pct_12m"), d(g, "value_change_pct"), 1e-9, "the whole window is 12 months");
      // curb_estimates fits each horizon on its own months: one code per route, so the log of the same ratios.
      Map<String, Double> fitted = new TreeMap<>();
      for (Row e : CurbEstimates.table(year.estimates()).where("partner_iso3 = 'JPN' AND category = 'graphite' "
          + "AND measure RLIKE '_[0-9]+m$'").collectAsList()) {
        fitted.put(e.getAs("measure"), e.getAs("estimate_pct"));
      }
      assertEquals(4 * CurbImpact.HORIZON_MEASURES.size(), fitted.size(), fitted.toString());
      for (int h : CurbImpact.HORIZONS) {
        for (String m : CurbImpact.HORIZON_MEASURES) {
          assertEquals(d(g, m + "_" + h + "m"), fitted.get(m + "_" + h + "m"), 1e-6, m + " at " + h + " months");
        }
      }
    });
  }

  @Test
  void eventStudyIndexesToThePreWindowAndMarksAnticipation() {
    Map<Integer, String> byMonth = new LinkedHashMap<>();
    for (Row r : EventStudy.compute(windowed, impact, 12)
        .where("reporter_iso3 = 'CHN' AND partner_iso3 = 'JPN' AND category = 'graphite'")
        .orderBy("relative_month").collectAsList()) {
      byMonth.put(r.getAs("relative_month"), Math.round(r.<Double>getAs("value_index")) + " "
          + r.getAs("is_anticipation"));
    }
    assertEquals(Map.of(-12, "80 false", -11, "80 false", -2, "100 false", -1, "100 true", 0, "40 false",
        1, "60 false"), byMonth, "anticipation from February (2026-02-20) to the event month");
  }

  @Test
  void mirrorGapBeforeAndAfterTheCifFobMargin() {
    List<Row> both = MirrorFlows.byHs6(base, 0.06).where("japan_imports_usd IS NOT NULL").orderBy("period")
        .collectAsList();
    assertEquals(2, both.size());
    assertEquals(6.0, both.get(0).<Double>getAs("gap_pct"), 1e-9, "42.4 vs 40: just the margin");
    assertEquals(0.0, both.get(0).<Double>getAs("adjusted_gap_pct"), 1e-9);
    assertEquals(100.0 * (70 - 60) / 60, both.get(1).<Double>getAs("gap_pct"), 1e-9);
    assertEquals(100.0 * (70 - 63.6) / 63.6, both.get(1).<Double>getAs("adjusted_gap_pct"), 1e-9,
        "vs the expected 60 x 1.06 = 63.6");
  }

  @Test
  void diversionSharesOfTheTargetedRoutesLostVolume() {
    Dataset<Row> diversion = Diversion.compute(impact, List.of("KOR"), 10);
    Row kor = diversion.where("partner_iso3 = 'KOR' AND category = 'graphite'").first();
    assertEquals(7.5, kor.<Double>getAs("targeted_loss_kg"), 1e-9, "JPN: 10 kg → 2.5 kg a month");
    assertEquals(3.75, kor.<Double>getAs("change_quantity_kg"), 1e-9);
    assertEquals(0.5, kor.<Double>getAs("share_of_targeted_loss"), 1e-9);
    assertEquals(1, kor.<Integer>getAs("rank"));
    Assertions.assertTrue(kor.<Boolean>getAs("named_destination"));
  }

  @Test
  void monthlyFlowsSplitCombinedMonthsAndSourceComparisonKeepsTheOtherSource() {
    Row jan = MonthlyFlows.compute(base).where("partner_iso3 = 'JPN' AND flow = 'export' AND category = "
        + "'non_dual_use' AND period = DATE'2026-01-01'").first();
    assertEquals(200.0, jan.<Double>getAs("value_usd"), 1e-9);
    Assertions.assertTrue(jan.<Boolean>getAs("split_from_combined"));
    Row comtrade = SourceSelection.comparison(base, MonthlyFlows.compute(base))
        .where("source = 'comtrade' AND category = 'graphite'").first();
    Assertions.assertFalse(comtrade.<Boolean>getAs("used"));
    assertEquals(899.0, comtrade.<Double>getAs("value_vs_used_pct"), 1e-9, "999 vs 100");
  }

  /**
   * One route and month: two lines of one code (one without a weight) and a line of another code of the same HS6
   * (in yuan at an estimated rate), beside Comtrade's copy, which China Customs' lines outrank.
   */
  @Test
  void theMonthlyBaseCountsEachCodeOnceAndSumsEveryLine() {
    List<Row> rows = List.of(
        row("china_customs", "CHN", "JPN", "export", "2026-05", 1, "61091000", 10, 1.0),
        row("china_customs", "CHN", "JPN", "export", "2026-05", 1, "61091000", 20, null),
        row("china_customs", "CHN", "JPN", "export", "2026-05", 1, "61091090", 30, 3.0, "estimated"),
        row("comtrade", "CHN", "JPN", "export", "2026-05", 1, "610910", 99, 9.0));
    List<Row> groups = MonthlyBase.of(spark().createDataFrame(rows, TAGGED),
            ImpactSettings.from(TradecurbConfig.defaults()).sourcePrecedence())
        .selectExpr("source", "used", "mirror_hs6", "value_usd", "net_weight_kg", "kg_value_usd",
            "fx_published_value_usd", "n_codes", "lines")
        .orderBy("source").collectAsList();
    assertEquals(List.of(
        RowFactory.create("china_customs", true, "610910", 60.0, 4.0, 40.0, 30.0, 2L, 3L),
        RowFactory.create("comtrade", false, "610910", 99.0, 9.0, 99.0, 99.0, 1L, 1L)), groups);
  }

  private Row estimate(Dataset<Row> table, String category, String measure) {
    List<Row> r = table.where("reporter_iso3 = 'CHN' AND flow = 'export' AND partner_iso3 = 'JPN' AND category = '"
        + category + "' AND measure = '" + measure + "' AND relative_month IS NULL").collectAsList();
    assertEquals(1, r.size(), measure);
    return r.get(0);
  }

  @Test
  void poissonEstimatesEqualTheWindowMeansWithIntervalsBesideThem() {
    Dataset<Row> table = CurbEstimates.table(model.estimates());
    Row g = impactRow("JPN", "graphite");
    for (String m : CurbEstimator.MEASURES) {
      Row e = estimate(table, "graphite", m);
      assertEquals(d(g, m), d(e, "estimate_pct"), 1e-6, m + ": a balanced panel gives the 2x2 log difference");
    }
    Row value = estimate(table, "graphite", "value_change_pct");
    assertEquals(1, value.<Integer>getAs("clusters"), "one code: no standard error");
    Assertions.assertNull(value.getAs("std_error"));
    Assertions.assertNull(g.getAs("value_change_pct_ci_low"));
    Row did = estimate(table, "graphite", "did_vs_non_dual_use");
    assertEquals(2, did.<Integer>getAs("clusters"), "the graphite code and the non-dual-use codes");
    assertEquals(8, did.<Integer>getAs("observations"), "2 series x 4 window months");
    assertEquals(100 * (Math.exp(d(did, "ci_low_log")) - 1), d(g, "did_vs_non_dual_use_ci_low"), 1e-9);
    assertEquals(100 * (Math.exp(d(did, "ci_high_log")) - 1), d(g, "did_vs_non_dual_use_ci_high"), 1e-9);
    assertEquals(d(did, "p_value"), d(g, "did_vs_non_dual_use_p_value"), 1e-12);
    Assertions.assertTrue(d(g, "did_vs_non_dual_use_ci_low") < d(g, "did_vs_non_dual_use")
        && d(g, "did_vs_non_dual_use") < d(g, "did_vs_non_dual_use_ci_high"));
    assertEquals(d(did, "estimate_log") - 12.706 * d(did, "std_error"), d(did, "ci_low_log"), 1e-3,
        "Student t with G-1 = 1 degree of freedom");
  }

  @Test
  void eventStudyCoefficientsAreNormalisedToTheMonthBeforeAnticipation() {
    Map<Integer, Double> coefficient = new LinkedHashMap<>();
    Double preTrend = null;
    for (Row r : EventStudy.withBands(EventStudy.compute(windowed, impact, 12), model.estimates())
        .where("reporter_iso3 = 'CHN' AND partner_iso3 = 'JPN' AND category = 'graphite'")
        .orderBy("relative_month").collectAsList()) {
      coefficient.put(r.getAs("relative_month"), r.getAs("coef_pct"));
      preTrend = r.getAs("pre_trend_p_value");
    }
    // Against KOR (50, 50, 55, 55 from January): the reference is January (anticipation from February).
    assertEquals(0.0, coefficient.get(-2), 1e-9);
    assertEquals(0.0, coefficient.get(-1), 1e-6, "100/100 vs 50/50");
    assertEquals(100 * (0.4 / 1.1 - 1), coefficient.get(0), 1e-6, "40/100 vs 55/50");
    assertEquals(100 * (0.6 / 1.1 - 1), coefficient.get(1), 1e-6, "60/100 vs 55/50");
    Assertions.assertNull(coefficient.get(-12), "KOR reports nothing in March 2025: no comparison");
    Assertions.assertNull(preTrend, "one code cannot test leads");
  }

  @Test
  void placebosMoveTheEventBackAndTryEachControlDestination() {
    List<Row> placebos = PlaceboTests.compute(model.estimates())
        .where("partner_iso3 = 'JPN' AND category = 'graphite'").collectAsList();
    Row target = placebos.stream().filter(r -> r.getAs("test").equals("target")).findFirst().orElseThrow();
    assertEquals(100 * (0.5 / 1.1 - 1), d(target, "estimate_pct"), 1e-6);
    Assertions.assertTrue(placebos.stream().anyMatch(r -> r.getAs("test").equals("event_minus_6_months")));
    Assertions.assertTrue(placebos.stream().anyMatch(r -> r.getAs("test").equals("event_minus_12_months")));
    Row kor = placebos.stream().filter(r -> r.getAs("test").equals("destination")).findFirst().orElseThrow();
    assertEquals("KOR", kor.getAs("placebo_destination"));
    Assertions.assertNull(kor.getAs("estimate_pct"), "KOR as the target has no other control destination");
    Assertions.assertNull(target.getAs("target_rank"), "one code: no t statistic to rank by");
    Assertions.assertNull(target.getAs("permutation_p_value"));
  }

  /**
   * The default windows and a curb that stops the trade. Event March 2026, anticipation from February, pre-months
   * 2: the pre window ends before the anticipation month (December–January), February is measured on its own.
   *
   * <pre>
   * China's exports (USD)        2025-12  2026-01  2026-02  2026-03  2026-04
   *   to JPN, graphite code A      100      100      160        –        –     (front-loaded, then nothing)
   *   to JPN, ordinary code N      200      200      200      200      200
   *   to KOR, A / N                 50/100   50/100   50/100   50/100   50/100
   * </pre>
   */
  @Test
  void frontLoadingIsMeasuredApartAndACollapseToZeroReadsMinusOneHundred() {
    String a = "38011000";
    String n = "61091000";
    List<Row> rows = new ArrayList<>();
    String[] months = {"2025-12", "2026-01", "2026-02", "2026-03", "2026-04"};
    double[] jpnA = {100, 100, 160};
    for (int i = 0; i < months.length; i++) {
      if (i < jpnA.length) {
        rows.add(row("china_customs", "CHN", "JPN", "export", months[i], 1, a, jpnA[i], jpnA[i] / 10));
      }
      rows.add(row("china_customs", "CHN", "JPN", "export", months[i], 1, n, 200, 20.0));
      rows.add(row("china_customs", "CHN", "KOR", "export", months[i], 1, a, 50, 5.0));
      rows.add(row("china_customs", "CHN", "KOR", "export", months[i], 1, n, 100, 10.0));
    }
    TradecurbConfig config = TradecurbConfig.defaults().with("impact.pre-months", 2)
        .with("impact.control-destinations", List.of("KOR"));
    CurbEvent event = new CurbEvent("test_curb", "test", java.time.LocalDate.of(2026, 3, 10), List.of("JPN"),
        List.of("*"), java.time.LocalDate.of(2026, 2, 20));
    measured(rows, config, event, stopped -> {
      Row g = stopped.impact().where("partner_iso3 = 'JPN' AND category = 'graphite'").first();
      assertEquals(Date.valueOf("2025-12-01"), g.getAs("pre_start"));
      assertEquals(Date.valueOf("2026-01-01"), g.getAs("pre_end"));
      assertEquals(100.0, d(g, "pre_value_usd"), 1e-9, "the February bump is not in the baseline");
      assertEquals(1L, g.<Long>getAs("anticipation_months_observed"));
      assertEquals(160.0, d(g, "anticipation_value_usd"), 1e-9);
      assertEquals(60.0, d(g, "anticipation_change_pct"), 1e-9);
      assertEquals(0.0, d(g, "post_value_usd"), 1e-9, "months China published with no graphite to Japan");
      assertEquals(-100.0, d(g, "value_change_pct"), 1e-9);
      Assertions.assertNull(g.getAs("dlog_value"), "no log change to zero");
      assertEquals(-100.0, d(g, "did_vs_non_dual_use"), 1e-9, "0 / (200 / 200)");
      assertEquals(-100.0, d(g, "did_vs_control_destinations"), 1e-9, "0 / (50 / 50)");
      assertEquals(-100.0, d(g, "did_triple"), 1e-9);
      Row koreaOrdinary = stopped.impact().where("partner_iso3 = 'KOR' AND category = 'non_dual_use'").first();
      assertEquals(1L, koreaOrdinary.<Long>getAs("anticipation_months_observed"), "windows are the event's, so "
          + "February is set apart on the control routes too");
      assertEquals(0.0, d(koreaOrdinary, "anticipation_change_pct"), 1e-9);
    });
  }

  /**
   * A February event on a reporter that publishes January and February as one release: the release is one
   * period, in the window of its last month, so its January half is never read as pre-event trade. A reporter
   * publishing monthly keeps calendar windows.
   */
  @Test
  void aFebruaryEventTakesTheCombinedJanuaryFebruaryReleaseAsOnePeriod() {
    String a = "38011000";
    String n = "61091000";
    List<Row> rows = new ArrayList<>();
    for (String month : new String[] {"2025-11", "2025-12", "2026-03", "2026-04"}) {
      rows.add(row("china_customs", "CHN", "JPN", "export", month, 1, a, month.startsWith("2025") ? 100 : 40,
          null));
      rows.add(row("china_customs", "CHN", "JPN", "export", month, 1, n, 200, null));
      rows.add(row("china_customs", "CHN", "KOR", "export", month, 1, a, 50, null));
      rows.add(row("china_customs", "CHN", "KOR", "export", month, 1, n, 100, null));
    }
    rows.add(row("china_customs", "CHN", "JPN", "export", "2026-01", 2, a, 120, null));
    rows.add(row("china_customs", "CHN", "JPN", "export", "2026-01", 2, n, 400, null));
    rows.add(row("china_customs", "CHN", "KOR", "export", "2026-01", 2, a, 100, null));
    rows.add(row("china_customs", "CHN", "KOR", "export", "2026-01", 2, n, 200, null));
    String[] japanMonths = {"2025-12", "2026-01", "2026-02", "2026-03"};
    double[] japanA = {100, 100, 40, 40};
    for (int i = 0; i < japanMonths.length; i++) {
      rows.add(row("japan_customs", "JPN", "CHN", "import", japanMonths[i], 1, "380110000", japanA[i], null));
    }
    TradecurbConfig config = TradecurbConfig.defaults().with("impact.pre-months", 2)
        .with("impact.control-destinations", List.of("KOR"));
    CurbEvent event = new CurbEvent("test_curb", "test", java.time.LocalDate.of(2026, 2, 10), List.of("JPN"),
        List.of("*"), null);
    measured(rows, config, event, february -> {
      Row g = february.impact().where("reporter_iso3 = 'CHN' AND partner_iso3 = 'JPN' AND category = 'graphite'")
          .first();
      assertEquals(Date.valueOf("2025-12-01"), g.getAs("pre_start"));
      assertEquals(Date.valueOf("2026-01-01"), g.getAs("pre_end"));
      assertEquals(1L, g.<Long>getAs("pre_months_observed"), "January is half of a release with February");
      assertEquals(100.0, d(g, "pre_value_usd"), 1e-9);
      assertEquals(4L, g.<Long>getAs("post_months_observed"));
      assertEquals(50.0, d(g, "post_value_usd"), 1e-9, "(60 + 60 + 40 + 40) / 4");
      assertEquals(-50.0, d(g, "value_change_pct"), 1e-9);
      assertEquals(-50.0, d(g, "did_vs_non_dual_use"), 1e-9, "(50 / 100) / (200 / 200)");
      assertEquals(-50.0, d(g, "did_vs_control_destinations"), 1e-9, "(50 / 100) / (50 / 50)");
      // The Poisson fits read the release the same way: one code per route, so each is the ratio of means.
      for (String m : List.of(CurbEstimator.VALUE_CHANGE, CurbEstimator.DID_NON_DUAL_USE, CurbEstimator.DID_CONTROLS)) {
        Row fitted = february.estimates().where("reporter_iso3 = 'CHN' AND partner_iso3 = 'JPN' AND category = "
            + "'graphite' AND test IS NULL AND relative_month IS NULL AND measure = '" + m + "'").first();
        assertEquals(Math.log(0.5), fitted.<Double>getAs("estimate_log"), 1e-6, m);
      }
      // The event study too: January is half of a release that counts in February, so the coefficients are
      // normalised to December, the last month published on its own, and January's half is no lead.
      Map<Integer, Double> coefficient = new TreeMap<>();
      for (Row r : EventStudy.withBands(EventStudy.compute(february.windowed(), february.impact(), 12),
          february.estimates()).where("reporter_iso3 = 'CHN' AND partner_iso3 = 'JPN' AND category = 'graphite'")
          .collectAsList()) {
        coefficient.put(r.getAs("relative_month"), r.getAs("coef_pct"));
      }
      assertEquals(0.0, coefficient.get(-2), 1e-9, "December, the reference");
      assertEquals(0.0, coefficient.get(-3), 1e-6, "100/100 vs 50/50");
      assertEquals(-40.0, coefficient.get(-1), 1e-6, "January's half of the release: 60/100 vs 50/50");
      assertEquals(-40.0, coefficient.get(0), 1e-6, "February's half");
      assertEquals(-60.0, coefficient.get(1), 1e-6, "40/100 vs 50/50");
      Row preTrend = february.estimates().where("partner_iso3 = 'JPN' AND category = 'graphite' AND test IS NULL "
          + "AND measure = '" + CurbEstimator.PRE_TREND + "'").first();
      assertEquals(-2, preTrend.<Integer>getAs("relative_month"), "the pre-trend row names the reference month");
      Row japan = february.impact().where("reporter_iso3 = 'JPN' AND category = 'graphite'").first();
      assertEquals(2L, japan.<Long>getAs("pre_months_observed"), "Japan publishes January on its own");
      assertEquals(100.0, d(japan, "pre_value_usd"), 1e-9);
      assertEquals(40.0, d(japan, "post_value_usd"), 1e-9);
    });
  }

  /**
   * Control reporters that published other months than the route: Korea through June, Taiwan not in April.
   * Their months are aligned to Japan's (January–April), each control's window means summed.
   */
  @Test
  void controlMonthsAreAlignedToTheRoutes() {
    String a = "380110000";
    List<Row> rows = new ArrayList<>();
    String[] months = {"2026-01", "2026-02", "2026-03", "2026-04", "2026-05", "2026-06"};
    double[] japan = {100, 100, 50, 50};
    double[] korea = {100, 100, 100, 100, 300, 300};
    double[] taiwan = {50, 50, 50};
    for (int i = 0; i < months.length; i++) {
      if (i < japan.length) {
        rows.add(row("japan_customs", "JPN", "CHN", "import", months[i], 1, a, japan[i], null));
      }
      rows.add(row("comtrade", "KOR", "CHN", "import", months[i], 1, a.substring(0, 6), korea[i], null,
          i < 2 ? "provisional" : "published"));
      if (i < taiwan.length) {
        rows.add(row("comtrade", "TWN", "CHN", "import", months[i], 1, a.substring(0, 6), taiwan[i], null));
      }
    }
    TradecurbConfig config = TradecurbConfig.defaults().with("impact.pre-months", 2)
        .with("impact.control-destinations", List.of("KOR", "TWN"));
    CurbEvent event = new CurbEvent("test_curb", "test", java.time.LocalDate.of(2026, 3, 10), List.of("JPN"),
        List.of("*"), null);
    measured(rows, config, event, aligned -> {
      Row g = aligned.impact().where("reporter_iso3 = 'JPN' AND category = 'graphite'").first();
      assertEquals(-50.0, d(g, "value_change_pct"), 1e-9);
      // Unaligned (each reporter's own months, summed by month): 0.5 / (212.5 / 150) - 1 = -64.7%.
      assertEquals(-50.0, d(g, "did_vs_control_destinations"), 1e-9, "0.5 / ((100 + 50) / (100 + 50))");
      assertEquals(List.of("KOR", "TWN"), g.getList(g.fieldIndex("control_destinations")));
      Row fitted = aligned.estimates().where("reporter_iso3 = 'JPN' AND category = 'graphite' AND test IS NULL "
          + "AND measure = 'did_vs_control_destinations'").first();
      assertEquals(Math.log(0.5), fitted.<Double>getAs("estimate_log"), 1e-6, "the Poisson fit on the same months");
      Row koreaRoute = aligned.impact().where("reporter_iso3 = 'KOR' AND category = 'graphite'").first();
      assertEquals(0.8, d(koreaRoute, "fx_published_value_share"), 1e-9,
          "January and February (200 of 1,000) at a provisional rate");
      assertEquals(0.0, d(koreaRoute, "weight_value_share"), 1e-9);
      assertEquals(List.of("comtrade"), koreaRoute.getList(koreaRoute.fieldIndex("sources")));
    });
  }
}
