package org.tradecurb.report;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.tradecurb.report.ReportData.DiversionRow;
import org.tradecurb.report.ReportData.Event;
import org.tradecurb.report.ReportData.Impact;
import org.tradecurb.report.ReportData.Mirror;
import org.tradecurb.report.ReportData.Monthly;
import org.tradecurb.report.ReportData.StudyPoint;

/**
 * Hand-made report records shaped like the sample warehouse: a ban in January 2026 anticipated in November
 * 2025, dual-use exports to Japan down by two thirds, a combined Jan+Feb 2025 release, diversion to Korea.
 */
final class ReportFixtures {

  static final String HOSTILE = "<script>alert(1)</script>";

  static final LocalDate EVENT_MONTH = LocalDate.of(2026, 1, 1);

  private ReportFixtures() {}

  static Event event(String label) {
    return new Event("jp_ban_2026", label, LocalDate.of(2026, 1, 6), LocalDate.of(2025, 11, 7), List.of("JPN"),
        List.of("*"));
  }

  static Impact impact(String category, Double pre, Double post, Double change, Double yoy, Double kg, Double unit,
      Double didNon, Double didControls, Double triple) {
    return impact(category, pre, post, change, yoy, kg, unit, didNon, didControls, triple, java.util.Map.of());
  }

  static Impact impact(String category, Double pre, Double post, Double change, Double yoy, Double kg, Double unit,
      Double didNon, Double didControls, Double triple, java.util.Map<String, ReportData.Interval> intervals) {
    return new Impact(category, LocalDate.of(2025, 7, 1), LocalDate.of(2025, 12, 1), EVENT_MONTH,
        LocalDate.of(2026, 9, 1), null, 6, 9, true, pre, post, change, yoy, 9, kg, unit, null, null, null, didNon,
        didControls, triple, List.of("DEU", "KOR", "TWN", "USA", "VNM"), 0, null, intervals);
  }

