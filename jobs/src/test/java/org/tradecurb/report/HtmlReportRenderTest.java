package org.tradecurb.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The pure renderer on hand-made records: no Spark. */
class HtmlReportRenderTest {

  private static final String PAGE = HtmlReport.render(ReportFixtures.sample(null));

  /** The inner HTML of the chart container with this id. */
  static String chart(String html, String id) {
    Matcher m = Pattern.compile("<figure class=\"chart\" id=\"" + id + "\">(.*?)</figure>", Pattern.DOTALL)
        .matcher(html);
    assertTrue(m.find(), "chart container " + id + " is on the page");
    return m.group(1);
  }

  @Test
  void theHeadlineStatesTheIntervalsWhereTheyWereEstimated() {
    String summary = PAGE.substring(PAGE.indexOf("<section id=\"summary\">"), PAGE.indexOf("<section id=\"monthly\">"));
    assertTrue(summary.contains("China's exports of dual-use goods to Japan fell 67.7% (95% CI "
        + "\u221274.2% to \u221260.1%) after the curb took effect"), "value change");
    assertTrue(summary.contains("world-wide tightening, is \u221274.5% (95% CI \u221283.0% to \u221262.9%)."),
        "triple difference");
    assertTrue(summary.contains("60.6% below the same months a year earlier."), "no interval, none shown");
    assertFalse(summary.contains("\u221271.5% (95% CI"), "nor for the control-destination DiD");
  }

  @Test
  void theHeadlineNumbersAppearFormatted() {
    String summary = PAGE.substring(PAGE.indexOf("<section id=\"summary\">"), PAGE.indexOf("<section id=\"monthly\">"));
    for (String expected : List.of(
        "fell 67.7% (95% CI \u221274.2% to \u221260.1%) after the curb took effect", // value change, in words
        "60.6% below the same months a year earlier",  // year over year, in words
        "\u221267.7%", "\u221260.6%",                 // cards: value change, YoY
        "\u221269.9%", "\u221271.5%", "\u221274.5%",  // DiD vs non-dual-use, vs control destinations, triple
        "\u221273.5%", "+22.0%",                      // kilograms, unit value
        "US$63.8 m", "US$20.6 m",                     // pre and post monthly means
        "Non-dual-use goods shipped to Japan over the same windows rose 7.4%",
        "Kilograms fell 73.5% while the unit value rose 22.0%",
        "Jul\u2013Dec 2025", "Jan\u2013Sep 2026",
        "DEU, KOR, TWN, USA, VNM")) {
      assertTrue(summary.contains(expected), "summary shows " + expected);
    }
    assertTrue(summary.contains("South Korea: +1,475 t a month (+US$17.8 m), 34.8% of the lost volume"),
        "the largest diversion gain is named");
    assertTrue(PAGE.contains("Pre window Jul\u2013Dec 2025 (6 published months)"), "methods name the windows");
  }

  @Test
  void everyChartIsANonEmptySvg() {
    assertEquals(List.of("chart-monthly", "chart-categories", "chart-event-study", "chart-mirror"), HtmlReport.CHARTS);
    for (String id : HtmlReport.CHARTS) {
      String inner = chart(PAGE, id);
      assertTrue(inner.contains("<svg viewBox="), id + " holds an SVG");
      assertTrue(inner.contains("</svg>"), id + " closes its SVG");
      assertTrue(Pattern.compile("<path d=\"M[0-9]").matcher(inner).find()
          || Pattern.compile("<rect x=\"[0-9.]+\" y=\"[0-9.]+\" width=\"[1-9]").matcher(inner).find(),
          id + " draws a line or a bar");
    }
    String monthly = chart(PAGE, "chart-monthly");
    assertTrue(monthly.contains(">In force Jan 2026</text>"), "event month marked");
    assertTrue(monthly.contains(">Anticipation Nov 2025</text>"), "anticipation month marked");
    assertTrue(monthly.contains("class=\"band\""), "anticipation months shaded");
    assertTrue(monthly.contains("fill=\"#ffffff\""), "split Jan+Feb months drawn hollow");
    assertEquals(2, count(monthly, "<path d=\"M"), "dual-use and non-dual-use lines");

    String study = chart(PAGE, "chart-event-study");
    assertTrue(study.contains(">Anticipation</text>") && study.contains(">Month 0: Jan 2026</text>"));
    for (String tick : List.of(">\u221212</text>", ">0</text>", ">+12</text>")) {
      assertTrue(study.contains(tick), "event study axis spans -12..+12: " + tick);
    }
    assertTrue(PAGE.contains("Months after +8 (Sep 2026) are not published yet."));

    String categories = chart(PAGE, "chart-categories");
    for (String label : List.of("All dual-use goods", "Rare-earth magnets", "Graphite", "Antimony",
        "Gallium &amp; germanium", "Non-dual-use goods")) {
      assertTrue(categories.contains(">" + label + "</text>"), "category bar " + label);
    }
    assertEquals(12, count(categories, "<rect x="), "two bars (pre/post and YoY) per category");

    String mirror = chart(PAGE, "chart-mirror");
    assertEquals(2, count(mirror, "<svg "), "levels and gap panels");
    assertTrue(mirror.contains("Adjusted gap (after the margin)"));
  }

