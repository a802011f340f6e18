package org.tradecurb.cli;

import java.nio.file.Path;
import org.tradecurb.generate.GeneratorOptions;
import org.tradecurb.generate.SyntheticDataset;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Writes a synthetic dataset in the three published formats, with known effects planted around China's
 * export controls, so the pipeline can be run and checked end to end without the real downloads. No Spark.
 */
@Command(name = "generate", mixinStandardHelpOptions = true, showDefaultValues = true,
    description = "Write synthetic Comtrade, Japan Customs and China Customs files with planted effects "
        + "(China->Japan dual-use curb, front-loading, diversion, CIF/FOB mirror gap) and a README.")
public final class GenerateCommand implements Runnable {

  private static final GeneratorOptions DEFAULTS = GeneratorOptions.DEFAULTS;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "New or empty output folder")
  Path out;

  @Option(names = "--seed", paramLabel = "N",
      description = "Seed of every random draw: the same options give the same bytes")
  long seed = DEFAULTS.seed();

  @Option(names = "--start", paramLabel = "YYYY-MM", description = "First month (a January)")
  String start = DEFAULTS.start().toString();

  @Option(names = "--end", paramLabel = "YYYY-MM", description = "Last month")
  String end = DEFAULTS.end().toString();

  @Option(names = "--event-month", paramLabel = "YYYY-MM", description = "First month of the curb")
  String eventMonth = DEFAULTS.eventMonth().toString();

  @Option(names = "--anticipation-month", paramLabel = "YYYY-MM", description = "First month of front-loading")
  String anticipationMonth = DEFAULTS.anticipationMonth().toString();

  @Option(names = "--value-change", paramLabel = "FRACTION",
      description = "China->Japan dual-use value change from the event month")
  double valueChange = DEFAULTS.valueChange();

  @Option(names = "--unit-value-change", paramLabel = "FRACTION",
      description = "China->Japan dual-use unit-value change from the event")
  double unitValueChange = DEFAULTS.unitValueChange();

  @Option(names = "--non-dual-use-change", paramLabel = "FRACTION",
      description = "China->Japan change of the other codes from the event")
  double nonDualUseChange = DEFAULTS.nonDualUseChange();

  @Option(names = "--diversion-to", paramLabel = "ISO3", description = "Destination of diverted dual-use exports")
  String diversionTo = DEFAULTS.diversionTo();

  @Option(names = "--diversion-share", paramLabel = "FRACTION",
      description = "Share of the lost China->Japan dual-use quantity diverted")
  double diversionShare = DEFAULTS.diversionShare();

  @Option(names = "--front-loading", paramLabel = "FRACTION",
      description = "Extra China->Japan dual-use exports before the event (0.3 = +30%%)")
  double frontLoading = DEFAULTS.frontLoading();

  @Option(names = "--cif-fob-margin", paramLabel = "FRACTION",
      description = "Japan's CIF import value over China's FOB export value")
  double cifFobMargin = DEFAULTS.cifFobMargin();

  @Option(names = "--seasonality", paramLabel = "AMPLITUDE",
      description = "Amplitude of the monthly pattern (Lunar New Year dip); 0 disables")
  double seasonality = DEFAULTS.seasonality();

  @Option(names = "--trend", paramLabel = "RATE", description = "Yearly growth of every flow; 0 disables")
  double trend = DEFAULTS.trend();

  @Option(names = "--noise", paramLabel = "SIGMA",
      description = "Sigma of the lognormal noise on quantity and unit value; 0 disables")
  double noise = DEFAULTS.noise();

  @Option(names = "--codes", paramLabel = "N", description = "Synthetic ordinary codes added to the built-in ones")
  int codes = DEFAULTS.codes();

  @Option(names = "--partners", paramLabel = "N", description = "Partners added from the crosswalks")
  int partners = DEFAULTS.partners();

  @Option(names = "--combined-jan-feb-year", paramLabel = "YEAR",
      description = "Year whose January and February China Customs publishes together; 0 for none")
  int combinedJanFebYear = DEFAULTS.combinedJanFebYear();

  @Option(names = "--japan-variants-year", paramLabel = "YEAR",
      description = "Year whose Japan imports are also written port-level and as national totals; "
          + "default the first year, 0 for none")
  Integer japanVariantsYear;

  @Option(names = "--bad-rows", paramLabel = "N", description = "Malformed rows to plant (listed in the README)")
  int badRows = DEFAULTS.badRows();

  @Override
  public void run() {
    GeneratorOptions options = GeneratorOptions.builder()
        .seed(seed)
        .start(GeneratorOptions.month("--start", start))
        .end(GeneratorOptions.month("--end", end))
        .eventMonth(GeneratorOptions.month("--event-month", eventMonth))
        .anticipationMonth(GeneratorOptions.month("--anticipation-month", anticipationMonth))
        .valueChange(valueChange)
        .unitValueChange(unitValueChange)
        .nonDualUseChange(nonDualUseChange)
        .diversionTo(diversionTo)
        .diversionShare(diversionShare)
        .frontLoading(frontLoading)
        .cifFobMargin(cifFobMargin)
        .seasonality(seasonality)
        .trend(trend)
        .noise(noise)
        .codes(codes)
        .partners(partners)
        .combinedJanFebYear(combinedJanFebYear)
        .japanVariantsYear(japanVariantsYear)
        .badRows(badRows)
        .build();
    SyntheticDataset.Written written = SyntheticDataset.write(out, options);
    System.out.println("tradecurb: wrote " + written.files() + " files with " + written.dataRows() + " data rows"
        + (written.planted().isEmpty() ? "" : " and " + written.planted().size() + " planted malformed rows")
        + " to " + out + " (synthetic data: see " + out.resolve("README.md") + ")");
  }
}
