package org.tradecurb.report;

import static org.tradecurb.report.ReportParts.CHINA_EXPORTS;
import static org.tradecurb.report.ReportParts.TARGET_IMPORTS;
import static org.tradecurb.report.ReportParts.diversionRows;
import static org.tradecurb.report.ReportParts.e;
import static org.tradecurb.report.ReportParts.goods;
import static org.tradecurb.report.ReportParts.noData;
import static org.tradecurb.report.ReportParts.signClass;
import static org.tradecurb.report.ReportParts.targetName;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.tradecurb.report.ReportData.DiversionRow;

/** Diversion: where the trade the curb stopped went, against each destination's own counterfactual. */
final class DiversionSection {

  private DiversionSection() {}

  static void render(StringBuilder out, ReportData data) {
    out.append("<section id=\"diversion\">\n<h2>Where the trade went: diversion</h2>\n")
        .append("<p class=\"note\">China's exports of the treated goods by destination, and the targeted ")
        .append("destination's imports of them from other origins: monthly means, pre vs post window. The share ")
        .append("is each destination's change in kilograms over the kilograms China's exports to the target ")
        .append("lost; the largest movers and the destinations named in the settings are listed.</p>\n");
    List<DiversionRow> china = diversionRows(data, CHINA_EXPORTS);
    List<DiversionRow> imports = diversionRows(data, TARGET_IMPORTS);
    if (china.isEmpty() && imports.isEmpty()) {
      noData(out, "diversion");
      out.append("</section>\n");
      return;
    }
    Double loss = data.diversion().stream().map(DiversionRow::targetedLossKg).filter(Objects::nonNull).findFirst()
        .orElse(null);
    String target = targetName(data);
    if (loss != null) {
      out.append("<p>China's exports of these goods to ").append(e(target)).append(' ')
          .append(e(loss > 0 ? "fell" : "did not fall")).append(loss > 0 ? " by <strong>" : " (")
          .append(e(Fmt.kg(Math.abs(loss)))).append(loss > 0 ? "</strong> a month on average." : " a month).");
      double listed = china.stream().filter(r -> !r.routeTargeted() && r.shareOfTargetedLoss() != null)
          .mapToDouble(DiversionRow::shareOfTargetedLoss).sum();
      if (loss > 0 && china.stream().anyMatch(r -> !r.routeTargeted())) {
        out.append(" Net of their own changes, the other destinations listed below gained ")
            .append(e(Fmt.signedPct(listed * 100))).append(" of that volume");
        double back = imports.stream().filter(r -> r.changeQuantityKg() != null)
            .mapToDouble(DiversionRow::changeQuantityKg).sum();
        if (!imports.isEmpty()) {
          out.append("; ").append(e(target)).append("'s imports of them from other origins changed by ")
              .append(e(Fmt.signedKg(back)))
              .append(" a month (").append(e(Fmt.signedPct(100 * back / loss))).append(" of it)");
        }
        out.append('.');
      }
      out.append("</p>\n");
    }
    out.append("<h3>China's exports of the treated goods, by destination</h3>\n");
    diversionTable(out, china, "Destination");
    if (!imports.isEmpty()) {
      List<String> importers = imports.stream().map(r -> Fmt.countryInText(r.reporter())).distinct().toList();
      String whose = importers.size() == 1 ? importers.get(0) + "'s" : "The targets'";
      out.append("<h3>").append(e(Character.toUpperCase(whose.charAt(0)) + whose.substring(1)))
          .append(" imports of the same goods from other origins</h3>\n");
      diversionTable(out, imports, "Origin");
    }
    out.append("</section>\n");
  }

  private static void diversionTable(StringBuilder out, List<DiversionRow> rows, String partnerHead) {
    List<DiversionRow> shown = rows.stream()
        .filter(r -> r.routeTargeted() || r.topMover() || r.namedDestination())
        .sorted(Comparator.comparing((DiversionRow r) -> !r.routeTargeted())
            .thenComparing(r -> r.rank() == null ? Integer.MAX_VALUE : r.rank())
            .thenComparing(DiversionRow::partner))
        .toList();
    if (shown.isEmpty()) {
      out.append("<p class=\"note\">No rows.</p>\n");
      return;
    }
    boolean importers = shown.stream().map(DiversionRow::reporter).distinct().count() > 1;
    out.append("<div class=\"table-wrap\"><table><thead><tr><th>").append(e(partnerHead)).append("</th>");
    if (importers) {
      out.append("<th>Importer</th>");
    }
    out.append("<th>Pre, US$/month</th><th>Post, US$/month</th><th>Change, US$/month</th>")
        .append("<th>Change</th><th>Change, kg/month</th><th>Share of the lost volume</th></tr></thead><tbody>\n");
    for (DiversionRow r : shown) {
      out.append(r.routeTargeted() ? "<tr class=\"targeted\">" : "<tr>").append("<td>")
          .append(e(Fmt.countryWithCode(r.partner())));
      if (r.routeTargeted()) {
        out.append("<span class=\"tag target\">targeted</span>");
      } else if (r.namedDestination()) {
        out.append("<span class=\"tag\">named</span>");
      }
      out.append("</td>");
      if (importers) {
        out.append("<td>").append(e(Fmt.country(r.reporter()))).append("</td>");
      }
      out.append("<td>").append(e(Fmt.usd(r.preValueUsd()))).append("</td><td>").append(e(Fmt.usd(r.postValueUsd())))
          .append("</td><td>").append(e(Fmt.signedUsd(r.changeValueUsd()))).append("</td><td class=\"")
          .append(signClass(r.valueChangePct()).strip()).append("\">").append(e(Fmt.signedPct(r.valueChangePct())))
          .append("</td><td>").append(e(Fmt.signedKg(r.changeQuantityKg()))).append("</td><td class=\"share\">");
      if (r.routeTargeted()) {
        out.append("<span class=\"note\">the lost volume</span>");
      } else if (r.shareOfTargetedLoss() == null) {
        out.append(e(Fmt.NA));
      } else {
        double share = r.shareOfTargetedLoss();
        // 100% of the lost volume = 60 px, so bars compare across tables.
        double width = Math.min(60, 60 * Math.abs(share));
        out.append("<span class=\"bar").append(share < 0 ? " negative" : "").append("\" style=\"width:")
            .append(Svg.n(Math.max(width, 1))).append("px\"></span>").append(e(Fmt.signedPct(share * 100)));
      }
      out.append("</td></tr>\n");
    }
    out.append("</tbody></table></div>\n");
  }
}
