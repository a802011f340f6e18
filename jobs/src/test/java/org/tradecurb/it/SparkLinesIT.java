package org.tradecurb.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.tradecurb.BuildUnderTest;
import org.tradecurb.Launcher;
import org.tradecurb.SampleWarehouse;
import org.tradecurb.SharedReference;
import org.tradecurb.SparkTestBase;
import org.tradecurb.Warehouses;

/**
 * The Spark 3.5 jar and the Spark 4 jar side by side on data-samples/: the same figures, and one warehouse
 * that either line reads and updates after the other. Runs with the Spark 4 line's integration tests
 * (./mvnw -P spark4 verify), after the Spark 3.5 line's, whose sample warehouse it reuses when still current;
 * bin/tradecurb builds the 3.5 jar first if it is missing or stale.
 */
class SparkLinesIT extends SparkTestBase {

  private static final Map<String, String> SPARK_3 = Map.of("TRADECURB_SPARK", "3");
  /** A setting impact reads: changing it makes impact rebuild its tables from the silver ones. */
  private static final String SHORTER_PRE_WINDOW = "TRADECURB_IMPACT__PRE_MONTHS";

  @Test
  void bothLinesWriteTheSameFiguresAndEachUpdatesTheOthersWarehouse() throws Exception {
    assumeTrue("4".equals(BuildUnderTest.sparkLine()), "runs with the Spark 4 line's integration tests");
    Path four = SampleWarehouse.get(spark());
    Path work = newDir("spark-lines");
    Path three = work.resolve("written-by-spark3");
    // The Spark 3.5 line's own sample warehouse when its jar as it is now built it (CI runs that line's
    // integration tests first): a copy, since this test updates it. Else a run of its own. A launch of the line
    // first rebuilds its jar if the sources changed since.
    Launcher.Result help = Launcher.run(SPARK_3, "--help");
    assertEquals(0, help.exitCode(), help.stderr());
    Optional<Path> builtBySpark3 = SampleWarehouse.builtBy(SharedReference.repoRoot().resolve("jobs/target"));
    if (builtBySpark3.isPresent()) {
      copy(builtBySpark3.get(), three);
    } else {
      Launcher.Result run = Launcher.run(SPARK_3, "run", "--warehouse", three.toString());
      assertEquals(0, run.exitCode(), run.stderr());
    }
    // Read here by Spark 4 and Delta 4, whichever line wrote them.
    Warehouses.rows(spark(), three, "trade_flows");
    Warehouses.assertSame(spark(), three, four, List.of("trade_flows", "curb_impact"),
        "the Spark 4 run against the Spark 3.5 run");

    // Each line updates a warehouse the other wrote: a shorter pre-event window, so impact rewrites its tables.
    Path fourCopy = copy(four, work.resolve("written-by-spark4"));
    long before = Warehouses.version(spark(), three, "curb_impact");
    CompletableFuture<Launcher.Result> fourOnThree = CompletableFuture.supplyAsync(() -> Launcher.run(
        Map.of("TRADECURB_SPARK", "4", SHORTER_PRE_WINDOW, "3"), "run", "--warehouse", three.toString()));
    Launcher.Result threeOnFour = Launcher.run(Map.of("TRADECURB_SPARK", "3", SHORTER_PRE_WINDOW, "3"),
        "run", "--warehouse", fourCopy.toString());
    assertEquals(0, threeOnFour.exitCode(), threeOnFour.stderr());
    assertEquals(0, fourOnThree.get().exitCode(), fourOnThree.get().stderr());
    assertNotEquals(before, Warehouses.version(spark(), three, "curb_impact"),
        "Spark 4 committed to the Spark 3.5 warehouse");
    assertNotEquals(Warehouses.version(spark(), four, "curb_impact"),
        Warehouses.version(spark(), fourCopy, "curb_impact"), "Spark 3.5 committed to the Spark 4 warehouse");
    Warehouses.assertSame(spark(), three, fourCopy, List.of("trade_flows", "curb_impact"),
        "each line's update of the other's warehouse");

    // And the Spark 3.5 line reads what Spark 4 wrote last: every row with the shorter window.
    String query = "SELECT count(*) AS n FROM curb_impact WHERE pre_months_observed <= 3";
    Launcher.Result read = Launcher.run(SPARK_3, "sql", query, "--warehouse", three.toString(), "--format", "csv");
    assertEquals(0, read.exitCode(), read.stderr());
    assertEquals("n\n" + Warehouses.rows(spark(), three, "curb_impact") + "\n", read.stdout());
  }

  /** A copy of a warehouse, so that the shared one stays as the README run left it. */
  private static Path copy(Path from, Path to) throws IOException {
    try (Stream<Path> paths = Files.walk(from)) {
      for (Path p : paths.toList()) {
        Files.copy(p, to.resolve(from.relativize(p).toString()));
      }
    }
    return to;
  }
}