  @Test
  void nothingIsFetchedFromTheNetwork() {
    assertFalse(PAGE.contains("http://"), "no http:// anywhere");
    assertFalse(PAGE.contains("https://"), "no https:// anywhere");
    assertFalse(PAGE.contains("src="), "no src attribute: scripts, images and fonts are inline");
    Matcher href = Pattern.compile("href=\"([^\"]*)\"").matcher(PAGE);
    while (href.find()) {
      assertTrue(href.group(1).startsWith("data:"), "only data: links: " + href.group(1));
    }
    assertFalse(PAGE.contains("url("), "no CSS url()");
    assertFalse(PAGE.contains("@import"), "no CSS import");
    assertTrue(PAGE.contains("default-src 'none'"), "the page policy forbids every fetch");
    assertTrue(PAGE.contains("script-src '" + HtmlReport.scriptHash() + "'"), "only the page's own script runs");
    assertEquals(1, count(PAGE, "<script"), "one inline script");
    assertTrue(PAGE.contains("<script>" + HtmlReport.SCRIPT + "</script>"), "the hashed script is the one inline");
  }

  @Test
  void placebosStandBesideTheDifferenceAgainstTheControlDestinations() {
    List<ReportData.Placebo> placebos = List.of(
        new ReportData.Placebo("destination", "KOR", 65.4, 0.0, 1, 5, 0.2),
        new ReportData.Placebo("event_minus_12_months", null, -1.6, 0.519, null, null, null),
        new ReportData.Placebo("event_minus_6_months", null, 3.9, 0.00042, null, null, null),
        new ReportData.Placebo("target", "JPN", -69.1, 0.0, 1, 5, 0.2));
    assertEquals("Placebo tests of that difference against the control destinations: with each control "
        + "destination taken in turn as the target, Japan's effect ranks 1 of 5 (permutation p = 0.20, the smallest 5 "
        + "destinations allow); with the event moved back, +3.9% (p < 0.001) 6 months earlier and \u22121.6% "
        + "(p = 0.52) 12 months earlier.", SummarySection.placeboFinding(placebos, "Japan").orElseThrow());
    assertEquals("Placebo tests of that difference against the control destinations: with each control "
        + "destination taken in turn as the target, Japan's effect ranks 3 of 5 (permutation p = 0.60).",
        SummarySection.placeboFinding(List.of(new ReportData.Placebo("target", "JPN", -9.0, 0.4, 3, 5, 0.6)), "Japan")
            .orElseThrow());
    assertTrue(SummarySection.placeboFinding(List.of(), "Japan").isEmpty());
    ReportData sample = ReportFixtures.sample(null);
    String html = HtmlReport.render(new ReportData(sample.event(), sample.impact(), sample.monthly(),
        sample.eventStudy(), sample.mirror(), sample.diversion(), sample.provenance(), List.of(), placebos));
    assertTrue(html.contains("ranks 1 of 5 (permutation p = 0.20"), "the finding is in the page");
    assertFalse(PAGE.contains("Placebo tests"), "no placebo sentence without placebo rows");
  }

