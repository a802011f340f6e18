package org.tradecurb.cli;

import java.nio.file.Path;
import java.util.List;
import org.tradecurb.ExitCode;
import org.tradecurb.TradecurbException;
import org.tradecurb.generate.ComtradeBulkFiles;
import org.tradecurb.generate.GeneratorOptions;
import org.tradecurb.generate.SyntheticDataset;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

/**
 * Writes a synthetic dataset in the three published formats, with known effects planted around China's
 * export controls, so the pipeline can be run and checked end to end without the real downloads; or only
 * UN Comtrade bulk files of a chosen number of rows, to time the pipeline against other tools. No Spark.
 */
@Command(name = "generate", mixinStandardHelpOptions = true, showDefaultValues = true,
    description = "Write synthetic Comtrade, Japan Customs and China Customs files with planted effects "
        + "(China->Japan dual-use curb, front-loading, diversion, CIF/FOB mirror gap) and a README; or, with "
        + "--comtrade-bulk-rows, only UN Comtrade bulk files of an exact size, for timing.")
public final class GenerateCommand implements Runnable {

  private static final GeneratorOptions DEFAULTS = GeneratorOptions.DEFAULTS;

  /** Options that shape only what --comtrade-bulk-rows does not write. */
  private static final List<String> NOT_BULK = List.of(
      "--codes", "--bad-rows", "--combined-jan-feb-year", "--japan-variants-year");

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

  @Option(names = "--comtrade-bulk-rows", paramLabel = "N",
      description = "Instead of the three sources, write only UN Comtrade bulk files (comtrade/*.tsv, "
          + "tab-separated, uncompressed) with exactly N data rows, for timing: monthly totals and breakdown "
          + "rows of China's exports and Japan's imports, the built-in codes plus as many synthetic codes as N "
          + "needs, rows beyond N left out of the last months. Not with --codes, --bad-rows, "
          + "--combined-jan-feb-year or --japan-variants-year")
  Long comtradeBulkRows;

  @Option(names = "--comtrade-bulk-files", paramLabel = "K",
      description = "With --comtrade-bulk-rows: split the rows in order over K files (default 1)")
  Integer comtradeBulkFiles;

  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    if (comtradeBulkRows != null) {
      writeComtradeBulk();
      return;
    }
    if (comtradeBulkFiles != null) {
      throw new TradecurbException(ExitCode.USAGE, "--comtrade-bulk-files needs --comtrade-bulk-rows");
    }
    GeneratorOptions options = series()
        .codes(codes)
        .combinedJanFebYear(combinedJanFebYear)
        .japanVariantsYear(japanVariantsYear)
        .badRows(badRows)
        .build();
    SyntheticDataset.Written written = SyntheticDataset.write(out, options);
    System.out.println("tradecurb: wrote " + written.files() + " files with " + written.dataRows() + " data rows"
        + (written.planted().isEmpty() ? "" : " and " + written.planted().size() + " planted malformed rows")
        + " to " + out + " (synthetic data: see " + out.resolve("README.md") + ")");
  }

  private void writeComtradeBulk() {
    ParseResult parsed = spec.commandLine().getParseResult();
    List<String> given = NOT_BULK.stream().filter(parsed::hasMatchedOption).toList();
    if (!given.isEmpty()) {
      throw new TradecurbException(ExitCode.USAGE, "--comtrade-bulk-rows sets the codes itself and writes no "
          + "planted rows nor China or Japan Customs files: leave out " + String.join(", ", given));
    }
    GeneratorOptions options = series().combinedJanFebYear(0).japanVariantsYear(0).build();
    ComtradeBulkFiles.Written written = ComtradeBulkFiles.write(out, options, comtradeBulkRows,
        comtradeBulkFiles == null ? 1 : comtradeBulkFiles);
    System.out.println("tradecurb: wrote " + written.files() + " UN Comtrade bulk files with " + written.dataRows()
        + " data rows (" + written.codes() + " codes, " + written.firstMonth() + " to " + written.lastMonth()
        + ") to " + out.resolve("comtrade") + " (synthetic data)");
  }

  /** The options that shape the synthetic series, common to both kinds of output. */
  private GeneratorOptions.Builder series() {
    return GeneratorOptions.builder()
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
        .partners(partners);
  }
}
