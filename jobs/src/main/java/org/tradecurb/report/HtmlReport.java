package org.tradecurb.report;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.tradecurb.report.ReportData.DiversionRow;
import org.tradecurb.report.ReportData.Event;
import org.tradecurb.report.ReportData.Impact;
import org.tradecurb.report.ReportData.Mirror;
import org.tradecurb.report.ReportData.Monthly;
import org.tradecurb.report.ReportData.StudyPoint;

/**
 * The report as one self-contained HTML page: styles, the one small script and every chart (inline SVG drawn
 * here) are in the file, and a Content-Security-Policy forbids any network fetch. Pure: the same records
 * give the same page, and every text that comes from data passes through {@link Html#escape}.
 */
public final class HtmlReport {

  public static final String ALL = "all_dual_use";
  public static final String NON = "non_dual_use";
  static final String CHINA_EXPORTS = "china_exports_by_destination";
  static final String TARGET_IMPORTS = "target_imports_by_origin";

  /** The ids of the chart containers, in page order: each holds at least one SVG when it has data. */
  public static final List<String> CHARTS = List.of("chart-monthly", "chart-categories", "chart-event-study",
      "chart-mirror");

  static final String DUAL = "#c8553d";
  static final String DUAL_LIGHT = "#f2a65a";
  static final String NON_COLOR = "#2f6690";
  static final String JAPAN_COLOR = "#d08c1f";
  static final String GREY = "#8a94a3";

  private static final int WIDTH = 960;

  /** Catches script errors and blocked loads into the page (data-report-errors), and marks it ready. */
  static final String SCRIPT = """
      (function () {
        var root = document.documentElement, errors = [];
        function note(message) {
          errors.push(String(message));
          root.setAttribute('data-report-errors', String(errors.length));
          flush();
        }
        function flush() {
          var list = document.getElementById('report-errors');
          if (!list) { return; }
          while (list.childNodes.length < errors.length) {
            var item = document.createElement('li');
            item.textContent = errors[list.childNodes.length];
            list.appendChild(item);
          }
          if (errors.length) { list.hidden = false; }
        }
        window.addEventListener('error', function (e) {
          note('error: ' + (e.message || (e.target && e.target.tagName) || 'unknown'));
        }, true);
        window.addEventListener('unhandledrejection', function (e) { note('unhandled rejection: ' + e.reason); });
        document.addEventListener('securitypolicyviolation', function (e) {
          note('blocked by the page policy: ' + e.violatedDirective + ' ' + e.blockedURI);
        });
        window.addEventListener('load', function () {
          flush();
          var charts = document.querySelectorAll('figure.chart');
          var drawn = 0;
          for (var i = 0; i < charts.length; i++) {
            if (charts[i].querySelector('svg path, svg rect')) { drawn++; }
          }
          root.setAttribute('data-charts-drawn', String(drawn));
          root.setAttribute('data-page-height', String(Math.ceil(root.scrollHeight)));
          root.setAttribute('data-report-ready', '1');
        });
      })();
      """;

  private HtmlReport() {}

  private static String e(String text) {
    return Html.escape(text);
  }

  /** The whole page. */
  public static String render(ReportData data) {
    Objects.requireNonNull(data.event(), "event");
    Objects.requireNonNull(data.provenance(), "provenance");
    StringBuilder out = new StringBuilder(200_000);
    Event event = data.event();
    out.append("<!DOCTYPE html>\n<html lang=\"en\" data-report-ready=\"0\" data-report-errors=\"0\">\n<head>\n")
        .append("<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; ")
        .append("script-src '").append(scriptHash()).append("'; img-src data:; base-uri 'none'; form-action 'none'\">\n")
        .append("<meta name=\"generator\" content=\"tradecurb report\">\n")
        .append("<link rel=\"icon\" href=\"data:,\">\n")
        .append("<title>").append(e("China \u2192 Japan dual-use trade: " + event.label())).append("</title>\n")
        .append("<style>\n").append(ReportStyle.CSS).append("</style>\n")
        .append("<script>").append(SCRIPT).append("</script>\n")
        .append("</head>\n<body>\n<main>\n");
    header(out, data);
    summary(out, data);
    monthly(out, data);
    categories(out, data);
    eventStudy(out, data);
    mirror(out, data);
    diversion(out, data);
    methods(out, data);
    out.append("<footer>Generated by <code>tradecurb report</code> on ").append(e(data.provenance().generatedAt()))
        .append(" from the warehouse <code>").append(e(data.provenance().warehouse())).append("</code> (tables ")
        .append("curb_events, curb_impact, monthly_flows, event_study, mirror_flows_by_category, diversion).")
        .append("</footer>\n<ol id=\"report-errors\" hidden></ol>\n</main>\n</body>\n</html>\n");
    return out.toString();
  }

