package org.tradecurb.impact;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The curb_impact measures re-estimated with their uncertainty, on the code x destination x month panel of one
 * event, origin and flow: each is a {@link PoissonRegression} whose coefficient is the log change, so that on a
 * balanced panel it equals the 2x2 difference of log window means curb_impact reports, and whose standard error
 * is clustered by product code. Also the event-study leads and lags against the control destinations, their joint
 * pre-trend test, and the placebos: the event moved back, and each control destination taken as the target.
 */
public final class CurbEstimator {

  public static final String METHOD = "ppml_code_fe_cluster_code";
  public static final String VALUE_CHANGE = "value_change_pct";
  public static final String YOY = "yoy_value_change_pct";
  public static final String DID_NON_DUAL_USE = "did_vs_non_dual_use";
  public static final String DID_CONTROLS = "did_vs_control_destinations";
  public static final String DID_TRIPLE = "did_triple";
  public static final String EVENT_STUDY = "event_study";
  public static final String PRE_TREND = "pre_trend";
  public static final List<String> MEASURES = List.of(VALUE_CHANGE, YOY, DID_NON_DUAL_USE, DID_CONTROLS, DID_TRIPLE);
  /** How far back the time placebos move the event. */
  public static final List<Integer> PLACEBO_SHIFTS = List.of(6, 12);

  private CurbEstimator() {}

  /**
   * One month of one code to one destination. Non-dual-use codes come as one series (code
   * {@link Categories#NON_DUAL_USE}), so in the regressions they are a single cluster. {@code windowMonth} is the
   * month whose window the observation falls in: the last month of a combined release, else its own.
   */
  public record Observation(String destination, String category, String code, int month, double value,
      int windowMonth) implements Serializable {

    public Observation(String destination, String category, String code, int month, double value) {
      this(destination, category, code, month, value, month);
    }
  }

  /**
   * A destination's windows as month indices (year*12 + month-1): pre and post inclusive, the event month
   * (post start) and the anticipation month (the event month when there is none).
   */
  public record Windows(int preStart, int preEnd, int postStart, int postEnd, int anticipation)
      implements Serializable {

    String window(int month) {
      if (month >= preStart && month <= preEnd) {
        return "pre";
      }
      return month >= postStart && month <= postEnd ? "post" : null;
    }

    /** The post window cut to its first {@code months} months. */
    Windows firstPostMonths(int months) {
      return new Windows(preStart, preEnd, postStart, Math.min(postEnd, postStart + months - 1), anticipation);
    }

    /**
     * The event moved back: windows shifted, the post window stopped where the real event or its anticipation
     * could show (at the end of the real pre window, before the anticipation month).
     */
    Windows shiftedBack(int months) {
      return new Windows(preStart - months, preEnd - months, postStart - months,
          Math.min(postEnd - months, Math.min(preEnd, anticipation - 1)), anticipation - months);
    }
  }

  /** A log-scale estimate; NaN where it is not identified. relativeMonth only for event-study rows. */
  public record Estimate(String measure, Integer relativeMonth, double estimate, double stdError, double ciLow,
      double ciHigh, double pValue, double tStatistic, int observations, int clusters) implements Serializable {

    Estimate named(String name) {
      return new Estimate(name, relativeMonth, estimate, stdError, ciLow, ciHigh, pValue, tStatistic, observations,
          clusters);
    }

    static Estimate of(String measure, Integer relativeMonth, PoissonRegression.Fit fit, int j) {
      double[] ci = fit.interval(j);
      return new Estimate(measure, relativeMonth, fit.coefficients()[j], fit.standardError(j), ci[0], ci[1],
          fit.pValue(j), fit.tStatistic(j), fit.observations(), fit.clusters());
    }
  }

  /** A placebo estimate: test is the placebo's name, destination the pseudo-target for destination placebos. */
  public record Placebo(String test, String destination, Estimate estimate) implements Serializable {}

  /** The five measures for the target destination and category. */
  public static List<Estimate> measures(List<Observation> panel, Map<String, Windows> windows, String target,
      Collection<String> controls, String category) {
    List<Estimate> out = new ArrayList<>();
    out.add(valueChange(panel, windows, target, category));
    out.add(yearOnYear(panel, windows, target, category));
    out.add(didNonDualUse(panel, windows, target, category));
    out.add(didControls(panel, windows, target, controls, category));
    out.add(didTriple(panel, windows, target, controls, category));
    return out;
  }

