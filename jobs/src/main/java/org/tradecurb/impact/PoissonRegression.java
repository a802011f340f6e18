package org.tradecurb.impact;

import java.util.Arrays;
import org.apache.commons.math3.distribution.FDistribution;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.exception.MathArithmeticException;
import org.apache.commons.math3.exception.MathIllegalArgumentException;
import org.apache.commons.math3.exception.MathIllegalStateException;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.DecompositionSolver;
import org.apache.commons.math3.linear.QRDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;
import org.apache.commons.math3.linear.SingularValueDecomposition;

/**
 * Poisson pseudo-maximum likelihood with fixed effects (Santos Silva and Tenreyro 2006): consistent for a
 * multiplicative mean whatever the error's distribution, and keeps the zeros customs series are full of. Fixed
 * effects are absorbed inside iteratively re-weighted least squares by weighted alternating projections, as in
 * Correia, Guimarães and Zylkin (2020); standard errors are clustered (by product code in the callers), from the
 * cluster jackknife, with Student-t (G-1) inference, because a category has few codes and a few of them carry
 * most of its value.
 *
 * <p>Observations whose fixed-effect group has no positive value carry no information (their effect would be
 * minus infinity) and are dropped first; a regressor that the fixed effects absorb is reported as not
 * identified (NaN).
 */
public final class PoissonRegression {

  private static final int MAX_ITERATIONS = 100;
  private static final double TOLERANCE = 1e-10;
  /** A zero whose fitted mean falls below this share of the mean outcome is separated. */
  private static final double SEPARATED = 1e-9;

  private PoissonRegression() {}

  /** A fitted model: coefficients, their cluster-robust covariance and the sample it came from. */
  public record Fit(double[] coefficients, RealMatrix covariance, int observations, int clusters) {

    public boolean identified(int j) {
      return !Double.isNaN(coefficients[j]) && clusters > 1;
    }

    public double standardError(int j) {
      return identified(j) ? Math.sqrt(covariance.getEntry(j, j)) : Double.NaN;
    }

    public double tStatistic(int j) {
      return coefficients[j] / standardError(j);
    }

    /** Two-sided p-value of coefficient j against zero, Student-t with G-1 degrees of freedom. */
    public double pValue(int j) {
      double t = Math.abs(tStatistic(j));
      return Double.isFinite(t) ? 2 * (1 - students().cumulativeProbability(t)) : Double.NaN;
    }

    /** {low, high}: the 95% confidence interval of coefficient j. */
    public double[] interval(int j) {
      if (!identified(j)) {
        return new double[] {Double.NaN, Double.NaN};
      }
      double half = students().inverseCumulativeProbability(0.975) * standardError(j);
      return new double[] {coefficients[j] - half, coefficients[j] + half};
    }

    /**
     * Wald test that the given coefficients are all zero, as F(r, G-1) on W/r, where r is the rank of their
     * covariance and W uses its pseudo-inverse: leads that move together (a January and February published as one
     * figure) count once. NaN when a coefficient is not identified or the rank reaches the number of clusters.
     */
    public double waldPValue(int[] which) {
      if (which.length == 0 || Arrays.stream(which).anyMatch(j -> !identified(j))) {
        return Double.NaN;
      }
      SingularValueDecomposition svd = new SingularValueDecomposition(covariance.getSubMatrix(which, which));
      int rank = svd.getRank();
      if (rank == 0 || rank >= clusters) {
        return Double.NaN;
      }
      RealVector b = new ArrayRealVector(Arrays.stream(which).mapToDouble(j -> coefficients[j]).toArray());
      double w = b.dotProduct(svd.getSolver().getInverse().operate(b));
      return 1 - new FDistribution(rank, clusters - 1).cumulativeProbability(w / rank);
    }

    private TDistribution students() {
      return new TDistribution(clusters - 1);
    }
  }

  /**
   * @param y non-negative outcomes
   * @param x regressors, x[j][i] for regressor j and observation i
   * @param fixedEffects group ids (0..) per observation, one array per fixed-effect dimension
   * @param clusters cluster ids (0..) per observation
   */
  public static Fit fit(double[] y, double[][] x, int[][] fixedEffects, int[] clusters) {
    try {
      return fitSeparated(y, x, fixedEffects, clusters);
    } catch (MathIllegalArgumentException | MathIllegalStateException | MathArithmeticException e) {
      // A numerical dead end (singular, not converging) means no estimate for this panel, never a failed run.
      double[] none = new double[x.length];
      Arrays.fill(none, Double.NaN);
      return new Fit(none, new Array2DRowRealMatrix(Math.max(x.length, 1), Math.max(x.length, 1)), y.length, 0);
    }
  }

