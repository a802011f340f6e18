package org.tradecurb.report;

import static org.tradecurb.report.HtmlReport.ALL;
import static org.tradecurb.report.HtmlReport.NON;
import static org.tradecurb.report.ReportParts.DUAL;
import static org.tradecurb.report.ReportParts.DUAL_LIGHT;
import static org.tradecurb.report.ReportParts.WIDTH;
import static org.tradecurb.report.ReportParts.e;
import static org.tradecurb.report.ReportParts.goods;
import static org.tradecurb.report.ReportParts.impact;
import static org.tradecurb.report.ReportParts.legend;
import static org.tradecurb.report.ReportParts.mean;
import static org.tradecurb.report.ReportParts.noData;
import static org.tradecurb.report.ReportParts.signClass;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.tradecurb.report.ReportData.Impact;

/** The change by dual-use category, as bars with their intervals. */
final class CategoriesSection {

  private CategoriesSection() {}

  private static List<Impact> categoryOrder(ReportData data) {
    List<Impact> ordered = new ArrayList<>();
    impact(data, ALL).ifPresent(ordered::add);
    data.impact().stream().filter(i -> !ALL.equals(i.category()) && !NON.equals(i.category()))
        .sorted(Comparator.comparing((Impact i) -> i.preValueUsd() == null ? 0.0 : i.preValueUsd()).reversed()
            .thenComparing(Impact::category))
        .forEach(ordered::add);
    impact(data, NON).ifPresent(ordered::add);
    return ordered;
  }

  static void render(StringBuilder out, ReportData data) {
    out.append("<section id=\"categories\">\n<h2>By category</h2>\n<p class=\"note\">China's exports to Japan ")
        .append("per dual-use category: the post window's monthly mean against the pre window's, and the post ")
        .append("months against the same months a year earlier. Non-dual-use goods are the reference.</p>\n");
    List<Impact> rows = categoryOrder(data);
    BarChart chart = new BarChart(WIDTH, List.of("Post vs pre window", "Year over year"), List.of(DUAL, DUAL_LIGHT),
        Fmt::signedPct, v -> (v > 0 ? "+" : "") + Fmt.number(v, v == Math.rint(v) ? 0 : 1) + "%");
    for (Impact i : rows) {
      chart.group(new BarChart.Group(Fmt.category(i.category()),
          java.util.Arrays.asList(i.valueChangePct(), i.yoyValueChangePct()),
          ALL.equals(i.category()) || NON.equals(i.category())));
    }
    out.append("<figure class=\"chart\" id=\"chart-categories\">\n");
    if (rows.isEmpty()) {
      noData(out, "the categories of this event");
      out.append("</figure>\n</section>\n");
      return;
    }
    legend(out, List.of(new String[] {"Post vs pre window", DUAL, "box"},
        new String[] {"Year over year", DUAL_LIGHT, "box"}));
    out.append(chart.render("Change in China's exports to Japan by category, post vs pre and year over year"))
        .append("\n</figure>\n");
    out.append("<div class=\"table-wrap\"><table><thead><tr><th>Category</th><th>Pre, US$/month</th>")
        .append("<th>Post, US$/month</th><th>Post vs pre</th><th>Year over year</th><th>Kilograms</th>")
        .append("<th>Unit value</th><th>DiD vs non-dual-use</th><th>DiD vs controls</th><th>Triple diff.</th>")
        .append("</tr></thead><tbody>\n");
    for (Impact i : rows) {
      boolean total = ALL.equals(i.category()) || NON.equals(i.category());
      out.append(total ? "<tr class=\"total\">" : "<tr>").append("<td>").append(e(Fmt.category(i.category())))
          .append("</td><td>").append(e(Fmt.usd(i.preValueUsd()))).append("</td><td>")
          .append(e(Fmt.usd(i.postValueUsd()))).append("</td>");
      for (Double v : java.util.Arrays.asList(i.valueChangePct(), i.yoyValueChangePct(), i.quantityChangePct(),
          i.unitValueChangePct(), i.didVsNonDualUse(), i.didVsControlDestinations(), i.didTriple())) {
        out.append("<td class=\"").append(signClass(v).strip()).append("\">").append(e(Fmt.signedPct(v)))
            .append("</td>");
      }
      out.append("</tr>\n");
    }
    out.append("</tbody></table></div>\n</section>\n");
  }
}
