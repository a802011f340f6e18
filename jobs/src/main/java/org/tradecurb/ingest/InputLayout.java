package org.tradecurb.ingest;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.tradecurb.TradecurbException;
import org.tradecurb.config.TradecurbConfig;

/**
 * Finds the customs files under the input root and says which source each one is:
 * {@code comtrade/} (.csv, .tsv, .gz, .zip), {@code japan-customs/} (.csv), and China Customs files under the
 * configured exports and imports folders. Files that fit nowhere are reported, never silently skipped.
 */
public final class InputLayout {

  /** What the input root holds: readable files in a stable order, and files that fit no layout. */
  public record Discovery(List<InputFile> files, Map<String, String> unknownFiles) {}

  private InputLayout() {}

  /**
   * Every file under a folder, by plain listings: Hadoop's recursive listFiles asks each local file for its
   * permissions, which without Hadoop's native library starts an `ls` process per file.
   */
  private static void walk(FileSystem fs, org.apache.hadoop.fs.Path folder, List<FileStatus> files)
      throws IOException {
    for (FileStatus status : fs.listStatus(folder)) {
      if (status.isDirectory()) {
        walk(fs, status.getPath(), files);
      } else {
        files.add(status);
      }
    }
  }

  public static Discovery discover(Configuration hadoopConf, String inputRoot, TradecurbConfig config) {
    org.apache.hadoop.fs.Path root = new org.apache.hadoop.fs.Path(inputRoot);
    List<String> relativePaths = new ArrayList<>();
    Map<String, String> uris = new LinkedHashMap<>();
    Map<String, Long> sizes = new LinkedHashMap<>();
    Map<String, Long> times = new LinkedHashMap<>();
    try {
      FileSystem fs = root.getFileSystem(hadoopConf);
      org.apache.hadoop.fs.Path qualified = fs.makeQualified(root);
      String prefix = qualified.toUri().getPath();
      if (!fs.getFileStatus(qualified).isDirectory()) {
        throw TradecurbException.unreadableInput("input " + inputRoot + " is not a folder");
      }
      List<FileStatus> found = new ArrayList<>();
      walk(fs, qualified, found);
      for (FileStatus status : found) {
        String path = status.getPath().toUri().getPath();
        String relative = path.substring(prefix.length()).replaceFirst("^/+", "");
        relativePaths.add(relative);
        uris.put(relative, status.getPath().toString());
        sizes.put(relative, status.getLen());
        times.put(relative, status.getModificationTime());
      }
    } catch (FileNotFoundException e) {
      throw TradecurbException.unreadableInput("input folder " + inputRoot + " does not exist");
    } catch (IOException e) {
      throw TradecurbException.unreadableInput("cannot list input folder " + inputRoot + ": " + e.getMessage());
    }
    relativePaths.sort(Comparator.naturalOrder());
    List<PathMatcher> ignored = config.ignoredFileGlobs().stream()
        .map(g -> FileSystems.getDefault().getPathMatcher("glob:" + g))
        .toList();
    String exports = trimSlashes(config.chinaCustomsFolder("exports"));
    String imports = trimSlashes(config.chinaCustomsFolder("imports"));
    List<InputFile> files = new ArrayList<>();
    Map<String, String> unknown = new LinkedHashMap<>();
    for (String relative : relativePaths) {
      String name = relative.substring(relative.lastIndexOf('/') + 1);
      if (ignored.stream().anyMatch(m -> m.matches(Path.of(name)))) {
        continue;
      }
      String lower = relative.toLowerCase(Locale.ROOT);
      String uri = uris.get(relative);
      long size = sizes.get(relative);
      long modified = times.get(relative);
      if (lower.startsWith(Source.COMTRADE.folder + "/")) {
        if (lower.matches(".*\\.(csv|tsv|txt)(\\.gz)?$") || lower.endsWith(".gz") || lower.endsWith(".zip")) {
          files.add(new InputFile(Source.COMTRADE, uri, relative, null, size, modified));
        } else {
          unknown.put(relative, "Comtrade files must end in .csv, .tsv, .gz or .zip");
        }
      } else if (lower.startsWith(Source.JAPAN_CUSTOMS.folder + "/")) {
        if (lower.matches(".*\\.csv(\\.gz)?$")) {
          files.add(new InputFile(Source.JAPAN_CUSTOMS, uri, relative, null, size, modified));
        } else {
          unknown.put(relative, "Japan Customs files must end in .csv");
        }
      } else if (lower.startsWith(exports + "/") || lower.startsWith(imports + "/")) {
        String flow = lower.startsWith(exports + "/") ? SourceRecord.EXPORT : SourceRecord.IMPORT;
        if (lower.matches(".*\\.csv(\\.gz)?$")) {
          files.add(new InputFile(Source.CHINA_CUSTOMS, uri, relative, flow, size, modified));
        } else {
          unknown.put(relative, "China Customs files must end in .csv");
        }
      } else if (lower.startsWith(Source.CHINA_CUSTOMS.folder + "/")) {
        unknown.put(relative, "China Customs files carry no flow: put them under " + exports + "/ or "
            + imports + "/");
      } else {
        unknown.put(relative, "not under comtrade/, japan-customs/, " + exports + "/ or " + imports + "/");
      }
    }
    return new Discovery(files, unknown);
  }

  private static String trimSlashes(String folder) {
    // Folders match case-insensitively, like the source folders: China-Customs/Exports/ is still exports.
    return folder.replaceAll("^/+|/+$", "").toLowerCase(Locale.ROOT);
  }
}