  private static Fit fitSeparated(double[] y, double[][] x, int[][] fixedEffects, int[] clusters) {
    boolean[] keep = new boolean[y.length];
    Arrays.fill(keep, true);
    for (int round = 0; ; round++) {
      int[] rows = informative(y, fixedEffects, keep);
      Fitted fitted = fitRows(rows, y, x, fixedEffects, clusters);
      // Separated zeros (Correia, Guimarães and Zylkin 2021): a fitted mean that goes to zero means no finite
      // estimate exists with them; they are dropped and the model fitted again.
      boolean separated = false;
      for (int r = 0; r < rows.length; r++) {
        if (y[rows[r]] == 0 && fitted.mu()[r] < SEPARATED * fitted.meanOutcome()) {
          keep[rows[r]] = false;
          separated = true;
        }
      }
      if (!separated || round == 5) {
        return fitted.fit();
      }
    }
  }

  private record Fitted(Fit fit, double[] mu, double meanOutcome) {}

  private static Fitted fitRows(int[] rows, double[] y, double[][] x, int[][] fixedEffects, int[] clusters) {
    int n = rows.length;
    int k = x.length;
    double[] ys = new double[n];
    double[][] xs = new double[k][n];
    int[][] fes = new int[fixedEffects.length][n];
    int[] cs = new int[n];
    for (int r = 0; r < n; r++) {
      ys[r] = y[rows[r]];
      cs[r] = clusters[rows[r]];
      for (int j = 0; j < k; j++) {
        xs[j][r] = x[j][rows[r]];
      }
      for (int f = 0; f < fes.length; f++) {
        fes[f][r] = fixedEffects[f][rows[r]];
      }
    }
    double[] mu = new double[n];
    Fit fit = fitInformative(ys, xs, fes, renumber(cs), mu);
    return new Fitted(fit, mu, Arrays.stream(ys).average().orElse(0));
  }