  /** The CSP source of the inline script: 'sha256-…' of its exact text. */
  static String scriptHash() {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(SCRIPT.getBytes(StandardCharsets.UTF_8));
      return "sha256-" + Base64.getEncoder().encodeToString(digest);
    } catch (NoSuchAlgorithmException ex) {
      throw new IllegalStateException(ex);
    }
  }

  // ---------------------------------------------------------------------------------------------- header

  private static boolean targetsJapan(Event event) {
    return event.destinations().contains("JPN") || event.destinations().contains("ALL");
  }

  private static void header(StringBuilder out, ReportData data) {
    Event ev = data.event();
    out.append("<header class=\"top\">\n<div class=\"kicker\">tradecurb report \u00b7 event ").append(e(ev.id()))
        .append("</div>\n<h1>China \u2192 Japan trade in dual-use goods</h1>\n<p class=\"subtitle\"><strong>")
        .append(e(ev.label())).append("</strong>. In force from ").append(e(Fmt.day(ev.date())));
    if (ev.anticipationDate() != null) {
      out.append("; anticipated from ").append(e(Fmt.day(ev.anticipationDate())));
    }
    out.append(". Targets ").append(e(ev.destinations().contains("ALL") ? "every destination"
        : Fmt.countries(ev.destinations()))).append("; treats ")
        .append(e(ev.instruments().contains("*") ? "every code of the dual-use catalogue"
            : "the codes of " + String.join(", ", ev.instruments()))).append(".");
    if (!targetsJapan(ev)) {
      out.append(" Japan is not a target of this curb: the China \u2192 Japan figures below show a route it "
          + "does not target.");
    }
    out.append("</p>\n</header>\n");
    if (Boolean.TRUE.equals(data.provenance().builtFromSyntheticSamples())) {
      out.append("<div class=\"banner\" role=\"note\"><strong>Synthetic sample data.</strong> This warehouse was ")
          .append("built from <code>data-samples/</code>: every figure below was made up by <code>tradecurb ")
          .append("generate</code>, with known effects planted to check the pipeline. They are not trade ")
          .append("statistics; do not cite them.</div>\n");
    }
  }

  // --------------------------------------------------------------------------------------------- summary

  private static Optional<Impact> impact(ReportData data, String category) {
    return data.impact().stream().filter(i -> category.equals(i.category())).findFirst();
  }

  /** " (95% CI −62.0% to −47.0%)" where the measure has an interval, else nothing. */
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

  private static String signClass(Double v) {
    return v == null || !Double.isFinite(v) || Math.abs(v) < 0.05 ? "" : v < 0 ? " neg" : " pos";
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

  private static List<DiversionRow> diversionRows(ReportData data, String side) {
    return data.diversion().stream()
        .filter(r -> side.equals(r.side()) && !"WLD".equals(r.partner()) && !"WLD".equals(r.reporter()))
        .toList();
  }

  private static void summary(StringBuilder out, ReportData data) {
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

  // -------------------------------------------------------------------------------------- monthly chart

  private static List<LocalDate> monthsBetween(LocalDate from, LocalDate to) {
    List<LocalDate> months = new ArrayList<>();
    for (LocalDate m = from; !m.isAfter(to); m = m.plusMonths(1)) {
      months.add(m);
    }
    return months;
  }

  private static int indexOf(List<LocalDate> months, LocalDate month) {
    return month == null ? -1 : months.indexOf(month.withDayOfMonth(1));
  }

  private static void legend(StringBuilder out, List<String[]> items) {
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

  private static void addEventMarks(LineChart chart, List<LocalDate> months, Event event) {
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

  private static List<String> monthTicks(List<LocalDate> months) {
    int every = months.size() > 30 ? 3 : months.size() > 14 ? 2 : 1;
    List<String> ticks = new ArrayList<>();
    for (int i = 0; i < months.size(); i++) {
      LocalDate m = months.get(i);
      boolean show = every == 3 ? (m.getMonthValue() - 1) % 3 == 0 : i % every == 0;
      ticks.add(show ? Fmt.axisMonth(m) : "");
    }
    return ticks;
  }

  private static void noData(StringBuilder out, String what) {
    out.append("<p class=\"note\">No data for ").append(e(what)).append(" in this warehouse.</p>\n");
  }

  private static void monthly(StringBuilder out, ReportData data) {
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

  private static void dataTable(StringBuilder out, String summary, List<String> head, List<List<String>> rows) {
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

  // ----------------------------------------------------------------------------------------- categories

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

  private static void categories(StringBuilder out, ReportData data) {
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

  // ---------------------------------------------------------------------------------------- event study

  private static void eventStudy(StringBuilder out, ReportData data) {
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
    legend(out, List.of(new String[] {"Dual-use value vs control destinations, % (0 = last month before "
        + "anticipation)", DUAL}, new String[] {"95% confidence band", "#f3cfc6", "box"}));
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

  // --------------------------------------------------------------------------------------------- mirror

  private static void mirror(StringBuilder out, ReportData data) {
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

  private static double mean(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
  }

  // ------------------------------------------------------------------------------------------ diversion

  private static void diversion(StringBuilder out, ReportData data) {
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

  // -------------------------------------------------------------------------------------------- methods

  private static void methods(StringBuilder out, ReportData data) {
    Event event = data.event();
    Optional<Impact> all = impact(data, ALL);
    out.append("<section id=\"methods\">\n<h2>Methods and caveats</h2>\n<dl class=\"methods\">\n");
    if (all.isPresent()) {
      Impact a = all.get();
      out.append("<dt>Windows</dt><dd>Pre window ").append(e(Fmt.monthRange(a.preStart(), a.preEnd())))
          .append(" (").append(a.preMonthsObserved()).append(" published months), post window ")
          .append(e(Fmt.monthRange(a.postStart(), a.postEnd()))).append(" (").append(a.postMonthsObserved())
          .append(" published months, from the event month ");
      if (a.postCappedBy() != null) {
        out.append("to the month before ").append(e(eventName(data, a.postCappedBy())))
            .append(", a later curb on overlapping goods, so that its effect does not leak in)");
      } else {
        out.append("to the last published one)");
      }
      out.append(". Changes compare monthly means; year-over-year compares the post months with the same months ")
          .append("a year earlier.</dd>\n");
    }
    out.append("<dt>Price and volume</dt><dd>\u0394ln value = \u0394ln kilograms + \u0394ln unit value: ")
        .append("a value change is split into a change in net weight and a change in value per kilogram.</dd>\n")
        .append("<dt>Difference-in-differences</dt><dd>The change in log monthly means of dual-use exports to ")
        .append("Japan minus the same for a control group: non-dual-use goods to Japan, or the same goods to the ")
        .append("control destinations (")
        .append(e(all.map(a -> a.controlDestinations().isEmpty() ? "none with data"
            : Fmt.countries(a.controlDestinations())).orElse(Fmt.NA)))
        .append("). The triple difference subtracts both; each is shown as the implied percent effect, ")
        .append("100 \u00d7 (exp(\u0394) \u2212 1).</dd>\n")
        .append("<dt>Event study</dt><dd>Each month's value divided by the pre-window monthly mean, \u00d7 100, ")
        .append("for relative months around the event month");
    if (event.anticipationDate() != null) {
      out.append("; months from the anticipation date (").append(e(Fmt.day(event.anticipationDate())))
          .append(") to the event are shaded");
    }
    out.append(".</dd>\n<dt>Mirror flows</dt><dd>China's exports to Japan are valued FOB (at China's border), ")
        .append("Japan's imports from China CIF (including freight and insurance), so Japan's figure is expected ")
        .append("to be higher by the CIF/FOB margin.</dd>\n")
        .append("<dt>Diversion</dt><dd>Share of lost volume = a destination's change in mean monthly kilograms ")
        .append("\u00f7 the kilograms China's exports to the target lost. Gains elsewhere are consistent with ")
        .append("diversion but do not prove it.</dd>\n");
    Set<String> sources = new LinkedHashSet<>();
    data.monthly().forEach(m -> sources.addAll(m.sources()));
    if (!sources.isEmpty()) {
      out.append("<dt>Sources</dt><dd>China's exports to Japan come from ").append(e(String.join(", ", sources)))
          .append(" (first source in the configured precedence that has each line; sources are never added).")
          .append("</dd>\n");
    }
    out.append("</dl>\n<h3>Caveats</h3>\n<ul class=\"caveats\">\n");

    Boolean synthetic = data.provenance().builtFromSyntheticSamples();
    out.append("<li><strong>The sample data are synthetic.</strong> The files in <code>data-samples/</code> were ")
        .append("made up by <code>tradecurb generate</code> in the real publication formats, with known effects ")
        .append("planted; no value or quantity in them is an observation. ");
    if (Boolean.TRUE.equals(synthetic)) {
      out.append("This warehouse was built from them, so every figure in this report is synthetic.");
    } else if (Boolean.FALSE.equals(synthetic)) {
      out.append("The files this warehouse ingested do not match them; still check the inputs before citing.");
    } else {
      out.append("Whether this warehouse was built from them could not be checked: if it was, every figure here ")
          .append("is synthetic.");
    }
    out.append("</li>\n");

    double approxValue = 0;
    double dualValue = 0;
    for (Monthly m : data.monthly()) {
      if (ALL.equals(m.category())) {
        dualValue += m.valueUsd();
        approxValue += m.valueUsd() * m.approximateShare();
      }
    }
    out.append("<li><strong>HS6 approximations.</strong> Japan's 9-digit lines and Comtrade's HS6 lines are ")
        .append("matched to the control lists only at HS6, and an HS6 subheading also holds goods that are not ")
        .append("controlled: figures from them overstate dual-use trade. Subheadings and lines of which the ")
        .append("controlled goods are only a small part are left out of the dual-use totals and shown apart, as ")
        .append("broad lines (sensitivity). ");
    if (dualValue > 0) {
      out.append("Of China's dual-use exports to Japan charted here, ").append(e(Fmt.number(100 * approxValue
          / dualValue, 1))).append("% of the value was tagged by an approximate (HS6 or partial national) match.");
    }
    out.append("</li>\n");

    TreeSet<LocalDate> split = new TreeSet<>();
    data.monthly().stream().filter(Monthly::splitFromCombined).forEach(m -> split.add(m.period()));
    data.mirror().stream().filter(Mirror::splitFromCombined).forEach(m -> split.add(m.period()));
    out.append("<li><strong>Combined January+February releases.</strong> China Customs sometimes publishes ")
        .append("January and February together; such a figure is split evenly over the two months, so neither ")
        .append("month is an observation on its own (hollow dots in the charts). ");
    if (split.isEmpty()) {
      out.append("No charted month here is split.");
    } else {
      out.append("Split here: ").append(e(split.stream().map(Fmt::month).collect(Collectors.joining(", "))))
          .append('.');
    }
    out.append("</li>\n");

    double margin = data.mirror().isEmpty() ? Double.NaN : data.mirror().get(0).cifFobMargin();
    out.append("<li><strong>CIF and FOB.</strong> China reports exports FOB, Japan imports CIF. The adjusted ")
        .append("mirror gap removes a flat margin");
    if (Double.isFinite(margin)) {
      out.append(" of ").append(e(Fmt.number(margin * 100, 1))).append('%');
    }
    out.append("; real margins vary by good, route and freight rates (about 5\u20136% on average), and shipping ")
        .append("lags move goods between months.</li>\n");

    all.ifPresent(a -> {
      LocalDate ant = event.anticipationMonth();
      if (ant != null && a.preEnd() != null && !a.preEnd().isBefore(ant)) {
        out.append("<li><strong>Anticipation inside the baseline.</strong> The pre window runs to ")
            .append(e(Fmt.month(a.preEnd()))).append(" and so includes the months after the curb was announced, ")
            .append("when buyers may have brought shipments forward and raised the baseline.");
        Optional<Double> clean = preMeanWithoutAnticipation(data, a);
        if (clean.isPresent() && clean.get() > 0 && a.postValueUsd() != null) {
          out.append(" Against the pre-window months before anticipation alone the change is ")
              .append(e(Fmt.signedPct(100 * (a.postValueUsd() / clean.get() - 1)))).append(" instead of ")
              .append(e(Fmt.signedPct(a.valueChangePct()))).append('.');
        }
        out.append(" Set <code>impact.pre-window-before-anticipation = true</code> to end the pre window before ")
            .append("anticipation.</li>\n");
      }
      List<Event> inside = data.otherEvents().stream()
          .filter(o -> o.date() != null && a.preStart() != null && a.postEnd() != null
              && !o.month().isBefore(a.preStart()) && !o.month().isAfter(a.postEnd()))
          .toList();
      if (!inside.isEmpty()) {
        out.append("<li><strong>Other curbs inside the windows.</strong> ")
            .append(e(inside.stream().map(o -> o.label() + " (" + Fmt.day(o.date()) + ")")
                .collect(Collectors.joining("; "))))
            .append(inside.size() == 1 ? " falls" : " fall").append(" between ")
            .append(e(Fmt.month(a.preStart()))).append(" and ").append(e(Fmt.month(a.postEnd())))
            .append(inside.size() == 1 ? ": where it covers the same goods, its effect mixes with this one's."
                : ": where they cover the same goods, their effects mix with this one's.").append("</li>\n");
      }
      if (!a.preWindowComplete()) {
        out.append("<li><strong>Incomplete pre window.</strong> Only ").append(a.preMonthsObserved())
            .append(" months of the pre window are published.</li>\n");
      }
    });
    out.append("<li><strong>Association, not proof.</strong> The estimates compare windows around the event date; ")
        .append("anything else that moved these goods in the same months (prices, demand, other controls) moves ")
        .append("them too. The difference-in-differences helps only as far as the control groups would have ")
        .append("moved like the treated trade.</li>\n");
    out.append("</ul>\n</section>\n");
  }
}
