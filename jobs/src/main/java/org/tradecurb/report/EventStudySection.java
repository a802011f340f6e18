package org.tradecurb.report;

import static org.tradecurb.report.HtmlReport.ALL;
import static org.tradecurb.report.HtmlReport.NON;
import static org.tradecurb.report.ReportParts.DUAL;
import static org.tradecurb.report.ReportParts.DUAL_LIGHT;
import static org.tradecurb.report.ReportParts.GREY;
import static org.tradecurb.report.ReportParts.NON_COLOR;
import static org.tradecurb.report.ReportParts.WIDTH;
import static org.tradecurb.report.ReportParts.dataTable;
import static org.tradecurb.report.ReportParts.e;
import static org.tradecurb.report.ReportParts.legend;
import static org.tradecurb.report.ReportParts.mean;
import static org.tradecurb.report.ReportParts.noData;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.tradecurb.report.ReportData.Event;
import org.tradecurb.report.ReportData.Monthly;
import org.tradecurb.report.ReportData.StudyPoint;

/** The event study: monthly indexes around the event, the coefficients with their bands, the pre-trend test. */
final class EventStudySection {

  private EventStudySection() {}

  static void render(StringBuilder out, ReportData data) {
    Event event = data.event();
    out.append("<section id=\"event-study\">\n<h2>Event study: month by month around the curb</h2>\n")
        .append("<p class=\"note\">Each month's value as an index of the pre-window monthly mean (= 100), ")
        .append("from 12 months before the event month to 12 months after. Front-loading shows as a rise before ")
        .append("month 0, a curb as the drop after it.</p>\n");
    List<StudyPoint> points = data.eventStudy();
    out.append("<figure class=\"chart\" id=\"chart-event-study\">\n");
    if (points.isEmpty()) {
      noData(out, "the event study");
      out.append("</figure>\n</section>\n");
      return;
    }
    int lo = points.stream().mapToInt(StudyPoint::relativeMonth).min().orElse(-12);
    int hi = points.stream().mapToInt(StudyPoint::relativeMonth).max().orElse(12);
    int span = Math.max(Math.max(12, -lo), hi);
    int lastObserved = hi;
    lo = -span;
    hi = span;
    List<Integer> rel = new ArrayList<>();
    for (int r = lo; r <= hi; r++) {
      rel.add(r);
    }
    List<String> names = rel.stream().map(r -> "month " + Fmt.relativeMonth(r)
        + periodOf(points, r).map(p -> " (" + Fmt.month(p) + ")").orElse("")).toList();
    List<String> ticks = rel.stream().map(r -> r % 3 == 0 ? Fmt.relativeMonth(r) : "").toList();
    LineChart chart = new LineChart(WIDTH, 340).x(names, ticks).y("Index", v -> Svg.n(v), true)
        .reference(100, null);
    Set<LocalDate> splitMonths = data.monthly().stream().filter(Monthly::splitFromCombined).map(Monthly::period)
        .collect(Collectors.toSet());
    Set<Integer> split = new TreeSet<>();
    for (int i = 0; i < rel.size(); i++) {
      if (periodOf(points, rel.get(i)).map(splitMonths::contains).orElse(false)) {
        split.add(i);
      }
    }
    Set<Integer> ant = new TreeSet<>();
    for (StudyPoint p : points) {
      if (p.anticipation()) {
        ant.add(rel.indexOf(p.relativeMonth()));
      }
    }
    int zero = rel.indexOf(0);
    if (!ant.isEmpty()) {
      int a = ant.iterator().next();
      chart.band(new LineChart.Band(a, zero >= 0 ? zero : rel.size() - 1, "Anticipation months"));
      chart.marker(new LineChart.Marker(a, "Anticipation", true, true));
    }
    if (zero >= 0) {
      chart.marker(new LineChart.Marker(zero, "Month 0: " + Fmt.month(event.month()), false, false));
    }
    Function<String, List<Double>> valueIndex = cat -> rel.stream().map(r -> points.stream()
        .filter(p -> cat.equals(p.category()) && p.relativeMonth() == r).findFirst()
        .map(StudyPoint::valueIndex).orElse(null)).toList();
    List<Double> kgIndex = rel.stream().map(r -> points.stream()
        .filter(p -> ALL.equals(p.category()) && p.relativeMonth() == r).findFirst()
        .map(StudyPoint::quantityIndex).orElse(null)).toList();
    chart.series(new LineChart.Series("Non-dual-use, value", NON_COLOR, false, true, valueIndex.apply(NON), split,
        v -> Fmt.number(v, 1)));
    chart.series(new LineChart.Series("Dual-use, kilograms", DUAL_LIGHT, true, false, kgIndex, Set.of(),
        v -> Fmt.number(v, 1)));
    chart.series(new LineChart.Series("Dual-use, value", DUAL, false, true, valueIndex.apply(ALL), split,
        v -> Fmt.number(v, 1)));
    List<String[]> items = new ArrayList<>(List.of(new String[] {"Dual-use, value", DUAL},
        new String[] {"Dual-use, kilograms", DUAL_LIGHT, "dashed"}, new String[] {"Non-dual-use, value", NON_COLOR},
        new String[] {"Pre-window mean = 100", GREY, "dashed"}));
    if (!ant.isEmpty()) {
      items.add(new String[] {"Anticipation months", "#fcefd4", "box"});
    }
    if (!split.isEmpty()) {
      items.add(new String[] {"Month split from a combined Jan+Feb release", GREY, "dot"});
    }
    legend(out, items);
    out.append(chart.render("Event study: value index of China's exports to Japan, relative months "
        + Fmt.relativeMonth(lo) + " to " + Fmt.relativeMonth(hi))).append("\n");
    coefficients(out, points, rel, names, ticks, ant, zero);
    out.append("</figure>\n");
    if (lastObserved < hi) {
      out.append("<p class=\"note\">Months after ").append(e(Fmt.relativeMonth(lastObserved))).append(" (")
          .append(e(periodOf(points, lastObserved).map(Fmt::month).orElse(Fmt.NA)))
          .append(") are not published yet.</p>\n");
    }
    dataTable(out, "Figures", List.of("Relative month", "Month", "Dual-use value index", "Dual-use kg index",
        "Non-dual-use value index", "Window"), rel.stream().map(r -> {
          Optional<StudyPoint> d = points.stream().filter(p -> ALL.equals(p.category()) && p.relativeMonth() == r)
              .findFirst();
          Optional<StudyPoint> n = points.stream().filter(p -> NON.equals(p.category()) && p.relativeMonth() == r)
              .findFirst();
          String window = d.map(StudyPoint::window).orElse(null);
          boolean anticipation = d.map(StudyPoint::anticipation).orElse(false);
          return List.of(Fmt.relativeMonth(r), periodOf(points, r).map(Fmt::month).orElse(""),
              index(d.map(StudyPoint::valueIndex).orElse(null)), index(d.map(StudyPoint::quantityIndex).orElse(null)),
              index(n.map(StudyPoint::valueIndex).orElse(null)),
              (window == null ? "" : window) + (anticipation ? " (anticipation)" : ""));
        }).toList());
    out.append("</section>\n");
  }

