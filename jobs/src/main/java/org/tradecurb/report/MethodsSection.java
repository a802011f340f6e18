package org.tradecurb.report;

import static org.tradecurb.report.HtmlReport.ALL;
import static org.tradecurb.report.ReportParts.e;
import static org.tradecurb.report.ReportParts.eventName;
import static org.tradecurb.report.ReportParts.goods;
import static org.tradecurb.report.ReportParts.impact;
import static org.tradecurb.report.ReportParts.mean;

import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.tradecurb.report.ReportData.Event;
import org.tradecurb.report.ReportData.Impact;
import org.tradecurb.report.ReportData.Mirror;
import org.tradecurb.report.ReportData.Monthly;

/** How the figures were made, and the caveats the data carry. */
final class MethodsSection {

  private MethodsSection() {}

  static void render(StringBuilder out, ReportData data) {
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
        Optional<Double> clean = SummarySection.preMeanWithoutAnticipation(data, a);
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