  /** The sample, with {@code extraCategory} (when not null) added as one more treated category. */
  static ReportData sample(String extraCategory) {
    List<Impact> impact = new ArrayList<>(List.of(
        impact("all_dual_use", 63_827_649.0, 20_614_256.0, -67.7, -60.6, -73.5, 22.0, -69.9, -71.5, -74.5,
            java.util.Map.of("value_change_pct", new ReportData.Interval(-74.2, -60.1, 0.0004),
                "did_triple", new ReportData.Interval(-83.0, -62.9, 0.001))),
        impact("non_dual_use", 201_891_412.0, 216_853_617.0, 7.4, 8.5, 6.5, 0.8, null, 11.8, null),
        impact("rare_earth_magnets", 37_021_706.0, 11_729_512.0, -68.3, -61.5, -73.8, 20.7, -70.5, -72.9, -75.7),
        impact("graphite", 11_164_712.0, 3_550_147.0, -68.2, -61.0, -73.6, 20.5, -70.4, -71.2, -74.2),
        impact("antimony", 6_577_212.0, 2_184_858.0, -66.8, -58.8, -72.0, 18.5, -69.1, -71.4, -74.4),
        impact("gallium_germanium", 3_857_128.0, 1_344_843.0, -65.1, -58.3, -71.9, 23.9, -67.5, -67.0, -70.5)));
    if (extraCategory != null) {
      impact.add(impact(extraCategory, 1_000_000.0, 400_000.0, -60.0, -55.0, -70.0, 33.3, -62.0, -63.0, -66.0));
    }

    List<Monthly> monthly = new ArrayList<>();
    List<Mirror> mirror = new ArrayList<>();
    for (LocalDate m = LocalDate.of(2024, 1, 1); !m.isAfter(LocalDate.of(2026, 9, 1)); m = m.plusMonths(1)) {
      boolean split = m.getYear() == 2025 && m.getMonthValue() <= 2;
      double season = m.getMonthValue() == 2 ? 0.8 : 1.0;
      double dual = 55e6 * season;
      if (!m.isBefore(LocalDate.of(2025, 11, 1)) && m.isBefore(EVENT_MONTH)) {
        dual *= 1.35;
      } else if (!m.isBefore(EVENT_MONTH)) {
        dual *= 0.37;
      }
      double non = 190e6 * season * (m.isBefore(EVENT_MONTH) ? 1 : 1.07);
      monthly.add(new Monthly(m, "all_dual_use", dual, dual / 12, split, 0.0, List.of("china_customs")));
      monthly.add(new Monthly(m, "non_dual_use", non, non / 9, split, 0.0, List.of("china_customs")));
      double adjusted = split ? (m.getMonthValue() == 1 ? 3.7 : -3.7) : 0.0;
      double japan = dual * 1.06 * (1 + adjusted / 100);
      mirror.add(new Mirror(m, "all_dual_use", dual, japan, 100 * (japan / dual - 1), adjusted, 0.06, split));
    }

    List<StudyPoint> study = new ArrayList<>();
    for (int r = -12; r <= 8; r++) {
      LocalDate period = EVENT_MONTH.plusMonths(r);
      String window = r >= -6 && r <= -1 ? "pre" : r >= 0 ? "post" : null;
      boolean anticipation = r == -2 || r == -1;
      double dual = anticipation ? 122 : r >= 0 ? 30 + r : 86;
      double non = r >= 0 ? 108 : 99;
      // Coefficients against the controls, normalised to month -3; the band is estimated from month -12.
      Double coef = r == -3 ? 0.0 : anticipation ? 35.0 : r >= 0 ? -60.0 + r : 1.5 * (r % 2);
      Double half = r == -3 ? 0.0 : 8.0;
      study.add(new StudyPoint("all_dual_use", r, period, dual * 638_276.49, dual, dual * 0.97, anticipation,
          window, coef, coef - half, coef + half, 0.42));
      study.add(new StudyPoint("non_dual_use", r, period, non * 2_018_914.12, non, non, anticipation, window));
    }

    List<DiversionRow> diversion = List.of(
        new DiversionRow("china_exports_by_destination", "CHN", "JPN", true, 63.8e6, 20.6e6, -43.2e6, -67.7,
            -4_243_444.0, 4_243_444.0, -1.0, null, false, false),
        new DiversionRow("china_exports_by_destination", "CHN", "KOR", false, 28.0e6, 45.9e6, 17.8e6, 63.6,
            1_475_031.0, 4_243_444.0, 0.348, 1, true, true),
        new DiversionRow("china_exports_by_destination", "CHN", "DEU", false, 15.5e6, 15.4e6, -92_161.0, -0.6,
            -15_839.0, 4_243_444.0, -0.004, 2, false, true),
        new DiversionRow("china_exports_by_destination", "CHN", "HKG", false, 19.8e6, 19.3e6, -484_929.0, -2.5,
            6_248.0, 4_243_444.0, 0.001, 6, true, true),
        new DiversionRow("target_imports_by_origin", "JPN", "HKG", false, 5.7e6, 5.8e6, 84_112.0, 1.5,
            -38_285.0, 4_243_444.0, -0.009, 1, true, true),
        new DiversionRow("target_imports_by_origin", "JPN", "WLD", false, 0.0, 0.0, 0.0, null, 0.0, 4_243_444.0,
            0.0, 2, false, true),
        new DiversionRow("target_imports_by_origin", "JPN", "USA", false, 11.3e6, 10.1e6, -1.17e6, -10.4,
            -29_201.0, 4_243_444.0, -0.007, 9, false, true));

    return new ReportData(event("Ban on dual-use exports to Japanese military users (MOFCOM Ann. 1 of 2026)"),
        impact, monthly, study, mirror, diversion,
        new ReportData.Provenance("/data/warehouse", "2026-11-28 12:00 UTC", Boolean.TRUE));
  }

  /** Every text field that comes from data set to markup, to check escaping end to end. */
  static ReportData hostile() {
    ReportData base = sample(HOSTILE);
    List<DiversionRow> diversion = new ArrayList<>(base.diversion());
    diversion.add(new DiversionRow("china_exports_by_destination", "CHN", "<b onmouseover=alert(3)>X</b>", false,
        1e6, 2e6, 1e6, 100.0, 10_000.0, 4_243_444.0, 0.002, 3, true, true));
    List<Monthly> monthly = base.monthly().stream()
        .map(m -> new Monthly(m.period(), m.category(), m.valueUsd(), m.quantityKg(), m.splitFromCombined(),
            m.approximateShare(), List.of("china_customs", "<iframe src=//evil>")))
        .toList();
    Event event = new Event("jp_ban_2026", "Ban <img src=x onerror=alert(2)> & \"quotes\" 'too'",
        LocalDate.of(2026, 1, 6), LocalDate.of(2025, 11, 7), List.of("JPN", "<svg onload=alert(4)>"),
        List.of("</style><script>alert(5)</script>"));
    return new ReportData(event, base.impact(), monthly, base.eventStudy(), base.mirror(), diversion,
        new ReportData.Provenance("/tmp/<wh>\"&'", "<now>", null));
  }
}