  /**
   * The measures of {@link CurbImpact#HORIZON_MEASURES} over the first {@code h} post months of each of
   * {@link CurbImpact#HORIZONS} the target's post window holds, named as curb_impact names them
   * ({@code value_change_pct_3m}): every destination's post window cut to its first {@code h} months.
   */
  public static List<Estimate> horizons(List<Observation> panel, Map<String, Windows> windows, String target,
      Collection<String> controls, String category) {
    List<Estimate> out = new ArrayList<>();
    Windows own = windows.get(target);
    for (int h : CurbImpact.HORIZONS) {
      if (own.postEnd() - own.postStart() + 1 < h) {
        continue;
      }
      Map<String, Windows> cut = new LinkedHashMap<>();
      windows.forEach((k, v) -> cut.put(k, v.firstPostMonths(h)));
      for (Estimate e : List.of(valueChange(panel, cut, target, category),
          didNonDualUse(panel, cut, target, category), didControls(panel, cut, target, controls, category))) {
        out.add(e.named(CurbImpact.atHorizon(e.measure(), h)));
      }
    }
    return out;
  }

  static Estimate valueChange(List<Observation> panel, Map<String, Windows> windows, String target,
      String category) {
    Design d = new Design(1);
    for (Observation o : panel) {
      String w = windows.get(o.destination()).window(o.windowMonth());
      if (o.destination().equals(target) && o.category().equals(category) && w != null) {
        d.add(o.value(), o.code(), new String[] {o.code()}, post(w));
      }
    }
    return Estimate.of(VALUE_CHANGE, null, d.fit(), 0);
  }

  static Estimate yearOnYear(List<Observation> panel, Map<String, Windows> windows, String target,
      String category) {
    Map<String, Double> byCodeMonth = new HashMap<>();
    for (Observation o : panel) {
      if (o.destination().equals(target) && o.category().equals(category)) {
        byCodeMonth.put(o.code() + "|" + o.month(), o.value());
      }
    }
    Windows own = windows.get(target);
    Design d = new Design(1);
    for (Observation o : panel) {
      if (!o.destination().equals(target) || !o.category().equals(category)
          || !"post".equals(own.window(o.windowMonth()))) {
        continue;
      }
      Double earlier = byCodeMonth.get(o.code() + "|" + (o.month() - 12));
      if (earlier != null) {
        d.add(o.value(), o.code(), new String[] {o.code()}, 1);
        d.add(earlier, o.code(), new String[] {o.code()}, 0);
      }
    }
    return Estimate.of(YOY, null, d.fit(), 0);
  }

  static Estimate didNonDualUse(List<Observation> panel, Map<String, Windows> windows, String target,
      String category) {
    if (category.equals(Categories.NON_DUAL_USE)) {
      return Estimate.of(DID_NON_DUAL_USE, null, new Design(2).fit(), 1);
    }
    Design d = new Design(2);
    for (Observation o : panel) {
      String w = windows.get(o.destination()).window(o.windowMonth());
      boolean treated = o.category().equals(category);
      if (o.destination().equals(target) && w != null && (treated || o.category().equals(Categories.NON_DUAL_USE))) {
        double post = post(w);
        d.add(o.value(), o.code(), new String[] {o.code()}, post, treated ? post : 0);
      }
    }
    return Estimate.of(DID_NON_DUAL_USE, null, d.fit(), 1);
  }

  static Estimate didControls(List<Observation> panel, Map<String, Windows> windows, String target,
      Collection<String> controls, String category) {
    Design d = new Design(2);
    Windows own = windows.get(target);
    Set<Integer> months = targetMonths(panel, target);
    for (Observation o : panel) {
      String w = aligned(o, own, months);
      boolean isTarget = o.destination().equals(target);
      if (w != null && o.category().equals(category) && (isTarget || controls.contains(o.destination()))) {
        double post = post(w);
        d.add(o.value(), o.code(), new String[] {o.code() + "|" + o.destination()}, post, isTarget ? post : 0);
      }
    }
    return Estimate.of(DID_CONTROLS, null, d.fit(), 1);
  }

