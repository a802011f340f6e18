package org.tradecurb.report;

import static org.tradecurb.report.HtmlReport.ALL;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.tradecurb.report.ReportData.DiversionRow;
import org.tradecurb.report.ReportData.Event;
import org.tradecurb.report.ReportData.Impact;

/**
 * What the sections of the report share: colours and sizes, escaping, the routes and events they name, chart
 * parts and data tables.
 */
final class ReportParts {

  private ReportParts() {}

  static final String CHINA_EXPORTS = "china_exports_by_destination";

  static final String TARGET_IMPORTS = "target_imports_by_origin";

  static final String DUAL = "#c8553d";

  static final String DUAL_LIGHT = "#f2a65a";

  static final String NON_COLOR = "#2f6690";

  static final String JAPAN_COLOR = "#d08c1f";

  static final String GREY = "#8a94a3";

  static final int WIDTH = 960;

  static String e(String text) {
    return Html.escape(text);
  }

  static boolean targetsJapan(Event event) {
    return event.destinations().contains("JPN") || event.destinations().contains("ALL");
  }

  static Optional<Impact> impact(ReportData data, String category) {
    return data.impact().stream().filter(i -> category.equals(i.category())).findFirst();
  }

  static String signClass(Double v) {
    return v == null || !Double.isFinite(v) || Math.abs(v) < 0.05 ? "" : v < 0 ? " neg" : " pos";
  }

  static List<DiversionRow> diversionRows(ReportData data, String side) {
    return data.diversion().stream()
        .filter(r -> side.equals(r.side()) && !"WLD".equals(r.partner()) && !"WLD".equals(r.reporter()))
        .toList();
  }

  /** "Label (6 Jan 2026)" of another event, or its id when the warehouse does not list it. */
  static String eventName(ReportData data, String id) {
    return data.otherEvents().stream().filter(o -> o.id().equals(id)).findFirst()
        .map(o -> o.label() + " (" + Fmt.day(o.date()) + ")").orElse(id);
  }

  /** What the event treats, for sentences. */
  static String goods(Event event) {
    return event.instruments().contains("*") ? "dual-use goods" : "the goods this curb covers";
  }

  /** "Japan", or "the targeted destinations" when the diversion rows name several or none. */
  static String targetName(ReportData data) {
    List<String> targets = diversionRows(data, CHINA_EXPORTS).stream().filter(DiversionRow::routeTargeted)
        .map(r -> Fmt.countryInText(r.partner())).distinct().toList();
    return targets.size() == 1 ? targets.get(0) : "the targeted destinations";
  }

  static List<LocalDate> monthsBetween(LocalDate from, LocalDate to) {
    List<LocalDate> months = new ArrayList<>();
    for (LocalDate m = from; !m.isAfter(to); m = m.plusMonths(1)) {
      months.add(m);
    }
    return months;
  }

  static int indexOf(List<LocalDate> months, LocalDate month) {
    return month == null ? -1 : months.indexOf(month.withDayOfMonth(1));
  }

  static void legend(StringBuilder out, List<String[]> items) {
    out.append("<div class=\"legend\">");
    for (String[] item : items) {
      // item: label, color, style (line, dashed, box, dot)
      String style = item.length > 2 ? item[2] : "line";
      out.append("<span><span class=\"sw").append(style.equals("line") ? "" : " " + style)
          .append("\" style=\"").append(style.equals("box") ? "background:" : "border-color:").append(item[1])
          .append("\"></span>").append(e(item[0])).append("</span>");
    }
    out.append("</div>\n");
  }

  static void addEventMarks(LineChart chart, List<LocalDate> months, Event event) {
    int ev = indexOf(months, event.month());
    int ant = indexOf(months, event.anticipationMonth());
    if (ant >= 0 && (ev < 0 || ant < ev)) {
      chart.band(new LineChart.Band(ant, ev >= 0 ? ev : months.size() - 1, "Anticipation months"));
      chart.marker(new LineChart.Marker(ant, "Anticipation " + Fmt.month(event.anticipationMonth()), true, true));
    }
    if (ev >= 0) {
      chart.marker(new LineChart.Marker(ev, "In force " + Fmt.month(event.month()), false, false));
    }
  }

  static List<String> monthTicks(List<LocalDate> months) {
    int every = months.size() > 30 ? 3 : months.size() > 14 ? 2 : 1;
    List<String> ticks = new ArrayList<>();
    for (int i = 0; i < months.size(); i++) {
      LocalDate m = months.get(i);
      boolean show = every == 3 ? (m.getMonthValue() - 1) % 3 == 0 : i % every == 0;
      ticks.add(show ? Fmt.axisMonth(m) : "");
    }
    return ticks;
  }

  static void noData(StringBuilder out, String what) {
    out.append("<p class=\"note\">No data for ").append(e(what)).append(" in this warehouse.</p>\n");
  }

  static void dataTable(StringBuilder out, String summary, List<String> head, List<List<String>> rows) {
    out.append("<details><summary>").append(e(summary)).append("</summary>\n<div class=\"table-wrap\"><table><thead><tr>");
    for (String h : head) {
      out.append("<th>").append(e(h)).append("</th>");
    }
    out.append("</tr></thead><tbody>\n");
    for (List<String> row : rows) {
      out.append("<tr>");
      for (String cell : row) {
        out.append("<td>").append(e(cell)).append("</td>");
      }
      out.append("</tr>\n");
    }
    out.append("</tbody></table></div></details>\n");
  }

  static double mean(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
  }
}
