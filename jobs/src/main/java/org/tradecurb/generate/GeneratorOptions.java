package org.tradecurb.generate;

import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Pattern;
import org.tradecurb.ExitCode;
import org.tradecurb.TradecurbException;

/**
 * What the synthetic generator makes: the months covered, the effects planted around the event, the shape
 * of the series, and the size of the data. Every instance is valid: the constructor refuses, with the CLI
 * option's name, any value that would make the data meaningless.
 *
 * @param seed seeds every random draw; the same options always give the same bytes
 * @param start first month generated; a January, since Japan Customs publishes calendar years
 * @param end last month generated; the rest of its year is left unpublished (zero) in Japan's files
 * @param eventMonth first month of the curb on China→Japan dual-use exports
 * @param anticipationMonth first month of front-loading before the event
 * @param valueChange relative change of China→Japan dual-use export value from the event month on
 * @param unitValueChange relative change of their unit value (quantity absorbs the rest)
 * @param nonDualUseChange relative change of China→Japan exports of the other codes from the event on
 * @param diversionTo ISO3 destination that receives diverted dual-use exports
 * @param diversionShare share of the lost China→Japan dual-use quantity shipped to {@code diversionTo}
 * @param frontLoading relative extra China→Japan dual-use exports from anticipation to event month
 * @param cifFobMargin freight and insurance an importer's CIF value adds to the exporter's FOB value
 * @param seasonality amplitude of the monthly pattern (Lunar New Year dip); 0 disables
 * @param trend yearly growth of every flow; 0 disables
 * @param noise sigma of the multiplicative lognormal noise on quantity and unit value; 0 disables
 * @param codes synthetic ordinary codes added to the built-in ones
 * @param partners partners taken from the crosswalks in addition to the built-in ones
 * @param combinedJanFebYear year whose January and February China Customs publishes together; 0 for none
 * @param japanVariantsYear year whose Japan imports are also written port-level and as national totals; 0 for
 *     none
 * @param badRows malformed rows planted in the files, listed in the README
 */
