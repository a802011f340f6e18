package org.tradecurb.report;

import static org.tradecurb.report.HtmlReport.ALL;
import static org.tradecurb.report.HtmlReport.NON;
import static org.tradecurb.report.ReportParts.CHINA_EXPORTS;
import static org.tradecurb.report.ReportParts.diversionRows;
import static org.tradecurb.report.ReportParts.e;
import static org.tradecurb.report.ReportParts.eventName;
import static org.tradecurb.report.ReportParts.goods;
import static org.tradecurb.report.ReportParts.impact;
import static org.tradecurb.report.ReportParts.signClass;
import static org.tradecurb.report.ReportParts.targetName;
import static org.tradecurb.report.ReportParts.targetsJapan;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.tradecurb.report.ReportData.DiversionRow;
import org.tradecurb.report.ReportData.Impact;
import org.tradecurb.report.ReportData.StudyPoint;

/**
 * The "What happened" section: the headline with its interval, the cards, and the findings as sentences. The
 * sentences that need more than a lookup (placebos, price and volume, the baseline before anticipation) are
 * functions of the report data alone.
 */
final class SummarySection {

  private SummarySection() {}

  /**
   * The placebo tests beside the DiD against the control destinations: the real target's rank among the control
   * destinations each taken as the target (a permutation p-value, whose floor is one over their number), and the
   * same estimate with the event moved back 6 and 12 months, when nothing happened. Empty without placebos.
   */
  static Optional<String> placeboFinding(List<ReportData.Placebo> placebos, String target) {
    Optional<ReportData.Placebo> ranking = placebos.stream().filter(p -> "target".equals(p.test())
        && p.targetRank() != null && p.ranked() != null && p.permutationPValue() != null).findFirst();
    List<String> shifts = new ArrayList<>();
    for (int months : List.of(6, 12)) {
      placebos.stream().filter(p -> ("event_minus_" + months + "_months").equals(p.test())
          && p.estimatePct() != null).findFirst().ifPresent(p -> shifts.add(Fmt.signedPct(p.estimatePct())
              + (p.pValue() == null ? "" : " (" + pText(p.pValue()) + ")") + " " + months + " months earlier"));
    }
    if (ranking.isEmpty() && shifts.isEmpty()) {
      return Optional.empty();
    }
    StringBuilder f = new StringBuilder("Placebo tests of that difference against the control destinations: ");
    ranking.ifPresent(r -> f.append("with each control destination taken in turn as the target, ").append(target)
        .append("'s effect ranks ").append(r.targetRank()).append(" of ").append(r.ranked())
        .append(" (permutation p = ").append(Fmt.number(r.permutationPValue(), 2))
        .append(r.targetRank() == 1 ? ", the smallest " + r.ranked() + " destinations allow)" : ")"));
    if (!shifts.isEmpty()) {
      f.append(ranking.isPresent() ? "; " : "").append("with the event moved back, ")
          .append(String.join(" and ", shifts));
    }
    return Optional.of(f.append('.').toString());
  }

  private static String pText(double p) {
    return p < 0.001 ? "p < 0.001" : "p = " + Fmt.number(p, p < 0.01 ? 3 : 2);
  }

  /** " (95% CI −62.0% to −47.0%)" where the measure has an interval, else nothing. */
  static String interval(Impact impact, String measure) {
    return impact.interval(measure).map(i -> " (95% CI " + Fmt.signedPct(i.low()) + " to "
        + Fmt.signedPct(i.high()) + ")").orElse("");
  }

  private static String verb(Double pct, String down, String up) {
    if (pct == null || !Double.isFinite(pct)) {
      return "changed by";
    }
    return pct < 0 ? down : pct > 0 ? up : "did not change";
  }

  private static void card(StringBuilder out, String key, Double pct, String sub) {
    out.append("<div class=\"card\"><div class=\"k\">").append(e(key)).append("</div><div class=\"v")
        .append(signClass(pct)).append("\">").append(e(Fmt.signedPct(pct))).append("</div><div class=\"s\">")
        .append(e(sub)).append("</div></div>\n");
  }