  /**
   * The event-study coefficients against the control destinations with their 95% band, and the pre-trend test:
   * what the index chart cannot say, whether a month's gap is larger than the noise.
   */
  private static void coefficients(StringBuilder out, List<StudyPoint> points, List<Integer> rel, List<String> names,
      List<String> ticks, Set<Integer> ant, int zero) {
    Function<Function<StudyPoint, Double>, List<Double>> of = f -> rel.stream().map(r -> points.stream()
        .filter(p -> ALL.equals(p.category()) && p.relativeMonth() == r).findFirst().map(f).orElse(null)).toList();
    List<Double> coef = of.apply(StudyPoint::coefPct);
    if (coef.stream().noneMatch(Objects::nonNull)) {
      return;
    }
    LineChart chart = new LineChart(WIDTH, 300).x(names, ticks).y("% vs controls", v -> Svg.n(v), true)
        .reference(0, null);
    if (!ant.isEmpty()) {
      chart.marker(new LineChart.Marker(ant.iterator().next(), "Anticipation", true, true));
    }
    if (zero >= 0) {
      chart.marker(new LineChart.Marker(zero, "Month 0", false, false));
    }
    chart.interval(new LineChart.Interval("95% confidence band", DUAL, of.apply(StudyPoint::coefCiLow),
        of.apply(StudyPoint::coefCiHigh)));
    chart.series(new LineChart.Series("Dual-use value vs control destinations", DUAL, false, true, coef, Set.of(),
        v -> Fmt.number(v, 1) + "%"));
    legend(out, List.of(new String[] {"Dual-use value vs control destinations, % (0 in the reference month, the "
        + "last before anticipation published on its own)", DUAL}, new String[] {"95% confidence band", "#f3cfc6", "box"}));
    out.append(chart.render("Event-study coefficients against the control destinations with 95% bands"))
        .append("\n");
    Double preTrend = points.stream().filter(p -> ALL.equals(p.category()) && p.preTrendPValue() != null)
        .map(StudyPoint::preTrendPValue).findFirst().orElse(null);
    if (preTrend != null) {
      out.append("<p class=\"note\" id=\"pre-trend\">Pre-trend test: p = ").append(e(Fmt.number(preTrend, 3)))
          .append(preTrend < 0.05 ? " — the months before anticipation already drift apart from the controls: "
              + "read the difference-in-differences with care." : " — no sign that the route drifted apart from "
              + "the controls before anticipation.").append(" (joint test that every earlier month's coefficient "
              + "is zero)</p>\n");
    }
  }

  private static String index(Double v) {
    return v == null || !Double.isFinite(v) ? Fmt.NA : Fmt.number(v, 1);
  }

  private static Optional<LocalDate> periodOf(List<StudyPoint> points, int relative) {
    return points.stream().filter(p -> p.relativeMonth() == relative).map(StudyPoint::period).findFirst();
  }
}
