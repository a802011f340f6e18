package org.tradecurb.impact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Known answers of the Poisson regression on panels small enough to solve by hand. */
class PoissonRegressionTest {

  /** Codes a, b, c (fixed effects and clusters), two pre months then two post months each. */
  private static final int[] CODE = {0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2};
  private static final double[] POST = {0, 0, 1, 1, 0, 0, 1, 1, 0, 0, 1, 1};

  @Test
  void aPostIndicatorWithCodeEffectsIsTheLogRatioOfWindowTotals() {
    double[] y = {10, 20, 5, 10, 40, 40, 20, 30, 0, 0, 0, 0};
    PoissonRegression.Fit fit = PoissonRegression.fit(y, new double[][] {POST}, new int[][] {CODE}, CODE);
    assertEquals(Math.log(65.0 / 110.0), fit.coefficients()[0], 1e-9, "(5+10+20+30) / (10+20+40+40)");
    assertEquals(8, fit.observations(), "code c never trades: its months carry no information");
    assertEquals(2, fit.clusters());
    double[] ci = fit.interval(0);
    assertTrue(ci[0] < fit.coefficients()[0] && fit.coefficients()[0] < ci[1]);
  }

  @Test
  void zerosThatOnlyAnInfiniteEffectFitsAreSeparatedAndDropped() {
    // Code c trades before and stops: post x c would have to be minus infinity. Without c's post months the
    // post effect is that of a and b.
    double[] y = {10, 20, 5, 10, 40, 40, 20, 30, 7, 9, 0, 0};
    double[] cPost = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1};
    PoissonRegression.Fit fit = PoissonRegression.fit(y, new double[][] {POST, cPost}, new int[][] {CODE}, CODE);
    assertEquals(Math.log(65.0 / 110.0), fit.coefficients()[0], 1e-6);
    assertEquals(10, fit.observations());
    assertTrue(Double.isNaN(fit.coefficients()[1]), "c's post effect is not identified");
  }

  /**
   * Event studies on few codes can leave the information matrix singular at the converged means though it was
   * not at the last iteration's (a seeded search found such panels): the fit then says NaN and never throws,
   * whatever the data — one bad panel must not stop the estimates of every other.
   */
  @Test
  void degenerateEventStudyPanelsNeverThrow() {
    // Event studies on few codes: a dummy per treated month, code x destination and month effects, zeros, and
    // months with no treated trade at all. Panel 727 is one whose information matrix is singular at the end.
    for (long seed = 720; seed < 736; seed++) {
      java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
      int codes = 2 + random.nextInt(3);
      int months = 4 + random.nextInt(6);
      int n = codes * 2 * months;
      double[] y = new double[n];
      double[][] x = new double[months - 1][n];
      int[] unit = new int[n];
      int[] month = new int[n];
      int[] code = new int[n];
      for (int i = 0; i < n; i++) {
        code[i] = i / (2 * months);
        int destination = (i / months) % 2;
        unit[i] = i / months;
        month[i] = i % months;
        if (destination == 0 && month[i] > 0) {
          x[month[i] - 1][i] = 1;
        }
        y[i] = random.nextInt(3) == 0 ? 0 : random.nextInt(50) * Math.pow(10, random.nextInt(7));
      }
      PoissonRegression.Fit fit = PoissonRegression.fit(y, x, new int[][] {unit, month}, code);
      for (int j = 0; j < x.length; j++) {
        double se = fit.standardError(j);
        assertTrue(Double.isNaN(se) || se >= 0, "event-study panel " + seed);
      }
    }
  }

  @Test
  void aRegressorTheFixedEffectsAbsorbIsNotIdentified() {
    double[] y = {10, 20, 5, 10, 40, 40, 20, 30, 7, 9, 8, 6};
    double[] isA = {1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0};
    PoissonRegression.Fit fit = PoissonRegression.fit(y, new double[][] {POST, isA}, new int[][] {CODE}, CODE);
    assertTrue(Double.isNaN(fit.coefficients()[1]));
    assertTrue(Double.isNaN(fit.pValue(1)));
    assertEquals(Math.log((5 + 10 + 20 + 30 + 8 + 6) / (10.0 + 20 + 40 + 40 + 7 + 9)), fit.coefficients()[0], 1e-9);
  }

  @Test
  void twoWayFixedEffectsRecoverAnInteractionExactlyWhenTheModelFits() {
    // y = exp(code effect + month effect + 0.5 * (code b in month 3)) with no noise.
    int[] month = {0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3};
    double[] codeLevel = {1, 2, 3};
    double[] monthLevel = {0, 0.3, -0.2, 0.1};
    double[] y = new double[12];
    double[] bLate = new double[12];
    for (int i = 0; i < 12; i++) {
      bLate[i] = CODE[i] == 1 && month[i] == 3 ? 1 : 0;
      y[i] = Math.exp(codeLevel[CODE[i]] + monthLevel[month[i]] + 0.5 * bLate[i]);
    }
    PoissonRegression.Fit fit = PoissonRegression.fit(y, new double[][] {bLate}, new int[][] {CODE, month}, CODE);
    assertEquals(0.5, fit.coefficients()[0], 1e-8);
  }

  /**
   * Demeaning is the weighted least-squares residual of v on both sets of group dummies. With weights spanning
   * twelve orders of magnitude the two dimensions are nearly collinear, where plain alternating sweeps crawl;
   * the extrapolated sweeps must still land on the exact residual, computed here by QR on the dummies.
   */
  @Test
  void demeaningIsTheExactWeightedResidualOnBothDimensions() {
    java.util.SplittableRandom random = new java.util.SplittableRandom(11);
    int units = 6;
    int months = 9;
    int n = units * months;
    double[] v = new double[n];
    double[] w = new double[n];
    int[] unit = new int[n];
    int[] month = new int[n];
    for (int i = 0; i < n; i++) {
      unit[i] = i / months;
      month[i] = i % months;
      v[i] = random.nextDouble(-20, 20);
      w[i] = Math.pow(10, random.nextInt(13) - 6);
    }
    double[] residual = PoissonRegression.demean(v, w, new int[][] {unit, month});
    org.apache.commons.math3.linear.RealMatrix design =
        new org.apache.commons.math3.linear.Array2DRowRealMatrix(n, units + months - 1);
    org.apache.commons.math3.linear.RealVector target = new org.apache.commons.math3.linear.ArrayRealVector(n);
    for (int i = 0; i < n; i++) {
      double root = Math.sqrt(w[i]);
      design.setEntry(i, unit[i], root);
      if (month[i] > 0) {
        design.setEntry(i, units + month[i] - 1, root);
      }
      target.setEntry(i, root * v[i]);
    }
    org.apache.commons.math3.linear.RealVector fitted = design.operate(
        new org.apache.commons.math3.linear.QRDecomposition(design).getSolver().solve(target));
    for (int i = 0; i < n; i++) {
      double expected = v[i] - fitted.getEntry(i) / Math.sqrt(w[i]);
      assertEquals(expected, residual[i], 1e-6 * (1 + Math.abs(expected)), "observation " + i);
    }
  }
}