  /** The months the target published: control destinations are compared over these alone. */
  private static Set<Integer> targetMonths(List<Observation> panel, String target) {
    Set<Integer> months = new HashSet<>();
    for (Observation o : panel) {
      if (o.destination().equals(target)) {
        months.add(o.windowMonth());
      }
    }
    return months;
  }

  /** The observation's window, months aligned to the target's: the target's windows, none outside its months. */
  private static String aligned(Observation o, Windows target, Set<Integer> months) {
    return months.contains(o.windowMonth()) ? target.window(o.windowMonth()) : null;
  }

  static Estimate didTriple(List<Observation> panel, Map<String, Windows> windows, String target,
      Collection<String> controls, String category) {
    Design d = new Design(4);
    if (!category.equals(Categories.NON_DUAL_USE)) {
      Windows own = windows.get(target);
      Set<Integer> months = targetMonths(panel, target);
      for (Observation o : panel) {
        String w = aligned(o, own, months);
        boolean isTarget = o.destination().equals(target);
        boolean treated = o.category().equals(category);
        if (w != null && (treated || o.category().equals(Categories.NON_DUAL_USE))
            && (isTarget || controls.contains(o.destination()))) {
          double post = post(w);
          double t = isTarget ? 1 : 0;
          double c = treated ? 1 : 0;
          d.add(o.value(), o.code(), new String[] {o.code() + "|" + o.destination()}, post, t * post, c * post,
              t * c * post);
        }
      }
    }
    return Estimate.of(DID_TRIPLE, null, d.fit(), 3);
  }

  /**
   * Leads and lags of the target against the control destinations, relative months -months..months, with
   * code x destination and month fixed effects; coefficients are normalised to the reference month (which has
   * none): the last month before anticipation that the target's source published on its own. The last row is the
   * joint pre-trend test: an F test that every lead before the reference month is zero (p-value only; NaN when
   * there are fewer codes than leads), with the reference month as its relative month.
   */
  public static List<Estimate> eventStudy(List<Observation> panel, Map<String, Windows> windows, String target,
      Collection<String> controls, String category, int months) {
    Windows own = windows.get(target);
    int event = own.postStart();
    int reference = referenceMonth(panel, target, category, own.anticipation() - 1) - event;
    List<Estimate> out = new ArrayList<>();
    if (reference < -months) {
      return out;
    }
    List<Integer> relative = new ArrayList<>();
    for (int k = -months; k <= months; k++) {
      if (k != reference) {
        relative.add(k);
      }
    }
    Design d = new Design(relative.size());
    for (Observation o : panel) {
      Windows w = windows.get(o.destination());
      int k = o.month() - event;
      boolean isTarget = o.destination().equals(target);
      if (o.category().equals(category) && (isTarget || controls.contains(o.destination()))
          && k >= -months && k <= months && o.month() <= w.postEnd()) {
        double[] x = new double[relative.size()];
        int j = relative.indexOf(k);
        if (isTarget && j >= 0) {
          x[j] = 1;
        }
        d.add(o.value(), o.code(), new String[] {o.code() + "|" + o.destination(), "m" + o.month()}, x);
      }
    }
    PoissonRegression.Fit fit = d.fit();
    List<Integer> leads = new ArrayList<>();
    for (int j = 0; j < relative.size(); j++) {
      out.add(Estimate.of(EVENT_STUDY, relative.get(j), fit, j));
      if (relative.get(j) < reference && fit.identified(j)) {
        leads.add(j);
      }
    }
    double p = fit.waldPValue(leads.stream().mapToInt(Integer::intValue).toArray());
    out.add(new Estimate(PRE_TREND, reference, Double.NaN, Double.NaN, Double.NaN, Double.NaN, p, Double.NaN,
        fit.observations(), fit.clusters()));
    return out;
  }

  /**
   * {@code candidate}, or the month before the release that holds it when the target's figures of the category
   * for that month were published together with later months (January of a January–February release, which
   * counts in its last month's window): a half of a release that runs past the reference would carry later
   * months into it.
   */
  static int referenceMonth(List<Observation> panel, String target, String category, int candidate) {
    int month = candidate;
    for (boolean moved = true; moved; ) {
      moved = false;
      for (Observation o : panel) {
        if (o.destination().equals(target) && o.category().equals(category) && o.month() <= month
            && o.windowMonth() > month) {
          month = o.month() - 1;
          moved = true;
        }
      }
    }
    return month;
  }

