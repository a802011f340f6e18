package org.tradecurb.impact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The estimator recovers effects planted in generated panels like the customs ones: 30 codes to a target and
 * five control destinations over 30 months, with code sizes spread over two orders of magnitude, a seasonal
 * cycle and a trend shared by all, month shocks per code (common to its destinations: why errors are clustered
 * by code), serially correlated noise, a quarter of the months zero, and front-loading to the target in the two
 * anticipation months, which the pre window leaves out. Seeded: the figures are the same on every run.
 */
class EstimatorSimulationTest {

  private static final int PANELS = 200;
  private static final int CODES = 30;
  private static final List<String> CONTROLS = List.of("C1", "C2", "C3", "C4", "C5");
  private static final String TARGET = "T";
  private static final CurbEstimator.Windows WINDOWS = new CurbEstimator.Windows(10, 15, 18, 26, 16);
  private static final Map<String, CurbEstimator.Windows> ALL_WINDOWS = new TreeMap<>();

  static {
    ALL_WINDOWS.put(TARGET, WINDOWS);
    CONTROLS.forEach(c -> ALL_WINDOWS.put(c, WINDOWS));
  }

  static Map<String, CurbEstimator.Windows> allWindows() { return ALL_WINDOWS; }

  static List<CurbEstimator.Observation> panel(Random random, double effect) {
    double[] season = new double[12];
    for (int m = 0; m < 12; m++) {
      season[m] = 0.3 * Math.sin(2 * Math.PI * m / 12);
    }
    List<CurbEstimator.Observation> out = new ArrayList<>();
    List<String> destinations = new ArrayList<>(CONTROLS);
    destinations.add(TARGET);
    for (int c = 0; c < CODES; c++) {
      double size = 1.0 * random.nextGaussian();
      double[] codeShock = new double[30];
      for (int t = 0; t < 30; t++) {
        codeShock[t] = 0.2 * random.nextGaussian();
      }
      for (String d : destinations) {
        boolean target = d.equals(TARGET);
        double noise = 0;
        for (int t = 0; t < 30; t++) {
          noise = 0.5 * noise + 0.3 * random.nextGaussian();
          double log = 10 + size + season[t % 12] + 0.02 * t + codeShock[t] + noise;
          if (target && t >= 18) {
            log += effect;
          }
          if (target && (t == 16 || t == 17)) {
            log += 0.4;
          }
          double value = random.nextDouble() < 0.25 ? 0 : Math.exp(log) / 0.75;
          out.add(new CurbEstimator.Observation(d, "graphite", "c" + c, t, value));
        }
      }
    }
    return out;
  }

  @Test
  void plantedEffectIsRecoveredWithIntervalsThatCoverIt() {
    Random random = new Random(11);
    double planted = Math.log(0.4);
    double bias = 0;
    int covered = 0;
    int ranksFirst = 0;
    for (int p = 0; p < PANELS; p++) {
      List<CurbEstimator.Observation> panel = panel(random, planted);
      CurbEstimator.Estimate e = CurbEstimator.didControls(panel, ALL_WINDOWS, TARGET, CONTROLS, "graphite");
      bias += (e.estimate() - planted) / PANELS;
      covered += e.ciLow() <= planted && planted <= e.ciHigh() ? 1 : 0;
      int[] rank = CurbEstimator.rank(e, CurbEstimator.destinationPlacebos(panel, ALL_WINDOWS, TARGET, CONTROLS, "graphite"));
      ranksFirst += rank[0] == 1 ? 1 : 0;
    }
    double coverage = covered / (double) PANELS;
    assertTrue(Math.abs(bias) < 0.03, "mean bias " + bias);
    assertTrue(coverage >= 0.90 && coverage <= 0.98, "coverage " + coverage);
    assertTrue(ranksFirst >= 0.95 * PANELS, "target first in " + ranksFirst);
  }

  @Test
  void withoutAnEffectTheTestRejectsAtItsLevelAndPlaceboRanksAreUniform() {
    Random random = new Random(12);
    int rejected = 0;
    int[] ranks = new int[CONTROLS.size() + 2];
    for (int p = 0; p < PANELS; p++) {
      List<CurbEstimator.Observation> panel = panel(random, 0);
      CurbEstimator.Estimate e = CurbEstimator.didControls(panel, ALL_WINDOWS, TARGET, CONTROLS, "graphite");
      rejected += e.pValue() < 0.05 ? 1 : 0;
      int[] rank = CurbEstimator.rank(e, CurbEstimator.destinationPlacebos(panel, ALL_WINDOWS, TARGET, CONTROLS, "graphite"));
      assertEquals(CONTROLS.size() + 1, rank[1]);
      ranks[rank[0]]++;
    }
    assertTrue(rejected <= 0.08 * PANELS, "rejected " + rejected);
    // Each of the six ranks is expected in a sixth of the panels (33 of 200; 3 standard deviations: 17 to 49).
    for (int r = 1; r <= CONTROLS.size() + 1; r++) {
      assertTrue(ranks[r] >= 17 && ranks[r] <= 49, "rank " + r + " in " + ranks[r] + " panels");
    }
  }

  @Test
  void eventStudyFollowsThePlantedPathAndItsPreTrendTestSeesADivergence() {
    List<CurbEstimator.Observation> panel = panel(new Random(13), Math.log(0.4));
    List<CurbEstimator.Estimate> study = CurbEstimator.eventStudy(panel, ALL_WINDOWS, TARGET, CONTROLS, "graphite", 12);
    for (CurbEstimator.Estimate e : study) {
      if (e.relativeMonth() != null && e.relativeMonth() >= 0 && e.relativeMonth() <= 8) {
        assertEquals(Math.log(0.4) - 0.0, e.estimate(), 0.35, "month " + e.relativeMonth());
      }
      if (e.relativeMonth() != null && (e.relativeMonth() == -1 || e.relativeMonth() == -2)) {
        assertEquals(0.4, e.estimate(), 0.35, "front-loading in month " + e.relativeMonth());
      }
    }
    double clean = study.get(study.size() - 1).pValue();
    assertTrue(clean > 0.01, "no planted pre-trend, p " + clean);

    // The target drifting away 5% a month before the curb: the leads test rejects.
    List<CurbEstimator.Observation> drifting = panel.stream().map(o -> o.destination().equals(TARGET)
        && o.month() < 16 ? new CurbEstimator.Observation(o.destination(), o.category(), o.code(), o.month(),
        o.value() * Math.exp(0.05 * (o.month() - 16))) : o).toList();
    List<CurbEstimator.Estimate> diverging = CurbEstimator.eventStudy(drifting, ALL_WINDOWS, TARGET, CONTROLS,
        "graphite", 12);
    double p = diverging.get(diverging.size() - 1).pValue();
    assertTrue(p < 0.05, "a planted pre-trend, p " + p);
  }
}
