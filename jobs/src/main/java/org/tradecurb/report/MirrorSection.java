package org.tradecurb.report;

import static org.tradecurb.report.ReportParts.DUAL;
import static org.tradecurb.report.ReportParts.GREY;
import static org.tradecurb.report.ReportParts.JAPAN_COLOR;
import static org.tradecurb.report.ReportParts.NON_COLOR;
import static org.tradecurb.report.ReportParts.WIDTH;
import static org.tradecurb.report.ReportParts.addEventMarks;
import static org.tradecurb.report.ReportParts.dataTable;
import static org.tradecurb.report.ReportParts.e;
import static org.tradecurb.report.ReportParts.goods;
import static org.tradecurb.report.ReportParts.legend;
import static org.tradecurb.report.ReportParts.mean;
import static org.tradecurb.report.ReportParts.monthTicks;
import static org.tradecurb.report.ReportParts.monthsBetween;
import static org.tradecurb.report.ReportParts.noData;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.tradecurb.report.ReportData.Event;
import org.tradecurb.report.ReportData.Mirror;

/** Mirror flows: China's reported exports against Japan's reported imports, raw and after the CIF/FOB margin. */
final class MirrorSection {

  private MirrorSection() {}

  static void render(StringBuilder out, ReportData data) {
    Event event = data.event();
    out.append("<section id=\"mirror\">\n<h2>Both sides of the border: the mirror gap</h2>\n")
        .append("<p class=\"note\">China's reported exports of dual-use goods to Japan (FOB) against Japan's ")
        .append("reported imports of them from China (CIF). The raw gap is Japan's figure over China's; the ")
        .append("adjusted gap first adds the expected CIF/FOB margin to China's figure.</p>\n");
    List<Mirror> rows = data.mirror().stream().sorted(Comparator.comparing(Mirror::period)).toList();
    out.append("<figure class=\"chart\" id=\"chart-mirror\">\n");
    if (rows.isEmpty()) {
      noData(out, "mirror flows");
      out.append("</figure>\n</section>\n");
      return;
    }
    List<LocalDate> months = monthsBetween(rows.get(0).period().withDayOfMonth(1),
        rows.get(rows.size() - 1).period().withDayOfMonth(1));
    Map<LocalDate, Mirror> byMonth = rows.stream().collect(Collectors.toMap(m -> m.period().withDayOfMonth(1),
        m -> m, (a, b) -> a, TreeMap::new));
    Set<Integer> split = new TreeSet<>();
    for (int i = 0; i < months.size(); i++) {
      Mirror m = byMonth.get(months.get(i));
      if (m != null && m.splitFromCombined()) {
        split.add(i);
      }
    }
    List<String> names = months.stream().map(Fmt::month).toList();
    List<String> ticks = monthTicks(months);
    Function<Function<Mirror, Double>, List<Double>> col = f -> months.stream()
        .map(m -> Optional.ofNullable(byMonth.get(m)).map(f).orElse(null)).toList();
    double margin = rows.get(0).cifFobMargin();

    LineChart levels = new LineChart(WIDTH, 300).x(names, ticks).y("US$ m", Fmt::millions, true);
    addEventMarks(levels, months, event);
    levels.series(new LineChart.Series("China's exports to Japan (FOB)", NON_COLOR, false, true,
        col.apply(Mirror::chinaExportsUsd), split, v -> Fmt.usd(v)));
    levels.series(new LineChart.Series("Japan's imports from China (CIF)", JAPAN_COLOR, true, true,
        col.apply(Mirror::japanImportsUsd), Set.of(), v -> Fmt.usd(v)));
    out.append("<div class=\"chart-title\">Value reported by each side</div>\n");
    List<String[]> levelItems = new ArrayList<>(List.of(new String[] {"China's exports to Japan (FOB)", NON_COLOR},
        new String[] {"Japan's imports from China (CIF)", JAPAN_COLOR, "dashed"}));
    if (!split.isEmpty()) {
      levelItems.add(new String[] {"Month split from a combined Jan+Feb release", GREY, "dot"});
    }
    legend(out, levelItems);
    out.append(levels.render("China's exports to Japan and Japan's imports from China, dual-use goods, by month"))
        .append('\n');

    LineChart gaps = new LineChart(WIDTH, 260).x(names, ticks)
        .y("Gap, %", v -> Fmt.number(v, Math.abs(v) < 10 && v != Math.rint(v) ? 1 : 0), true)
        .reference(0, null);
    addEventMarks(gaps, months, event);
    gaps.series(new LineChart.Series("Expected CIF/FOB margin", GREY, true, false,
        months.stream().map(m -> (Double) (margin * 100)).toList(), Set.of(), v -> Fmt.number(v, 1) + "%"));
    gaps.series(new LineChart.Series("Raw gap", NON_COLOR, false, true, col.apply(Mirror::gapPct), split,
        v -> Fmt.signedPct(v)));
    gaps.series(new LineChart.Series("Adjusted gap (after the margin)", DUAL, false, true,
        col.apply(Mirror::adjustedGapPct),
        split, v -> Fmt.signedPct(v)));
    out.append("<div class=\"chart-title\">Gap, percent of China's figure</div>\n");
    legend(out, List.of(new String[] {"Raw gap", NON_COLOR}, new String[] {"Adjusted gap (after the margin)", DUAL},
        new String[] {"Expected CIF/FOB margin (" + Fmt.number(margin * 100, 1) + "%)", GREY, "dashed"}));
    out.append(gaps.render("Mirror gap between Japan's imports and China's exports of dual-use goods, raw and "
        + "adjusted for the CIF/FOB margin")).append("\n</figure>\n");

    out.append("<p>").append(e(mirrorSummary(rows, event, margin))).append("</p>\n");
    dataTable(out, "Figures", List.of("Month", "China's exports (FOB)", "Japan's imports (CIF)", "Raw gap",
        "Adjusted gap", "Note"), months.stream().map(m -> {
          Mirror r = byMonth.get(m);
          if (r == null) {
            return List.of(Fmt.month(m), Fmt.NA, Fmt.NA, Fmt.NA, Fmt.NA, "");
          }
          return List.of(Fmt.month(m), Fmt.usd(r.chinaExportsUsd()), Fmt.usd(r.japanImportsUsd()),
              Fmt.signedPct(r.gapPct()), Fmt.signedPct(r.adjustedGapPct()),
              r.splitFromCombined() ? "China's figure split from a combined Jan+Feb release" : "");
        }).toList());
    out.append("</section>\n");
  }