  /**
   * The placebos of one target and category: every measure with the event moved back by each of
   * {@link #PLACEBO_SHIFTS}, and the control-destination DiD with each control destination as the target (the
   * real target left out of its controls).
   */
  public static List<Placebo> placebos(List<Observation> panel, Map<String, Windows> windows, String target,
      Collection<String> controls, String category) {
    List<Placebo> out = new ArrayList<>();
    for (int shift : PLACEBO_SHIFTS) {
      Map<String, Windows> shifted = new LinkedHashMap<>();
      windows.forEach((k, v) -> shifted.put(k, v.shiftedBack(shift)));
      for (Estimate e : measures(panel, shifted, target, controls, category)) {
        out.add(new Placebo("event_minus_" + shift + "_months", null, e));
      }
    }
    out.addAll(destinationPlacebos(panel, windows, target, controls, category));
    return out;
  }

  /** The control-destination DiD with each control destination as the target, the real target left out. */
  static List<Placebo> destinationPlacebos(List<Observation> panel, Map<String, Windows> windows, String target,
      Collection<String> controls, String category) {
    List<Placebo> out = new ArrayList<>();
    for (String c : controls) {
      List<String> others = controls.stream().filter(o -> !o.equals(c) && !o.equals(target)).toList();
      out.add(new Placebo("destination", c, didControls(panel, windows, c, others, category)));
    }
    return out;
  }

  /**
   * Where the target's control-destination DiD ranks (1 = largest |t|) among itself and its destination
   * placebos, and the permutation p-value rank / (placebos + 1); null when the target's estimate is missing.
   */
  public static int[] rank(Estimate target, List<Placebo> placebos) {
    if (!Double.isFinite(target.tStatistic())) {
      return null;
    }
    double own = Math.abs(target.tStatistic());
    int rank = 1;
    int n = 1;
    for (Placebo p : placebos) {
      double t = Math.abs(p.estimate().tStatistic());
      if (p.test().equals("destination") && Double.isFinite(t)) {
        n++;
        rank += t >= own ? 1 : 0;
      }
    }
    return new int[] {rank, n};
  }

  private static double post(String window) {
    return "post".equals(window) ? 1 : 0;
  }

  /** Rows of one regression with their fixed-effect and cluster keys turned into ids. */
  private static final class Design {
    private final int k;
    private final List<Double> y = new ArrayList<>();
    private final List<double[]> x = new ArrayList<>();
    private final List<String[]> fixedEffects = new ArrayList<>();
    private final List<String> clusters = new ArrayList<>();

    Design(int k) {
      this.k = k;
    }

    void add(double value, String cluster, String[] fixedEffect, double... regressors) {
      y.add(value);
      x.add(regressors);
      fixedEffects.add(fixedEffect);
      clusters.add(cluster);
    }

    PoissonRegression.Fit fit() {
      int n = y.size();
      int dims = fixedEffects.isEmpty() ? 1 : fixedEffects.get(0).length;
      double[][] xs = new double[k][n];
      int[][] fe = new int[dims][n];
      List<Map<String, Integer>> feIds = new ArrayList<>();
      for (int f = 0; f < dims; f++) {
        feIds.add(new HashMap<>());
      }
      Map<String, Integer> clusterIds = new HashMap<>();
      int[] cs = new int[n];
      double[] ys = new double[n];
      for (int i = 0; i < n; i++) {
        ys[i] = y.get(i);
        for (int j = 0; j < k; j++) {
          xs[j][i] = x.get(i)[j];
        }
        for (int f = 0; f < dims; f++) {
          Map<String, Integer> ids = feIds.get(f);
          fe[f][i] = ids.computeIfAbsent(fixedEffects.get(i)[f], s -> ids.size());
        }
        cs[i] = clusterIds.computeIfAbsent(clusters.get(i), s -> clusterIds.size());
      }
      return PoissonRegression.fit(ys, xs, fe, cs);
    }
  }
}
