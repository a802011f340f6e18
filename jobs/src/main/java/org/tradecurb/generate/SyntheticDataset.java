package org.tradecurb.generate;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.tradecurb.ExitCode;
import org.tradecurb.TradecurbException;

/**
 * Writes the synthetic dataset: the three sources' files from one {@link SyntheticTrade}, the planted
 * malformed rows, and a README saying what the data are. The same options give byte-identical files.
 */
public final class SyntheticDataset {

  /** What a run wrote. */
  public record Written(int files, long dataRows, List<BadRows.Planted> planted) {}

  private SyntheticDataset() {}

  /** Writes into {@code out}, which must be new or empty so that no earlier run's files mix in. */
  public static Written write(Path out, GeneratorOptions options) {
    requireEmpty(out);
    SyntheticTrade trade = SyntheticTrade.of(options);
    FxTable fx = FxTable.load();
    fx.requireMonths(trade.months(), "JPY", "CNY");
    List<GeneratedFile> files = files(trade, fx);
    List<BadRows.Planted> planted = BadRows.plan(files, options.badRows(), options.seed());
    long rows = 0;
    try {
      for (GeneratedFile file : files) {
        write(out, file, planted.stream().filter(p -> p.path().equals(file.path())).toList());
        rows += file.rows();
      }
      Files.writeString(out.resolve("README.md"), DatasetReadme.text(trade, files, planted));
    } catch (IOException e) {
      throw new TradecurbException(ExitCode.FAILURE, "cannot write the synthetic data under " + out + ": "
          + e.getMessage(), e);
    }
    return new Written(files.size(), rows, planted);
  }

  private static List<GeneratedFile> files(SyntheticTrade trade, FxTable fx) {
    List<GeneratedFile> files = new ArrayList<>(ComtradeFiles.of(trade));
    files.addAll(JapanCustomsFiles.of(trade, fx));
    files.addAll(JapanCustomsVariants.of(trade, fx));
    files.addAll(ChinaCustomsFiles.of(trade, fx));
    return files;
  }

  /** Refuses an output folder that holds anything, so that no earlier run's files mix in. */
  static void requireEmpty(Path out) {
    if (Files.isDirectory(out)) {
      try (Stream<Path> entries = Files.list(out)) {
        if (entries.findAny().isPresent()) {
          throw new TradecurbException(ExitCode.USAGE, "--out " + out + " is not empty: choose a new folder or "
              + "empty it, so that files of an earlier run do not mix with the new ones");
        }
      } catch (IOException e) {
        throw new TradecurbException(ExitCode.FAILURE, "cannot list " + out + ": " + e.getMessage(), e);
      }
    } else if (Files.exists(out)) {
      throw new TradecurbException(ExitCode.USAGE, "--out " + out + " is a file, not a folder");
    }
  }

  /** The header, then the data rows with the planted rows (sorted by position) inserted before theirs. */
  private static void write(Path out, GeneratedFile file, List<BadRows.Planted> planted) throws IOException {
    try (Writer writer = open(out.resolve(file.path()), file.charset(), file.gzipped())) {
      writer.write(file.header());
      writer.write(file.lineEnd());
      Iterator<BadRows.Planted> next = planted.iterator();
      BadRows.Planted p = next.hasNext() ? next.next() : null;
      for (int i = 0; i < file.rows(); i++) {
        while (p != null && p.before() == i) {
          writer.write(file.malformed(i, p.reason()));
          writer.write(file.lineEnd());
          p = next.hasNext() ? next.next() : null;
        }
        writer.write(file.row(i));
        writer.write(file.lineEnd());
      }
    }
  }

  /** A new file (and its folders) to write text to, buffered; a character the charset lacks is an error. */
  static Writer open(Path target, Charset charset, boolean gzip) throws IOException {
    Files.createDirectories(target.getParent());
    OutputStream raw = Files.newOutputStream(target);
    try {
      OutputStream stream = gzip ? new GZIPOutputStream(raw, 1 << 16) : raw;
      return new BufferedWriter(new OutputStreamWriter(stream, charset.newEncoder()
          .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)), 1 << 16);
    } catch (IOException | RuntimeException e) {
      raw.close();
      throw e;
    }
  }
}
