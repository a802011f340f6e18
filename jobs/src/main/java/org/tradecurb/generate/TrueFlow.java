package org.tradecurb.generate;

/** A monthly trade figure as the synthetic world has it, before any publication rounds it. */
public record TrueFlow(double usd, double kg) {

  public static final TrueFlow ZERO = new TrueFlow(0, 0);

  public double usdPerKg() {
    return usd / kg;
  }

  public TrueFlow plus(TrueFlow other) {
    return new TrueFlow(usd + other.usd, kg + other.kg);
  }

  public TrueFlow times(double valueFactor, double quantityFactor) {
    return new TrueFlow(usd * valueFactor, kg * quantityFactor);
  }
}
