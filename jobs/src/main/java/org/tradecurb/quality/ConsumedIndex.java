package org.tradecurb.quality;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.tradecurb.pipeline.StageResult;
import org.tradecurb.spark.TableVersion;
import org.tradecurb.spark.Warehouse;

/**
 * What each stage last consumed, as the run log says it, kept in a small file at the warehouse root for one
 * version of pipeline_runs. A run reads it instead of aggregating the run log, a Spark job planned and
 * compiled at every start. Any other version of the log (a run that did not update the file, a compaction, a
 * rebuilt table) or an unreadable file makes it stale, and the run log is read instead.
 */
final class ConsumedIndex {

  static final String FILE = "_tradecurb_consumed.properties";
  private static final String RUN_LOG = "pipeline_runs";
  private static final String STAGE = "stage.";

  private ConsumedIndex() {}

  /** The stages' last consumed inputs, if the file was written for this version of the run log. */
  static Optional<Map<String, Map<String, String>>> read(Warehouse warehouse, TableVersion runLog) {
    Path path = new Path(warehouse.root(), FILE);
    Properties p = new Properties();
    try {
      FileSystem fs = path.getFileSystem(warehouse.spark().sparkContext().hadoopConfiguration());
      if (!fs.exists(path)) {
        return Optional.empty();
      }
      try (InputStream in = fs.open(path)) {
        p.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
      }
    } catch (IOException | IllegalArgumentException e) {
      return Optional.empty();
    }
    if (!runLog.toString().equals(p.getProperty(RUN_LOG))) {
      return Optional.empty();
    }
    Map<String, Map<String, String>> byStage = new TreeMap<>();
    for (String key : p.stringPropertyNames()) {
      if (key.startsWith(STAGE)) {
        byStage.put(key.substring(STAGE.length()), StageResult.parseFingerprint(p.getProperty(key)));
      }
    }
    return Optional.of(byStage);
  }

  /** Writes the file for this version of the run log: to a temporary name, then renamed into place. */
  static void write(Warehouse warehouse, TableVersion runLog, Map<String, String> fingerprints, String runId)
      throws IOException {
    Properties p = new Properties();
    p.setProperty(RUN_LOG, runLog.toString());
    fingerprints.forEach((stage, fingerprint) -> p.setProperty(STAGE + stage, fingerprint));
    Path path = new Path(warehouse.root(), FILE);
    Path temporary = new Path(warehouse.root(), "." + FILE + "." + runId);
    FileSystem fs = path.getFileSystem(warehouse.spark().sparkContext().hadoopConfiguration());
    try (OutputStream out = fs.create(temporary, true)) {
      p.store(new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8), "what each stage last consumed, "
          + "valid for the pipeline_runs version given; derived from pipeline_runs, safe to delete");
    }
    fs.delete(path, false);
    if (!fs.rename(temporary, path)) {
      fs.delete(temporary, false);
    }
  }
}