  /**
   * Mean monthly value of the pre window without its anticipation months, from the event study; empty unless
   * the study covers the whole pre window and some of its months are anticipation months.
   */
  static Optional<Double> preMeanWithoutAnticipation(ReportData data, Impact all) {
    List<StudyPoint> pre = data.eventStudy().stream()
        .filter(p -> ALL.equals(p.category()) && "pre".equals(p.window())).toList();
    if (pre.size() != all.preMonthsObserved() || pre.stream().noneMatch(StudyPoint::anticipation)) {
      return Optional.empty();
    }
    List<StudyPoint> clean = pre.stream().filter(p -> !p.anticipation()).toList();
    if (clean.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(clean.stream().mapToDouble(StudyPoint::valueUsd).average().orElse(Double.NaN));
  }

  /** "Nov–Dec 2025": the months between the anticipation month and the event month, outside the pre window. */
  static String anticipationMonths(Impact all) {
    return Fmt.monthRange(all.preEnd().plusMonths(1), all.postStart().minusMonths(1));
  }

  static void render(StringBuilder out, ReportData data) {
    out.append("<section id=\"summary\">\n<h2>What happened</h2>\n");
    Optional<Impact> allOpt = impact(data, ALL);
    if (allOpt.isEmpty()) {
      out.append("<p class=\"lead\">No China \u2192 Japan dual-use figures for this event.</p>\n<p class=\"note\">")
          .append("curb_impact has no row for China's exports to Japan (all_dual_use) under event ")
          .append(e(data.event().id())).append(": the warehouse may hold no months around it. Run ")
          .append("<code>tradecurb run</code> on data that cover the event.</p>\n</section>\n");
      return;
    }
    Impact all = allOpt.get();
    Optional<Impact> non = impact(data, NON);
    String controls = all.controlDestinations().isEmpty() ? "no control destination with data"
        : Fmt.countries(all.controlDestinations());

    out.append("<p class=\"lead\">China's exports of ").append(e(goods(data.event()))).append(" to Japan")
        .append(targetsJapan(data.event()) ? "" : ", a route this curb does not target,").append(' ')
        .append(e(verb(all.valueChangePct(), "fell", "rose"))).append(' ')
        .append(e(Fmt.absPct(all.valueChangePct()))).append(e(interval(all, "value_change_pct")))
        .append(" after the curb took effect");
    if (all.yoyValueChangePct() != null) {
      out.append(", and are ").append(e(Fmt.absPct(all.yoyValueChangePct()))).append(' ')
          .append(e(all.yoyValueChangePct() < 0 ? "below" : "above")).append(" the same months a year earlier")
          .append(e(interval(all, "yoy_value_change_pct")));
    }
    out.append(".</p>\n<div class=\"cards\">\n");
    card(out, "Value, post vs pre", all.valueChangePct(),
        Fmt.usd(all.preValueUsd()) + " \u2192 " + Fmt.usd(all.postValueUsd()) + " a month");
    card(out, "Year over year", all.yoyValueChangePct(), all.yoyMonths() + " post months vs a year earlier");
    card(out, "Volume (kg)", all.quantityChangePct(), "net weight, post vs pre");
    card(out, "Unit value (US$/kg)", all.unitValueChangePct(), "price per kg, post vs pre");
    card(out, "DiD vs non-dual-use", all.didVsNonDualUse(),
        "non-dual-use to Japan " + Fmt.signedPct(non.map(Impact::valueChangePct).orElse(null)));
    card(out, "DiD vs control destinations", all.didVsControlDestinations(),
        all.controlDestinations().isEmpty() ? "no control destination with data"
            : "same goods to " + String.join(", ", all.controlDestinations()));
    card(out, "Triple difference", all.didTriple(), "Japan-specific, net of world-wide tightening");
    Optional<Double> clean = preMeanWithoutAnticipation(data, all);
    Double cleanPct = clean.isPresent() && all.postValueUsd() != null && clean.get() > 0
        ? 100 * (all.postValueUsd() / clean.get() - 1) : null;
    // The anticipation months measured on their own: shown when the baseline does not already leave them out.
    boolean anticipationApart = cleanPct == null && all.anticipationMonthsObserved() > 0
        && all.anticipationChangePct() != null;
    if (cleanPct != null) {
      card(out, "Vs baseline before anticipation", cleanPct, "pre-window months before "
          + Fmt.month(data.event().anticipationMonth()) + ": " + Fmt.usd(clean.get()) + " a month");
    } else if (anticipationApart) {
      card(out, "Anticipation months", all.anticipationChangePct(), anticipationMonths(all)
          + " vs the pre window: brought forward, kept out of the baseline");
    } else {
      card(out, "Non-dual-use to Japan", non.map(Impact::valueChangePct).orElse(null), "post vs pre, the reference");
    }
    out.append("</div>\n<ul class=\"findings\">\n");

    out.append("<li>From a monthly average of <strong>").append(e(Fmt.usd(all.preValueUsd())))
        .append("</strong> in the ").append(all.preMonthsObserved()).append(" months before (")
        .append(e(Fmt.monthRange(all.preStart(), all.preEnd()))).append(") to <strong>")
        .append(e(Fmt.usd(all.postValueUsd()))).append("</strong> in the ").append(all.postMonthsObserved())
        .append(" months from ").append(e(Fmt.month(all.postStart()))).append(" (")
        .append(e(Fmt.monthRange(all.postStart(), all.postEnd())))
        .append(all.postCappedBy() == null ? "" : e(", stopping before " + eventName(data, all.postCappedBy())))
        .append("): ")
        .append(e(Fmt.signedPct(all.valueChangePct()))).append(". Year over year, comparing each post month with ")
        .append("the same month a year earlier (").append(all.yoyMonths()).append(" months): ")
        .append(e(Fmt.signedPct(all.yoyValueChangePct()))).append(".</li>\n");

    out.append("<li>Non-dual-use goods shipped to Japan over the same windows ");
    if (non.isPresent()) {
      out.append(e(verb(non.get().valueChangePct(), "fell", "rose"))).append(' ')
          .append(e(Fmt.absPct(non.get().valueChangePct())));
    } else {
      out.append("have no figure");
    }
    out.append("; against them, dual-use exports ").append(e(didWords(all.didVsNonDualUse())))
        .append(e(interval(all, "did_vs_non_dual_use")))
        .append(" (difference-in-differences). Against the same dual-use goods shipped to ").append(e(controls))
        .append(": ").append(e(Fmt.signedPct(all.didVsControlDestinations())))
        .append(e(interval(all, "did_vs_control_destinations")))
        .append(". The triple difference, which separates a Japan-specific curb from world-wide tightening, is ")
        .append(e(Fmt.signedPct(all.didTriple()))).append(e(interval(all, "did_triple"))).append(".</li>\n");
    placeboFinding(data.placebos(), targetName(data)).ifPresent(f -> out.append("<li>").append(e(f))
        .append("</li>\n"));

    out.append("<li>").append(e(priceVolume(all))).append("</li>\n");

    if (anticipationApart) {
      out.append("<li>Between the anticipation date (").append(e(Fmt.month(data.event().anticipationMonth())))
          .append(") and the event, ").append(e(anticipationMonths(all))).append(" shipped ")
          .append(e(Fmt.signedPct(all.anticipationChangePct()))).append(" against the pre window, which ends before ")
          .append("them: shipments brought forward are measured on their own and kept out of the baseline.</li>\n");
    }
    if (cleanPct != null) {
      out.append("<li>The pre window includes the anticipation months (from ")
          .append(e(Fmt.month(data.event().anticipationMonth())))
          .append("), when shipments may have been brought forward. Measured against the pre-window months ")
          .append("before anticipation alone (").append(e(Fmt.usd(clean.get()))).append(" a month), the change is ")
          .append(e(Fmt.signedPct(cleanPct))).append(".</li>\n");
    }

    List<DiversionRow> china = diversionRows(data, CHINA_EXPORTS);
    Optional<DiversionRow> gainer = china.stream().filter(r -> !r.routeTargeted())
        .filter(r -> r.shareOfTargetedLoss() != null && r.shareOfTargetedLoss() > 0)
        .max(Comparator.comparingDouble(DiversionRow::shareOfTargetedLoss));
    Double loss = china.stream().map(DiversionRow::targetedLossKg).filter(Objects::nonNull).findFirst().orElse(null);
    if (loss != null && loss > 0) {
      out.append("<li>China's exports of these goods to ").append(e(targetName(data))).append(" lost ")
          .append(e(Fmt.kg(loss))).append(" a month on average. ");
      if (gainer.isPresent()) {
        DiversionRow g = gainer.get();
        out.append("The largest gain went to ").append(e(Fmt.countryInText(g.partner()))).append(": ")
            .append(e(Fmt.signedKg(g.changeQuantityKg()))).append(" a month (")
            .append(e(Fmt.signedUsd(g.changeValueUsd()))).append("), ")
            .append(e(Fmt.absPct(g.shareOfTargetedLoss() * 100))).append(" of the lost volume.");
      } else {
        out.append("No other destination gained volume.");
      }
      out.append("</li>\n");
    }
    out.append("</ul>\n</section>\n");
  }

  private static String didWords(Double did) {
    if (did == null || !Double.isFinite(did)) {
      return "have no estimate";
    }
    return (did < 0 ? "fell " : "rose ") + Fmt.absPct(did);
  }

  /** The split of the value change into volume and price, in words. */
  static String priceVolume(Impact all) {
    Double q = all.quantityChangePct();
    Double p = all.unitValueChangePct();
    if (q == null || p == null || !Double.isFinite(q) || !Double.isFinite(p)) {
      return "Volume and price cannot be separated: kilograms are missing in one of the windows.";
    }
    String head = "Kilograms " + verb(q, "fell", "rose") + " " + Fmt.absPct(q) + " while the unit value "
        + verb(p, "fell", "rose") + " " + Fmt.absPct(p) + ": ";
    Double v = all.valueChangePct();
    String tail;
    if (v != null && v < 0 && q < 0 && p > 0) {
      tail = "the fall is in volume, and higher prices hide part of it \u2014 value alone understates the cut.";
    } else if (v != null && v < 0 && q < 0 && p <= 0) {
      tail = "both volume and prices fell.";
    } else if (v != null && v < 0 && q >= 0) {
      tail = "the fall in value is a fall in price, not in volume.";
    } else if (v != null && v >= 0 && q < 0) {
      tail = "higher prices more than offset a smaller volume \u2014 value alone hides the cut.";
    } else {
      tail = "volume and price moved together.";
    }
    return head + tail + " (\u0394ln value = \u0394ln kg + \u0394ln unit value.)";
  }
}