  static String mirrorSummary(List<Mirror> rows, Event event, double margin) {
    List<Double> before = new ArrayList<>();
    List<Double> after = new ArrayList<>();
    List<Double> raw = new ArrayList<>();
    for (Mirror m : rows) {
      if (m.gapPct() != null && Double.isFinite(m.gapPct())) {
        raw.add(m.gapPct());
      }
      if (m.adjustedGapPct() == null || !Double.isFinite(m.adjustedGapPct())) {
        continue;
      }
      (m.period().isBefore(event.month()) ? before : after).add(m.adjustedGapPct());
    }
    StringBuilder s = new StringBuilder();
    if (!raw.isEmpty()) {
      s.append("Japan's reported imports differ from China's reported exports by ")
          .append(Fmt.signedPct(raw.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN)))
          .append(" on average, against an expected CIF/FOB margin of ").append(Fmt.number(margin * 100, 1))
          .append("%. ");
    }
    if (!before.isEmpty() || !after.isEmpty()) {
      s.append("After the margin, the gap averages ")
          .append(before.isEmpty() ? Fmt.NA : Fmt.signedPct(mean(before))).append(" before the event month and ")
          .append(after.isEmpty() ? Fmt.NA : Fmt.signedPct(mean(after))).append(" from it on");
      s.append(after.isEmpty() || before.isEmpty() || Math.abs(mean(after) - mean(before)) < 2
          ? ": no sign that the curb opened a gap between the two sides' records (re-routing or misdeclaration "
              + "would)."
          : ": the two sides' records drift apart after the curb \u2014 look for re-routing, shipping lags or "
              + "reclassification.");
    }
    List<String> outliers = rows.stream()
        .filter(m -> m.adjustedGapPct() != null && Double.isFinite(m.adjustedGapPct())
            && Math.abs(m.adjustedGapPct()) >= 2)
        .limit(6)
        .map(m -> Fmt.month(m.period()) + " (" + Fmt.signedPct(m.adjustedGapPct())
            + (m.splitFromCombined() ? ", split release" : "") + ")")
        .toList();
    if (!outliers.isEmpty()) {
      s.append(" Months off by 2 points or more after the margin: ").append(String.join(", ", outliers)).append('.');
      if (rows.stream().anyMatch(m -> m.splitFromCombined() && m.adjustedGapPct() != null
          && Math.abs(m.adjustedGapPct()) >= 2)) {
        s.append(" In split months China's figure is half of a two-month release while Japan's is the month's "
            + "own, so the pair is not a true monthly comparison.");
      }
    }
    return s.toString().strip();
  }
}