  @Test
  void theSyntheticDataCaveatIsAlwaysThere() {
    ReportData sample = ReportFixtures.sample(null);
    for (Boolean synthetic : new Boolean[] {Boolean.TRUE, Boolean.FALSE, null}) {
      String html = HtmlReport.render(new ReportData(sample.event(), sample.impact(), sample.monthly(),
          sample.eventStudy(), sample.mirror(), sample.diversion(),
          new ReportData.Provenance("/w", "now", synthetic)));
      String methods = html.substring(html.indexOf("<section id=\"methods\">"));
      assertTrue(methods.contains("The sample data are synthetic."), "caveat when provenance is " + synthetic);
      assertTrue(methods.contains("HS6 approximations."));
      assertTrue(methods.contains("Combined January+February releases.") && methods.contains("Split here: Jan 2025, "
          + "Feb 2025."));
      assertTrue(methods.contains("CIF and FOB.") && methods.contains("flat margin of 6.0%"));
      assertEquals(Boolean.TRUE.equals(synthetic), html.contains("class=\"banner\""),
          "banner on top only when the warehouse is known to be built from the samples");
    }
  }

  @Test
  void theEventStudyDrawsTheCoefficientBandsAndStatesThePreTrendTest() {
    String study = chart(PAGE, "chart-event-study");
    assertEquals(2, count(study, "<svg"), "the index chart and the coefficient chart");
    assertEquals(1, count(study, "<path class=\"interval\""), "one band over the 21 months, none missing");
    assertTrue(PAGE.contains("Pre-trend test: p = 0.420 — no sign that the route drifted apart"), "the test's p-value");

    ReportData sample = ReportFixtures.sample(null);
    List<ReportData.StudyPoint> older = sample.eventStudy().stream().map(p -> new ReportData.StudyPoint(p.category(),
        p.relativeMonth(), p.period(), p.valueUsd(), p.valueIndex(), p.quantityIndex(), p.anticipation(),
        p.window())).toList();
    String html = HtmlReport.render(new ReportData(sample.event(), sample.impact(), sample.monthly(), older,
        sample.mirror(), sample.diversion(), sample.provenance()));
    assertEquals(1, count(chart(html, "chart-event-study"), "<svg"), "no coefficients, no second chart");
    assertFalse(html.contains("Pre-trend test"));
  }

  @Test
  void renderingIsPureAndDeterministic() {
    assertEquals(PAGE, HtmlReport.render(ReportFixtures.sample(null)));
  }

  @Test
  void aWarehouseWithoutFiguresStillRendersEverySection() {
    ReportData sample = ReportFixtures.sample(null);
    String html = HtmlReport.render(new ReportData(sample.event(), List.of(), List.of(), List.of(), List.of(),
        List.of(), new ReportData.Provenance("/w", "now", null)));
    for (String section : List.of("summary", "monthly", "categories", "event-study", "mirror", "diversion",
        "methods")) {
      assertTrue(html.contains("<section id=\"" + section + "\">"), section);
    }
    assertTrue(html.contains("No China \u2192 Japan dual-use figures for this event."));
    assertTrue(html.contains("No data for the event study in this warehouse."));
  }

  @Test
  void anEventThatDoesNotTargetJapanSaysSo() {
    ReportData sample = ReportFixtures.sample(null);
    ReportData.Event usa = new ReportData.Event("us_ban_2024", "Ban on exports to the United States",
        java.time.LocalDate.of(2024, 12, 3), null, List.of("USA"), List.of("MOFCOM 2024/46"));
    String html = HtmlReport.render(new ReportData(usa, sample.impact(), sample.monthly(), List.of(), List.of(),
        List.of(), sample.provenance()));
    assertTrue(html.contains("Japan is not a target of this curb"));
    assertTrue(html.contains("China's exports of the goods this curb covers to Japan, a route this curb does not "
        + "target, fell 67.7%"));
    assertTrue(html.contains("treats the codes of MOFCOM 2024/46"));
    assertFalse(html.contains("Anticipation"), "no anticipation date, no anticipation mark");
  }

  @Test
  void otherCurbsInsideTheWindowsAreNamed() {
    ReportData sample = ReportFixtures.sample(null);
    ReportData.Event inside = new ReportData.Event("later", "A <later> curb", java.time.LocalDate.of(2026, 3, 2),
        null, List.of("ALL"), List.of("X"));
    ReportData.Event before = new ReportData.Event("older", "An older curb", java.time.LocalDate.of(2023, 8, 1),
        null, List.of("ALL"), List.of("Y"));
    String html = HtmlReport.render(new ReportData(sample.event(), sample.impact(), sample.monthly(),
        sample.eventStudy(), sample.mirror(), sample.diversion(), sample.provenance(), List.of(before, inside)));
    assertTrue(html.contains("<strong>Other curbs inside the windows.</strong> A &lt;later&gt; curb (2 Mar 2026) "
        + "falls between Jul 2025 and Sep 2026"));
    assertFalse(html.contains("An older curb"), "a curb before the windows is not listed");
    assertFalse(PAGE.contains("Other curbs inside the windows."), "none in the plain sample");
  }

