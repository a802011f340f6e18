package org.tradecurb.generate;

import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.tradecurb.ExitCode;
import org.tradecurb.TradecurbException;

/**
 * The synthetic world's true monthly trade, in US dollars and kilograms, from which all three sources'
 * files are written. Goods move along lanes (origin → destination); a reporter records a lane's shipment as
 * an export at FOB or as an import at CIF (FOB plus the CIF/FOB margin, same quantity, same month). Lanes:
 * China to every destination, every other origin to Japan, and Japan to China.
 *
 * <p>A shipment is base level × season × trend × noise: the base level is drawn per lane and code around
 * the code's own level scaled by the partner's size; quantity and unit value get independent lognormal
 * noise. Planted effects touch China → Japan only (and, by diversion, China → the diversion destination):
 * from the event month dual-use value changes by {@code valueChange} and unit value by
 * {@code unitValueChange}; between the anticipation and the event month dual-use exports are front-loaded;
 * from the event month other codes change by {@code nonDualUseChange}. Part of the dual-use quantity Japan
 * loses goes to the diversion destination at the unit value Japan would have paid without the curb.
 * Everything is a pure function of the options: no state, no order dependence.
 */
public final class SyntheticTrade {

  /** Whether a reporter records a figure as an export (FOB) or an import (CIF). */
  public enum Direction { EXPORT, IMPORT }

  /**
   * Seasonal shape, January to December, mean zero: the Lunar New Year holiday empties January and
   * February's factories and ports, and orders catch up in spring and before the year's end.
   */
  static final double[] SEASONAL_SHAPE = {
    -0.45, -1.00, 0.25, 0.10, 0.05, 0.10, 0.05, 0.05, 0.10, 0.15, 0.25, 0.35
  };

  /** Spread of a lane's base level around the code's level, and of its price around the code's price. */
  private static final double LEVEL_SIGMA = 0.3;
  private static final double PRICE_SIGMA = 0.15;
  /** China supplies most of what Japan imports of these goods: other origins ship less. */
  private static final double OTHER_ORIGIN_SHARE = 0.3;
  private static final double JAPAN_TO_CHINA_SCALE = 0.35;

  private final GeneratorOptions options;
  private final List<Commodity> commodities;
  private final Partners partners;
  private final Partner diversionTo;

  public SyntheticTrade(GeneratorOptions options, List<Commodity> commodities, Partners partners) {
    this.options = options;
    this.commodities = commodities;
    this.partners = partners;
    this.diversionTo = partners.destination(options.diversionTo()).orElseThrow(() -> new TradecurbException(
        ExitCode.USAGE, "--diversion-to " + options.diversionTo() + " is not a partner; choose one of "
            + String.join(", ", partners.destinations().stream().map(Partner::iso3)
                .filter(iso -> !iso.equals("JPN")).toList())));
  }

  /** The world the options describe, with the built-in codes and the shipped crosswalks. */
  public static SyntheticTrade of(GeneratorOptions options) {
    return new SyntheticTrade(options, Commodities.of(options), Partners.load(options.partners()));
  }

  public GeneratorOptions options() {
    return options;
  }

  public List<Commodity> commodities() {
    return commodities;
  }

  public Partners partners() {
    return partners;
  }

  public List<YearMonth> months() {
    List<YearMonth> months = new ArrayList<>();
    for (YearMonth m = options.start(); !m.isAfter(options.end()); m = m.plusMonths(1)) {
      months.add(m);
    }
    return months;
  }

  /** The partners a reporter (China or Japan) has figures for, in that direction. */
  public List<Partner> partnersOf(Partner reporter, Direction direction) {
    boolean china = reporter.equals(partners.china());
    return switch (direction) {
      case EXPORT -> china ? partners.destinations() : List.of(partners.china());
      case IMPORT -> china ? List.of(partners.japan()) : partners.japanOrigins();
    };
  }

  /** The figure a reporter records: its exports at FOB, its imports at CIF, in US dollars and kilograms. */
  public TrueFlow reported(Partner reporter, Direction direction, Partner partner, Commodity code, YearMonth month) {
    if (direction == Direction.EXPORT) {
      return shipment(reporter, partner, code, month);
    }
    return shipment(partner, reporter, code, month).times(1 + options.cifFobMargin(), 1);
  }

  /** What left {@code origin} for {@code destination} in the month, valued FOB. */
  public TrueFlow shipment(Partner origin, Partner destination, Commodity code, YearMonth month) {
    TrueFlow base = counterfactual(origin, destination, code, month);
    if (!origin.equals(partners.china())) {
      return base;
    }
    if (destination.equals(partners.japan())) {
      return withPlantedEffect(base, code, month);
    }
    if (destination.equals(diversionTo) && code.dualUse() && !month.isBefore(options.eventMonth())) {
      return base.plus(diverted(code, month));
    }
    return base;
  }

  /** The China → Japan dual-use quantity that goes to the diversion destination instead. */
  private TrueFlow diverted(Commodity code, YearMonth month) {
    TrueFlow wouldBe = counterfactual(partners.china(), partners.japan(), code, month);
    double lostKg = wouldBe.kg() - withPlantedEffect(wouldBe, code, month).kg();
    if (lostKg <= 0) {
      return TrueFlow.ZERO;
    }
    double kg = options.diversionShare() * lostKg;
    return new TrueFlow(kg * wouldBe.usdPerKg(), kg);
  }

  private TrueFlow withPlantedEffect(TrueFlow base, Commodity code, YearMonth month) {
    boolean after = !month.isBefore(options.eventMonth());
    if (!code.dualUse()) {
      double f = after ? 1 + options.nonDualUseChange() : 1;
      return base.times(f, f);
    }
    if (after) {
      return base.times(1 + options.valueChange(), 1 + options.quantityChange());
    }
    if (!month.isBefore(options.anticipationMonth())) {
      return base.times(1 + options.frontLoading(), 1 + options.frontLoading());
    }
    return base;
  }

  /** The shipment without any planted effect. */
  private TrueFlow counterfactual(Partner origin, Partner destination, Commodity code, YearMonth month) {
    String lane = origin.iso3() + ">" + destination.iso3();
    SplittableRandom level = CellRandom.of(options.seed(), "level", lane, code.cn8());
    double kgLevel = code.baseKg() * laneScale(origin, destination) * CellRandom.lognormal(level, LEVEL_SIGMA);
    double usdPerKg = code.usdPerKg() * CellRandom.lognormal(level, PRICE_SIGMA);
    SplittableRandom noise = CellRandom.of(options.seed(), "noise", lane, code.cn8(), month.toString());
    double kg = kgLevel * seasonalFactor(month) * trendFactor(month) * CellRandom.lognormal(noise, options.noise());
    double price = usdPerKg * CellRandom.lognormal(noise, options.noise());
    return new TrueFlow(kg * price, kg);
  }

  /** 1 + amplitude × the month's seasonal shape. */
  public double seasonalFactor(YearMonth month) {
    return 1 + options.seasonality() * SEASONAL_SHAPE[month.getMonthValue() - 1];
  }

  /** Growth at the yearly trend rate since the first month. */
  public double trendFactor(YearMonth month) {
    long elapsed = ChronoUnit.MONTHS.between(options.start(), month);
    return Math.pow(1 + options.trend(), elapsed / 12.0);
  }

  private double laneScale(Partner origin, Partner destination) {
    if (origin.equals(partners.china())) {
      return destination.scale();
    }
    if (destination.equals(partners.japan())) {
      return OTHER_ORIGIN_SHARE * origin.scale();
    }
    return JAPAN_TO_CHINA_SCALE;
  }
}
