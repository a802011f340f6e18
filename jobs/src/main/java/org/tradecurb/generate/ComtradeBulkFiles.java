package org.tradecurb.generate;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.List;
import org.tradecurb.ExitCode;
import org.tradecurb.TradecurbException;

/**
 * UN Comtrade bulk files of an exact number of data rows, for timing ingest at scale: the rows of
 * {@link ComtradeFiles} (China's exports and Japan's imports, monthly, each totals row followed by its
 * mode-of-transport breakdown), month by month, tab-separated and uncompressed, split in order over as many
 * files as asked. The built-in codes come first, then as many synthetic ordinary codes as the row count
 * needs; the rows beyond the count are left out of the last months, as if those were not yet fully
 * published. Rows are written as they are made, so no size is held in memory.
 */
public final class ComtradeBulkFiles {

  public static final int MAX_FILES = 1000;

  /** What a run wrote: the files, their data rows, the codes traded and the months with rows. */
  public record Written(int files, long dataRows, int codes, YearMonth firstMonth, YearMonth lastMonth) {}

  private ComtradeBulkFiles() {}

  /**
   * Writes {@code rows} data rows over {@code files} files {@code comtrade/bulk_<i>_of_<files>.tsv} into
   * {@code out}, which must be new or empty. The options' own code count is replaced by the one the rows need.
   */
  public static Written write(Path out, GeneratorOptions options, long rows, int files) {
    require(rows >= 1, "--comtrade-bulk-rows must be at least 1, not " + rows);
    require(files >= 1 && files <= MAX_FILES && files <= rows, "--comtrade-bulk-files must be between 1 and "
        + Math.min(rows, MAX_FILES) + " (at most " + MAX_FILES + " and no more than the rows), not " + files);
    SyntheticTrade trade = SyntheticTrade.of(options.withCodes(syntheticCodes(options, rows)));
    SyntheticDataset.requireEmpty(out);
    List<GeneratedFile> blocks = ComtradeFiles.byMonth(trade);
    GeneratedFile first = blocks.get(0);
    long written = 0;
    int block = 0;
    long blockStart = 0;
    Writer writer = null;
    try {
      for (int file = 1; file <= files; file++) {
        long end = rows * file / files;
        writer = SyntheticDataset.open(out.resolve(name(file, files)), StandardCharsets.UTF_8, false);
        writer.write(first.header());
        writer.write(first.lineEnd());
        while (written < end) {
          GeneratedFile b = blocks.get(block);
          if (written - blockStart == b.rows()) {
            blockStart += b.rows();
            block++;
            continue;
          }
          writer.write(b.row((int) (written - blockStart)));
          writer.write(b.lineEnd());
          written++;
        }
        writer.close();
        writer = null;
      }
    } catch (IOException e) {
      throw new TradecurbException(ExitCode.FAILURE, "cannot write the Comtrade bulk files under " + out + ": "
          + e.getMessage(), e);
    } finally {
      closeQuietly(writer);
    }
    List<YearMonth> months = trade.months();
    return new Written(files, written, trade.commodities().size(), months.get(0), months.get(block / 2));
  }

  /** The file name: {@code bulk_03_of_10.tsv}, numbered from 1 with as many digits as the count. */
  static String name(int file, int files) {
    String width = String.valueOf(String.valueOf(files).length());
    return String.format("comtrade/bulk_%0" + width + "d_of_%d.tsv", file, files);
  }

  /** Synthetic codes that, with the built-in ones, give at least {@code rows} rows over the options' span. */
  static int syntheticCodes(GeneratorOptions options, long rows) {
    SyntheticTrade builtIn = SyntheticTrade.of(options.withCodes(0));
    long perCode = ComtradeFiles.rowsPerCode(builtIn);
    long codes = (rows + perCode - 1) / perCode;
    long synthetic = Math.max(0, codes - builtIn.commodities().size());
    require(synthetic <= Commodities.MAX_SYNTHETIC, "--comtrade-bulk-rows " + rows + " needs "
        + (synthetic + builtIn.commodities().size()) + " codes at " + perCode + " rows a code, more than the "
        + (Commodities.MAX_SYNTHETIC + builtIn.commodities().size()) + " the generator has: widen --start and "
        + "--end or add --partners");
    return (int) synthetic;
  }

  private static void closeQuietly(Writer writer) {
    if (writer != null) {
      try {
        writer.close();
      } catch (IOException e) {
        // Already failing: the first error is the one to report.
      }
    }
  }

  private static void require(boolean ok, String reason) {
    if (!ok) {
      throw new TradecurbException(ExitCode.USAGE, reason);
    }
  }
}