public record GeneratorOptions(
    long seed,
    YearMonth start,
    YearMonth end,
    YearMonth eventMonth,
    YearMonth anticipationMonth,
    double valueChange,
    double unitValueChange,
    double nonDualUseChange,
    String diversionTo,
    double diversionShare,
    double frontLoading,
    double cifFobMargin,
    double seasonality,
    double trend,
    double noise,
    int codes,
    int partners,
    int combinedJanFebYear,
    int japanVariantsYear,
    int badRows) {

  // Before DEFAULTS: the constructor that builds DEFAULTS uses it.
  private static final Pattern ISO3 = Pattern.compile("[A-Z]{3}");

  public static final GeneratorOptions DEFAULTS = builder().build();

  public GeneratorOptions {
    require(start != null && end != null && eventMonth != null && anticipationMonth != null,
        "--start, --end, --event-month and --anticipation-month are required");
    require(start.getMonthValue() == 1, "--start must be a January (Japan Customs publishes calendar years), not "
        + start);
    require(start.isBefore(eventMonth), "--event-month " + eventMonth + " must come after --start " + start);
    require(!eventMonth.isAfter(end), "--event-month " + eventMonth + " must not come after --end " + end);
    require(!anticipationMonth.isBefore(start) && !anticipationMonth.isAfter(eventMonth),
        "--anticipation-month " + anticipationMonth + " must lie between --start " + start + " and --event-month "
            + eventMonth);
    requireAboveMinusOne("--value-change", valueChange);
    requireAboveMinusOne("--unit-value-change", unitValueChange);
    requireAboveMinusOne("--non-dual-use-change", nonDualUseChange);
    requireAboveMinusOne("--front-loading", frontLoading);
    requireAboveMinusOne("--trend", trend);
    require(diversionTo != null && ISO3.matcher(diversionTo).matches() && !diversionTo.equals("CHN")
        && !diversionTo.equals("JPN"), "--diversion-to must be an ISO3 code other than CHN and JPN, not '"
        + diversionTo + "'");
    require(diversionShare >= 0 && diversionShare <= 1, "--diversion-share must be between 0 and 1, not "
        + diversionShare);
    require(cifFobMargin >= 0 && cifFobMargin < 1, "--cif-fob-margin must be at least 0 and below 1, not "
        + cifFobMargin);
    // The seasonal pattern reaches -1 in February: an amplitude of 1 or more would make flows vanish.
    require(seasonality >= 0 && seasonality < 1, "--seasonality must be at least 0 and below 1, not "
        + seasonality);
    require(noise >= 0 && noise <= 2, "--noise must be between 0 and 2, not " + noise);
    require(codes >= 0 && codes <= Commodities.MAX_SYNTHETIC, "--codes must be between 0 and "
        + Commodities.MAX_SYNTHETIC + ", not " + codes);
    require(partners >= 0, "--partners must not be negative, not " + partners);
    require(combinedJanFebYear == 0 || (!YearMonth.of(combinedJanFebYear, 1).isBefore(start)
        && !YearMonth.of(combinedJanFebYear, 2).isAfter(end)),
        "--combined-jan-feb-year " + combinedJanFebYear + " must be 0 or a year whose January and February lie "
            + "between --start " + start + " and --end " + end);
    require(japanVariantsYear == 0 || (japanVariantsYear >= start.getYear() && japanVariantsYear <= end.getYear()),
        "--japan-variants-year " + japanVariantsYear + " must be 0 or a year between --start " + start
            + " and --end " + end);
    require(badRows >= 0 && badRows <= 10_000, "--bad-rows must be between 0 and 10000, not " + badRows);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A month written YYYY-MM, or a usage error naming the option. */
  public static YearMonth month(String option, String text) {
    try {
      return YearMonth.parse(text.trim());
    } catch (DateTimeParseException e) {
      throw usage(option + " must be a month written YYYY-MM, not '" + text + "'");
    }
  }

  /** The options as the command line that reproduces them (without --out). */
  public String commandLine() {
    return String.join(" ",
        "tradecurb generate --out DIR",
        "--seed " + seed,
        "--start " + start,
        "--end " + end,
        "--event-month " + eventMonth,
        "--anticipation-month " + anticipationMonth,
        "--value-change " + number(valueChange),
        "--unit-value-change " + number(unitValueChange),
        "--non-dual-use-change " + number(nonDualUseChange),
        "--diversion-to " + diversionTo,
        "--diversion-share " + number(diversionShare),
        "--front-loading " + number(frontLoading),
        "--cif-fob-margin " + number(cifFobMargin),
        "--seasonality " + number(seasonality),
        "--trend " + number(trend),
        "--noise " + number(noise),
        "--codes " + codes,
        "--partners " + partners,
        "--combined-jan-feb-year " + combinedJanFebYear,
        "--japan-variants-year " + japanVariantsYear,
        "--bad-rows " + badRows);
  }

  /** The same options with {@code n} synthetic codes. */
  public GeneratorOptions withCodes(int n) {
    return new GeneratorOptions(seed, start, end, eventMonth, anticipationMonth, valueChange, unitValueChange,
        nonDualUseChange, diversionTo, diversionShare, frontLoading, cifFobMargin, seasonality, trend, noise, n,
        partners, combinedJanFebYear, japanVariantsYear, badRows);
  }

  /** Quantity change implied by the value and unit-value changes: (1+value)/(1+unit value) - 1. */
  public double quantityChange() {
    return (1 + valueChange) / (1 + unitValueChange) - 1;
  }

  static String number(double d) {
    return d == Math.rint(d) && Math.abs(d) < 1e15 ? String.valueOf((long) d) : String.valueOf(d);
  }

  private static void requireAboveMinusOne(String option, double value) {
    require(value > -1 && Double.isFinite(value), option + " must be greater than -1, not " + value);
  }

  private static void require(boolean ok, String reason) {
    if (!ok) {
      throw usage(reason);
    }
  }

  private static TradecurbException usage(String reason) {
    return new TradecurbException(ExitCode.USAGE, reason);
  }

  /** Starts from the defaults; {@link #build()} validates. */
  public static final class Builder {
    private long seed = 20260106L;
    private YearMonth start = YearMonth.of(2024, 1);
    private YearMonth end = YearMonth.of(2026, 9);
    private YearMonth eventMonth = YearMonth.of(2026, 1);
    private YearMonth anticipationMonth = YearMonth.of(2025, 11);
    private double valueChange = -0.60;
    private double unitValueChange = 0.25;
    private double nonDualUseChange = 0.05;
    private String diversionTo = "KOR";
    private double diversionShare = 0.5;
    private double frontLoading = 0.0;
    private double cifFobMargin = 0.06;
    private double seasonality = 0.25;
    private double trend = 0.03;
    private double noise = 0.08;
    private int codes = 0;
    private int partners = 0;
    private int combinedJanFebYear = 2025;
    /** Null for the first year of the range, whichever --start gives. */
    private Integer japanVariantsYear;
    private int badRows = 0;

    private Builder() {}

    public Builder seed(long v) {
      seed = v;
      return this;
    }

    public Builder start(YearMonth v) {
      start = v;
      return this;
    }

    public Builder end(YearMonth v) {
      end = v;
      return this;
    }

    public Builder eventMonth(YearMonth v) {
      eventMonth = v;
      return this;
    }

    public Builder anticipationMonth(YearMonth v) {
      anticipationMonth = v;
      return this;
    }

    public Builder valueChange(double v) {
      valueChange = v;
      return this;
    }

    public Builder unitValueChange(double v) {
      unitValueChange = v;
      return this;
    }

    public Builder nonDualUseChange(double v) {
      nonDualUseChange = v;
      return this;
    }

    public Builder diversionTo(String v) {
      diversionTo = v == null ? null : v.trim().toUpperCase(Locale.ROOT);
      return this;
    }

    public Builder diversionShare(double v) {
      diversionShare = v;
      return this;
    }

    public Builder frontLoading(double v) {
      frontLoading = v;
      return this;
    }

    public Builder cifFobMargin(double v) {
      cifFobMargin = v;
      return this;
    }

    public Builder seasonality(double v) {
      seasonality = v;
      return this;
    }

    public Builder trend(double v) {
      trend = v;
      return this;
    }

    public Builder noise(double v) {
      noise = v;
      return this;
    }

    public Builder codes(int v) {
      codes = v;
      return this;
    }

    public Builder partners(int v) {
      partners = v;
      return this;
    }

    public Builder combinedJanFebYear(int v) {
      combinedJanFebYear = v;
      return this;
    }

    /** Null for the first year of the range. */
    public Builder japanVariantsYear(Integer v) {
      japanVariantsYear = v;
      return this;
    }

    public Builder badRows(int v) {
      badRows = v;
      return this;
    }

    public GeneratorOptions build() {
      // Without a start the constructor refuses the options anyway.
      int variantsYear = japanVariantsYear != null ? japanVariantsYear : start == null ? 0 : start.getYear();
      return new GeneratorOptions(seed, start, end, eventMonth, anticipationMonth, valueChange, unitValueChange,
          nonDualUseChange, diversionTo, diversionShare, frontLoading, cifFobMargin, seasonality, trend, noise,
          codes, partners, combinedJanFebYear, variantsYear, badRows);
    }
  }
}