  @Test
  void aPostWindowCappedByALaterCurbSaysSo() {
    ReportData sample = ReportFixtures.sample(null);
    List<ReportData.Impact> capped = sample.impact().stream().map(i -> new ReportData.Impact(i.category(),
        i.preStart(), i.preEnd(), i.postStart(), java.time.LocalDate.of(2026, 5, 1), "later_curb",
        i.preMonthsObserved(), 5, i.preWindowComplete(), i.preValueUsd(), i.postValueUsd(), i.valueChangePct(),
        i.yoyValueChangePct(), i.yoyMonths(), i.quantityChangePct(), i.unitValueChangePct(), i.dlogValue(),
        i.dlogQuantity(), i.dlogUnitValue(), i.didVsNonDualUse(), i.didVsControlDestinations(), i.didTriple(),
        i.controlDestinations(), i.anticipationMonthsObserved(), i.anticipationChangePct(), i.intervals())).toList();
    ReportData.Event later = new ReportData.Event("later_curb", "Magnet <ban>", java.time.LocalDate.of(2026, 6, 1),
        null, List.of("ALL"), List.of("X"));
    String html = HtmlReport.render(new ReportData(sample.event(), capped, sample.monthly(), sample.eventStudy(),
        sample.mirror(), sample.diversion(), sample.provenance(), List.of(later)));
    assertTrue(html.contains("(Jan\u2013May 2026, stopping before Magnet &lt;ban&gt; (1 Jun 2026))"), "summary");
    assertTrue(html.contains("from the event month to the month before Magnet &lt;ban&gt; (1 Jun 2026), a later "
        + "curb on overlapping goods"), "methods");
    assertFalse(html.contains("Other curbs inside the windows."), "a capping curb lies after the windows");
  }

  static int count(String haystack, String needle) {
    int n = 0;
    for (int i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + needle.length())) {
      n++;
    }
    return n;
  }

  /**
   * With the default windows the pre window ends before the anticipation month (November 2025): the bump in
   * November–December is its own card and finding, and the page says the baseline leaves it out.
   */
  @Test
  void anticipationMonthsMeasuredApartAreShownWithTheirChange() {
    ReportData sample = ReportFixtures.sample(null);
    List<ReportData.Impact> apart = sample.impact().stream().map(i -> new ReportData.Impact(i.category(),
        java.time.LocalDate.of(2025, 5, 1), java.time.LocalDate.of(2025, 10, 1), i.postStart(), i.postEnd(),
        i.postCappedBy(), i.preMonthsObserved(), i.postMonthsObserved(), i.preWindowComplete(), i.preValueUsd(),
        i.postValueUsd(), i.valueChangePct(), i.yoyValueChangePct(), i.yoyMonths(), i.quantityChangePct(),
        i.unitValueChangePct(), i.dlogValue(), i.dlogQuantity(), i.dlogUnitValue(), i.didVsNonDualUse(),
        i.didVsControlDestinations(), i.didTriple(), i.controlDestinations(), 2, 40.8, i.intervals())).toList();
    String html = HtmlReport.render(new ReportData(sample.event(), apart, sample.monthly(), List.of(),
        sample.mirror(), sample.diversion(), sample.provenance(), List.of()));
    assertTrue(html.contains("brought forward, kept out of the baseline"), "the card");
    assertTrue(html.contains(Fmt.signedPct(40.8)), "its figure");
    assertTrue(html.contains("Between the anticipation date (" + Fmt.month(sample.event().anticipationMonth())
        + ") and the event, " + Fmt.monthRange(java.time.LocalDate.of(2025, 11, 1), java.time.LocalDate.of(2025, 12, 1))
        + " shipped " + Fmt.signedPct(40.8)), "the finding names the months");
    assertFalse(PAGE.contains("kept out of the baseline"), "not where the pre window holds the anticipation months");
  }
}
