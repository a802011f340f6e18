package org.tradecurb.report;

import static org.tradecurb.report.HtmlReport.ALL;
import static org.tradecurb.report.HtmlReport.NON;
import static org.tradecurb.report.ReportParts.DUAL;
import static org.tradecurb.report.ReportParts.GREY;
import static org.tradecurb.report.ReportParts.NON_COLOR;
import static org.tradecurb.report.ReportParts.WIDTH;
import static org.tradecurb.report.ReportParts.addEventMarks;
import static org.tradecurb.report.ReportParts.dataTable;
import static org.tradecurb.report.ReportParts.goods;
import static org.tradecurb.report.ReportParts.legend;
import static org.tradecurb.report.ReportParts.monthTicks;
import static org.tradecurb.report.ReportParts.monthsBetween;
import static org.tradecurb.report.ReportParts.noData;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.tradecurb.report.ReportData.Event;
import org.tradecurb.report.ReportData.Monthly;

/** The monthly chart of China's exports to Japan, dual-use and non-dual-use, with its data table. */
final class MonthlySection {

  private MonthlySection() {}

  static void render(StringBuilder out, ReportData data) {
    Event event = data.event();
    out.append("<section id=\"monthly\">\n<h2>Monthly exports from China to Japan</h2>\n")
        .append("<p class=\"note\">Value of China's exports to Japan each month, dual-use goods (every code in the ")
        .append("catalogue) against all other goods, in millions of US dollars.</p>\n");
    LocalDate from = event.month().minusMonths(24);
    LocalDate to = event.month().plusMonths(24);
    List<Monthly> rows = data.monthly().stream()
        .filter(m -> !m.period().isBefore(from) && !m.period().isAfter(to)).toList();
    if (rows.isEmpty()) {
      out.append("<figure class=\"chart\" id=\"chart-monthly\">");
      noData(out, "China's monthly exports to Japan around the event");
      out.append("</figure>\n</section>\n");
      return;
    }
    LocalDate first = rows.stream().map(Monthly::period).min(Comparator.naturalOrder()).orElseThrow();
    LocalDate last = rows.stream().map(Monthly::period).max(Comparator.naturalOrder()).orElseThrow();
    List<LocalDate> months = monthsBetween(first.withDayOfMonth(1), last.withDayOfMonth(1));
    LineChart chart = new LineChart(WIDTH, 340)
        .x(months.stream().map(Fmt::month).toList(), monthTicks(months))
        .y("US$ m", Fmt::millions, true);
    addEventMarks(chart, months, event);
    Set<Integer> split = new TreeSet<>();
    for (String[] s : new String[][] {{ALL, "Dual-use goods", DUAL}, {NON, "Non-dual-use goods", NON_COLOR}}) {
      List<Double> values = new ArrayList<>();
      for (LocalDate m : months) {
        Optional<Monthly> row = rows.stream().filter(r -> r.period().equals(m) && s[0].equals(r.category()))
            .findFirst();
        values.add(row.map(Monthly::valueUsd).orElse(null));
        if (row.isPresent() && row.get().splitFromCombined()) {
          split.add(months.indexOf(m));
        }
      }
      chart.series(new LineChart.Series(s[1], s[2], false, true, values, split, v -> Fmt.usd(v)));
    }
    out.append("<figure class=\"chart\" id=\"chart-monthly\">\n");
    List<String[]> items = new ArrayList<>(List.of(new String[] {"Dual-use goods", DUAL},
        new String[] {"Non-dual-use goods", NON_COLOR}));
    if (event.anticipationMonth() != null) {
      items.add(new String[] {"Anticipation months", "#fcefd4", "box"});
    }
    if (!split.isEmpty()) {
      items.add(new String[] {"Month split from a combined Jan+Feb release", GREY, "dot"});
    }
    legend(out, items);
    out.append(chart.render("Monthly value of China's exports to Japan, dual-use and non-dual-use goods"))
        .append("\n</figure>\n");
    dataTable(out, "Figures", List.of("Month", "Dual-use", "Non-dual-use", "Note"), months.stream().map(m -> {
      Optional<Monthly> d = rows.stream().filter(r -> r.period().equals(m) && ALL.equals(r.category())).findFirst();
      Optional<Monthly> n = rows.stream().filter(r -> r.period().equals(m) && NON.equals(r.category())).findFirst();
      boolean s = d.map(Monthly::splitFromCombined).orElse(false) || n.map(Monthly::splitFromCombined).orElse(false);
      return List.of(Fmt.month(m), Fmt.usd(d.map(Monthly::valueUsd).orElse(null)),
          Fmt.usd(n.map(Monthly::valueUsd).orElse(null)), s ? "half of a combined Jan+Feb figure" : "");
    }).toList());
    out.append("</section>\n");
  }
}
