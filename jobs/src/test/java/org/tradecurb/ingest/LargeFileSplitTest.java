package org.tradecurb.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.tradecurb.Fixtures;
import org.tradecurb.SparkTestBase;
import org.tradecurb.Warehouses;
import org.tradecurb.config.TradecurbConfig;
import org.tradecurb.pipeline.Pipeline;
import org.tradecurb.pipeline.RunContext;

/**
 * A file larger than the split size is parsed by several tasks at once, and every line still lands at its
 * exact number: accepted lines in bronze, refused ones in quarantine, none twice, none lost at a split
 * boundary. A gzip copy of the same text, a zip archive of it (with its folder and macOS metadata beside) and a
 * copy with classic Mac line ends (CR), none of which can be split, must give the same lines.
 */
class LargeFileSplitTest extends SparkTestBase {

  private static final int LINES = 4000;

  /** Line numbers of the refused lines: the first data line, every 97th, the last. */
  private static boolean refused(int line) {
    return line == 2 || line % 97 == 0 || line == LINES;
  }

  @Test
  void aLargeFileIsSplitAcrossTasksAndEveryLineKeepsItsNumber() throws Exception {
    List<String> text = new ArrayList<>(List.of(SampleRows.comtradeHeader('\t')));
    Set<Long> good = new TreeSet<>();
    Set<String> bad = new TreeSet<>();
    for (int line = 2; line <= LINES; line++) {
      String value = String.valueOf(1000 + line);
      if (refused(line)) {
        boolean negative = line % 2 == 0;
        text.add(SampleRows.comtradeLine(negative ? SampleRows.comtrade("primaryValue", "-" + value)
            : SampleRows.comtrade("cmdCode", "85051A"), '\t'));
        bad.add(line + " " + (negative ? "NEGATIVE_VALUE" : "BAD_CODE"));
      } else {
        text.add(SampleRows.comtradeLine(SampleRows.comtrade("primaryValue", value), '\t'));
        good.add((long) line);
      }
    }
    String content = Fixtures.lines(text.toArray(new String[0]));
    Path in = newDir("large-in");
    Fixtures.write(in, "comtrade/large.tsv", content);
    Fixtures.writeGzip(in, "comtrade/large_copy.tsv.gz", content);
    Fixtures.write(in, "comtrade/large_mac.tsv", content.replace('\n', '\r'));
    Map<String, String> archive = new LinkedHashMap<>();
    archive.put("export/", "");
    archive.put("__MACOSX/export/._large.tsv", "metadata");
    archive.put("export/large.tsv", content);
    Fixtures.write(in, "comtrade/large_copy.zip", Fixtures.zip(archive));
    Assertions.assertTrue(content.length() > 8 * 64 * 1024, "the file spans at least eight 64 KiB splits");

    Path wh = newDir("large-wh");
    TradecurbConfig config = TradecurbConfig.defaults().with("input", in.toString())
        .with("warehouse", wh.toString()).with("ingest.split-size", "64k");
    Set<Integer> writeTasks = ConcurrentHashMap.newKeySet();
    SparkListener listener = new SparkListener() {
      @Override
      public void onJobStart(SparkListenerJobStart job) {
        String description = job.properties() == null ? null : job.properties().getProperty("spark.job.description");
        if (description != null && description.startsWith("ingest: write comtrade_raw")) {
          scala.collection.Iterator<org.apache.spark.scheduler.StageInfo> stages = job.stageInfos().iterator();
          while (stages.hasNext()) {
            writeTasks.add(stages.next().numTasks());
          }
        }
      }
    };
    spark().sparkContext().addSparkListener(listener);
    try {
      Pipeline.run(RunContext.start(spark(), config), List.of("ingest"));
      spark().sparkContext().listenerBus().waitUntilEmpty();
    } finally {
      spark().sparkContext().removeSparkListener(listener);
    }
    int tasks = writeTasks.stream().mapToInt(Integer::intValue).max().orElse(0);
    Assertions.assertTrue(tasks >= 4, "the bronze write ran in " + tasks + " tasks");

    for (String file : List.of("comtrade/large.tsv", "comtrade/large_copy.tsv.gz", "comtrade/large_copy.zip",
        "comtrade/large_mac.tsv")) {
      Warehouses.table(spark(), wh, "comtrade_raw").createOrReplaceTempView("raw");
      List<Long> lines = sql("SELECT source_line FROM raw WHERE source_file = '" + file + "' ORDER BY 1")
          .collectAsList().stream().map(r -> r.getLong(0)).toList();
      assertEquals(List.copyOf(good), lines, file + ": every accepted line once, at its number");
      Row first = sql("SELECT primaryValue FROM raw WHERE source_file = '" + file + "' AND source_line = 3").first();
      assertEquals("1003", first.getString(0), file + ": line 3 holds line 3's text");

      Warehouses.table(spark(), wh, "quarantine").createOrReplaceTempView("q");
      Set<String> quarantined = sql("SELECT source_line, reason_code, raw_line FROM q WHERE source_file = '"
          + file + "'").collectAsList().stream().map(r -> r.getLong(0) + " " + r.getString(1)).collect(
          Collectors.toCollection(TreeSet::new));
      assertEquals(bad, quarantined, file + ": every refused line once, at its number");
      Row raw = sql("SELECT raw_line FROM q WHERE source_file = '" + file + "' AND source_line = 97").first();
      Assertions.assertTrue(raw.getString(0).contains("85051A"), "the raw line of line 97 is line 97's");
    }
  }
}
