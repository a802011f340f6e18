package org.tradecurb.report;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the report shows, as plain values collected from the gold tables: the renderer
 * ({@link HtmlReport}) needs no Spark, so it is tested on hand-made records. Nullable fields are the ones the
 * tables leave null (a ratio with a zero denominator, a window without data).
 *
 * @param event the curb (curb_events)
 * @param impact curb_impact rows of China's exports to Japan, one per category (treated categories,
 *     all_dual_use, non_dual_use)
 * @param monthly monthly_flows of China's exports to Japan, categories all_dual_use and non_dual_use
 * @param eventStudy event_study rows of China's exports to Japan, all_dual_use and non_dual_use
 * @param mirror mirror_flows_by_category, category all_dual_use
 * @param diversion diversion rows of the event, category all_dual_use
 * @param provenance where the figures come from
 * @param otherEvents the other curbs in curb_events, whose dates may fall inside this event's windows
 * @param placebos placebo_tests of China's exports to Japan, all_dual_use, did_vs_control_destinations
 */
public record ReportData(
    Event event,
    List<Impact> impact,
    List<Monthly> monthly,
    List<StudyPoint> eventStudy,
    List<Mirror> mirror,
    List<DiversionRow> diversion,
    Provenance provenance,
    List<Event> otherEvents,
    List<Placebo> placebos) {

  public ReportData {
    impact = List.copyOf(impact);
    monthly = List.copyOf(monthly);
    eventStudy = List.copyOf(eventStudy);
    mirror = List.copyOf(mirror);
    diversion = List.copyOf(diversion);
    otherEvents = List.copyOf(otherEvents);
    placebos = List.copyOf(placebos);
  }

  /** Without placebos. */
  public ReportData(Event event, List<Impact> impact, List<Monthly> monthly, List<StudyPoint> eventStudy,
      List<Mirror> mirror, List<DiversionRow> diversion, Provenance provenance, List<Event> otherEvents) {
    this(event, impact, monthly, eventStudy, mirror, diversion, provenance, otherEvents, List.of());
  }

  /** Without other events or placebos. */
  public ReportData(Event event, List<Impact> impact, List<Monthly> monthly, List<StudyPoint> eventStudy,
      List<Mirror> mirror, List<DiversionRow> diversion, Provenance provenance) {
    this(event, impact, monthly, eventStudy, mirror, diversion, provenance, List.of());
  }

  /** A row of curb_events. {@code anticipationDate} may be null. */
  public record Event(String id, String label, LocalDate date, LocalDate anticipationDate,
      List<String> destinations, List<String> instruments) {

    public Event {
      destinations = List.copyOf(destinations);
      instruments = List.copyOf(instruments);
    }

    public LocalDate month() {
      return date.withDayOfMonth(1);
    }

    public LocalDate anticipationMonth() {
      return anticipationDate == null ? null : anticipationDate.withDayOfMonth(1);
    }
  }

  /**
   * A curb_impact row (one route, one category). Percentages are percent: -55.0 is a 55% fall.
   * {@code postCappedBy}: the later overlapping event the post window stops before, or null. {@code intervals}:
   * the 95% intervals curb_impact carries beside its measures, by measure.
   */
  public record Impact(
      String category,
      LocalDate preStart,
      LocalDate preEnd,
      LocalDate postStart,
      LocalDate postEnd,
      String postCappedBy,
      long preMonthsObserved,
      long postMonthsObserved,
      boolean preWindowComplete,
      Double preValueUsd,
      Double postValueUsd,
      Double valueChangePct,
      Double yoyValueChangePct,
      long yoyMonths,
      Double quantityChangePct,
      Double unitValueChangePct,
      Double dlogValue,
      Double dlogQuantity,
      Double dlogUnitValue,
      Double didVsNonDualUse,
      Double didVsControlDestinations,
      Double didTriple,
      List<String> controlDestinations,
      long anticipationMonthsObserved,
      Double anticipationChangePct,
      Map<String, Interval> intervals) {

    public Impact {
      controlDestinations = List.copyOf(controlDestinations);
      intervals = Map.copyOf(intervals);
    }

    /** The 95% interval of a measure, by its curb_impact column name, where it was estimated. */
    public Optional<Interval> interval(String measure) {
      return Optional.ofNullable(intervals.get(measure));
    }
  }

  /** A measure's 95% confidence interval, in percent like the measure, and its p-value (may be null). */
  public record Interval(double low, double high, Double pValue) {}

  /**
   * A placebo_tests row: {@code test} is event_minus_6_months, event_minus_12_months, destination (a control
   * destination taken as the target) or target (the real target, ranked among them); percent and p-values may
   * be null where not estimated.
   */
  public record Placebo(String test, String destination, Double estimatePct, Double pValue, Integer targetRank,
      Integer ranked, Double permutationPValue) {}

  /** A monthly_flows row. */
  public record Monthly(LocalDate period, String category, double valueUsd, Double quantityKg,
      boolean splitFromCombined, double approximateShare, List<String> sources) {

    public Monthly {
      sources = List.copyOf(sources);
    }
  }

  /**
   * An event_study row. {@code window} is "pre", "post" or null; the coefficient against the control
   * destinations and its 95% band are in percent, null where not estimated.
   */
  public record StudyPoint(String category, int relativeMonth, LocalDate period, double valueUsd,
      Double valueIndex, Double quantityIndex, boolean anticipation, String window, Double coefPct,
      Double coefCiLow, Double coefCiHigh, Double preTrendPValue) {

    /** A month without an estimated coefficient. */
    public StudyPoint(String category, int relativeMonth, LocalDate period, double valueUsd, Double valueIndex,
        Double quantityIndex, boolean anticipation, String window) {
      this(category, relativeMonth, period, valueUsd, valueIndex, quantityIndex, anticipation, window, null, null,
          null, null);
    }
  }

  /** A mirror_flows_by_category row. */
  public record Mirror(LocalDate period, String category, Double chinaExportsUsd, Double japanImportsUsd,
      Double gapPct, Double adjustedGapPct, double cifFobMargin, boolean splitFromCombined) {}

  /**
   * A diversion row: {@code side} is china_exports_by_destination or target_imports_by_origin; for the first
   * {@code partner} is the destination, for the second {@code partner} is the origin of the target's imports.
   */
  public record DiversionRow(String side, String reporter, String partner, boolean routeTargeted,
      Double preValueUsd, Double postValueUsd, Double changeValueUsd, Double valueChangePct,
      Double changeQuantityKg, Double targetedLossKg, Double shareOfTargetedLoss, Integer rank,
      boolean namedDestination, boolean topMover) {}

  /**
   * Where the figures come from.
   *
   * @param warehouse the warehouse folder or URI
   * @param generatedAt when the report was made, as shown
   * @param builtFromSyntheticSamples true when the warehouse's ingested files are the synthetic samples
   *     (checksums match a folder whose README declares its data synthetic), false when they were checked
   *     and are not, null when it could not be checked
   */
  public record Provenance(String warehouse, String generatedAt, Boolean builtFromSyntheticSamples) {}
}