  private static Fit fitInformative(double[] y, double[][] x, int[][] fe, int[] clusters, double[] mu) {
    int n = y.length;
    int k = x.length;
    int g = Arrays.stream(clusters).max().orElse(-1) + 1;
    double[] none = new double[k];
    Arrays.fill(none, Double.NaN);
    if (n == 0) {
      return new Fit(none, new Array2DRowRealMatrix(Math.max(k, 1), Math.max(k, 1)), 0, g);
    }
    double mean = Arrays.stream(y).average().orElse(0);
    double[] eta = new double[n];
    for (int i = 0; i < n; i++) {
      mu[i] = (y[i] + mean) / 2;
      eta[i] = Math.log(mu[i]);
    }
    boolean[] identified = new boolean[k];
    double[][] xt = new double[k][];
    double[] beta = new double[k];
    double deviance = Double.MAX_VALUE;
    for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
      double[] z = new double[n];
      for (int i = 0; i < n; i++) {
        z[i] = eta[i] + (y[i] - mu[i]) / mu[i];
      }
      double[] zt = demean(z, mu, fe);
      for (int j = 0; j < k; j++) {
        xt[j] = demean(x[j], mu, fe);
        identified[j] = weightedNorm(xt[j], mu) > 1e-9 * Math.max(1, weightedNorm(x[j], mu));
      }
      int[] free = java.util.stream.IntStream.range(0, k).filter(j -> identified[j]).toArray();
      Arrays.fill(beta, 0);
      if (free.length > 0) {
        RealMatrix h = crossProduct(xt, free, mu);
        RealVector b = new ArrayRealVector(free.length);
        for (int a = 0; a < free.length; a++) {
          b.setEntry(a, weightedDot(xt[free[a]], zt, mu));
        }
        DecompositionSolver solver = new QRDecomposition(h, 1e-12).getSolver();
        if (!solver.isNonSingular()) {
          return new Fit(none, new Array2DRowRealMatrix(k, k), n, g);
        }
        RealVector solved = solver.solve(b);
        for (int a = 0; a < free.length; a++) {
          beta[free[a]] = solved.getEntry(a);
        }
      }
      double next = 0;
      for (int i = 0; i < n; i++) {
        double residual = zt[i];
        for (int j : free) {
          residual -= xt[j][i] * beta[j];
        }
        eta[i] = z[i] - residual;
        mu[i] = Math.exp(eta[i]);
        next += y[i] > 0 ? 2 * (y[i] * Math.log(y[i] / mu[i]) - (y[i] - mu[i])) : 2 * mu[i];
      }
      boolean converged = Math.abs(next - deviance) / (Math.abs(next) + 0.1) < TOLERANCE;
      deviance = next;
      if (converged) {
        break;
      }
    }
    return sandwich(y, mu, fe, x, identified, beta, clusters, g, n);
  }

  /**
   * The cluster jackknife covariance (CV3 of MacKinnon, Nielsen and Webb 2023): (G-1)/G times the spread of
   * the leave-one-cluster-out estimates, each one Newton step from the full fit, (H - H_g)^-1 s_g. Heavy codes
   * dominate a PPML fit, and the usual sandwich (CV1) then understates the variance; CV3 does not. Where leaving
   * a cluster out loses identification (one cluster holds every control code), the sandwich
   * H^-1 (sum of s_g s_g') H^-1 times G/(G-1) is used.
   */
  private static Fit sandwich(double[] y, double[] mu, int[][] fe, double[][] x, boolean[] identified,
      double[] beta, int[] clusters, int g, int n) {
    int k = x.length;
    int[] free = java.util.stream.IntStream.range(0, k).filter(j -> identified[j]).toArray();
    double[] coefficients = new double[k];
    for (int j = 0; j < k; j++) {
      coefficients[j] = identified[j] ? beta[j] : Double.NaN;
    }
    RealMatrix covariance = new Array2DRowRealMatrix(k, k);
    if (free.length == 0 || g < 2) {
      return new Fit(coefficients, covariance, n, g);
    }
    double[][] xt = new double[k][];
    for (int j : free) {
      xt[j] = demean(x[j], mu, fe);
    }
    int f = free.length;
    RealMatrix h = crossProduct(xt, free, mu);
    RealMatrix[] hg = new RealMatrix[g];
    RealVector[] sg = new RealVector[g];
    for (int c = 0; c < g; c++) {
      hg[c] = new Array2DRowRealMatrix(f, f);
      sg[c] = new ArrayRealVector(f);
    }
    for (int i = 0; i < n; i++) {
      int c = clusters[i];
      for (int a = 0; a < f; a++) {
        sg[c].addToEntry(a, xt[free[a]][i] * (y[i] - mu[i]));
        for (int b = 0; b < f; b++) {
          hg[c].addToEntry(a, b, mu[i] * xt[free[a]][i] * xt[free[b]][i]);
        }
      }
    }
    RealMatrix v = jackknife(h, hg, sg);
    if (v == null) {
      // At the converged means the information can be singular where the last iteration's was not (two
      // regressors all but equal): then no covariance, and no estimate, exists.
      DecompositionSolver bread = new QRDecomposition(h, 1e-10 * h.getNorm()).getSolver();
      if (!bread.isNonSingular()) {
        double[] none = new double[k];
        Arrays.fill(none, Double.NaN);
        return new Fit(none, covariance, n, g);
      }
      RealMatrix hInverse = bread.getInverse();
      RealMatrix meat = new Array2DRowRealMatrix(f, f);
      for (RealVector s : sg) {
        meat = meat.add(s.outerProduct(s));
      }
      v = hInverse.multiply(meat).multiply(hInverse).scalarMultiply(g / (g - 1.0));
    }
    for (int a = 0; a < f; a++) {
      for (int b = 0; b < f; b++) {
        covariance.setEntry(free[a], free[b], v.getEntry(a, b));
      }
    }
    return new Fit(coefficients, covariance, n, g);
  }

  /** CV3 from each cluster's Hessian and score; null when some leave-one-out fit is not identified. */
  private static RealMatrix jackknife(RealMatrix h, RealMatrix[] hg, RealVector[] sg) {
    int g = hg.length;
    int f = h.getRowDimension();
    RealVector[] shifts = new RealVector[g];
    RealVector mean = new ArrayRealVector(f);
    double scale = h.getNorm();
    for (int c = 0; c < g; c++) {
      RealMatrix rest = h.subtract(hg[c]);
      DecompositionSolver solver = new QRDecomposition(rest, 1e-10 * scale).getSolver();
      if (!solver.isNonSingular()) {
        return null;
      }
      shifts[c] = solver.solve(sg[c]);
      mean = mean.add(shifts[c].mapDivide(g));
    }
    RealMatrix v = new Array2DRowRealMatrix(f, f);
    for (RealVector d : shifts) {
      RealVector centred = d.subtract(mean);
      v = v.add(centred.outerProduct(centred));
    }
    return v.scalarMultiply((g - 1.0) / g);
  }

  private static RealMatrix crossProduct(double[][] xt, int[] free, double[] w) {
    RealMatrix h = new Array2DRowRealMatrix(free.length, free.length);
    for (int a = 0; a < free.length; a++) {
      for (int b = a; b < free.length; b++) {
        double v = weightedDot(xt[free[a]], xt[free[b]], w);
        h.setEntry(a, b, v);
        h.setEntry(b, a, v);
      }
    }
    return h;
  }

  private static double weightedDot(double[] a, double[] b, double[] w) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += w[i] * a[i] * b[i];
    }
    return s;
  }

  private static double weightedNorm(double[] a, double[] w) {
    return Math.sqrt(weightedDot(a, a, w));
  }

  /**
   * v minus its weighted projection on the fixed effects: weighted group means swept out, one dimension after
   * the other, until stable. Alternating sweeps converge slowly where the dimensions are nearly collinear (a
   * few codes, weights spanning orders of magnitude), so every second sweep is extrapolated along the last
   * two steps (Irons and Tuck 1969, as reghdfe does), and stability is judged relative to v's own scale.
   */
  static double[] demean(double[] v, double[] w, int[][] fe) {
    double[] r = v.clone();
    if (fe.length == 0) {
      return r;
    }
    double[][] groupWeight = new double[fe.length][];
    for (int f = 0; f < fe.length; f++) {
      groupWeight[f] = new double[Arrays.stream(fe[f]).max().orElse(-1) + 1];
      for (int i = 0; i < r.length; i++) {
        groupWeight[f][fe[f][i]] += w[i];
      }
    }
    sweep(r, w, fe, groupWeight);
    if (fe.length < 2) {
      return r;
    }
    double tolerance = 1e-13 * Math.max(1, maxAbs(v));
    double[] x1 = new double[r.length];
    double[] x2 = new double[r.length];
    for (int step = 0; step < 5_000; step++) {
      System.arraycopy(r, 0, x1, 0, r.length);
      sweep(x1, w, fe, groupWeight);
      System.arraycopy(x1, 0, x2, 0, r.length);
      sweep(x2, w, fe, groupWeight);
      double last = 0;
      double along = 0;
      double curvature = 0;
      for (int i = 0; i < r.length; i++) {
        double d1 = x1[i] - r[i];
        double d2 = x2[i] - x1[i];
        last = Math.max(last, Math.abs(d2));
        along += d2 * (d2 - d1);
        curvature += (d2 - d1) * (d2 - d1);
      }
      if (!(last > tolerance)) {
        // Converged, or NaN weights or values, where more sweeps cannot help.
        return x2;
      }
      double shrink = curvature > 0 ? along / curvature : 0;
      for (int i = 0; i < r.length; i++) {
        r[i] = x2[i] - shrink * (x2[i] - x1[i]);
      }
    }
    return r;
  }

  /** One sweep: each dimension's weighted group means subtracted in turn. */
  private static void sweep(double[] r, double[] w, int[][] fe, double[][] groupWeight) {
    for (int f = 0; f < fe.length; f++) {
      int[] groups = fe[f];
      double[] sum = new double[groupWeight[f].length];
      for (int i = 0; i < r.length; i++) {
        sum[groups[i]] += w[i] * r[i];
      }
      for (int i = 0; i < r.length; i++) {
        r[i] -= sum[groups[i]] / groupWeight[f][groups[i]];
      }
    }
  }

  private static double maxAbs(double[] v) {
    double m = 0;
    for (double x : v) {
      m = Math.max(m, Math.abs(x));
    }
    return m;
  }

  /**
   * The rows kept: {@code keep} without, until none is left, observations of a fixed-effect group whose
   * outcomes are all zero.
   */
  private static int[] informative(double[] y, int[][] fixedEffects, boolean[] keep) {
    boolean changed = true;
    while (changed) {
      changed = false;
      for (int[] groups : fixedEffects) {
        int m = Arrays.stream(groups).max().orElse(-1) + 1;
        double[] total = new double[m];
        for (int i = 0; i < y.length; i++) {
          if (keep[i]) {
            total[groups[i]] += y[i];
          }
        }
        for (int i = 0; i < y.length; i++) {
          if (keep[i] && total[groups[i]] <= 0) {
            keep[i] = false;
            changed = true;
          }
        }
      }
    }
    return java.util.stream.IntStream.range(0, y.length).filter(i -> keep[i]).toArray();
  }

  private static int[] renumber(int[] ids) {
    java.util.Map<Integer, Integer> index = new java.util.HashMap<>();
    return Arrays.stream(ids).map(id -> index.computeIfAbsent(id, v -> index.size())).toArray();
  }
}
