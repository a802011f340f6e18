package org.tradecurb.generate;

import java.util.SplittableRandom;

/**
 * Random draws addressed by name: each draw comes from a generator seeded with the run's seed and a key
 * (what is drawn, the lane, the code, the month). A figure therefore never depends on the order in which
 * figures are computed, nor on how many codes or partners a run has: adding a partner leaves every other
 * series as it was, and any row of any file can be produced on its own.
 */
final class CellRandom {

  private static final long GOLDEN = 0x9E3779B97F4A7C15L;

  private CellRandom() {}

  /** Keys are strings and numbers, whose hash codes the Java specification fixes. */
  static SplittableRandom of(long seed, Object... keys) {
    long h = mix(seed);
    for (Object key : keys) {
      h = mix(h + GOLDEN * (key.hashCode() + 1L));
    }
    return new SplittableRandom(h);
  }

  /** A multiplicative lognormal factor with mean 1: exp(sigma Z - sigma²/2); exactly 1 when sigma is 0. */
  static double lognormal(SplittableRandom random, double sigma) {
    double z = random.nextGaussian();
    return sigma == 0 ? 1.0 : Math.exp(sigma * z - sigma * sigma / 2);
  }

  /** The SplitMix64 finalizer: spreads nearby keys over the whole seed space. */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
