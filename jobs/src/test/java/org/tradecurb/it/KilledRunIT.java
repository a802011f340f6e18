package org.tradecurb.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.tradecurb.Launcher;
import org.tradecurb.SampleWarehouse;
import org.tradecurb.SharedReference;
import org.tradecurb.SparkTestBase;
import org.tradecurb.Warehouses;

/**
 * The failure drills of scheduled runs, on data-samples/: a run killed while writing, followed by a normal
 * run, must give the clean run's tables; two runs at once on one warehouse must not interleave.
 */
// Its runs are launches of their own: it runs beside the other integration tests (see the failsafe setup).
@Execution(ExecutionMode.CONCURRENT)
class KilledRunIT extends SparkTestBase {

  private static final List<String> COMPARED = List.of("comtrade_raw", "japan_customs_raw", "china_customs_raw",
      "trade_flows", "trade_flows_tagged", "quarantine", "monthly_flows", "curb_impact", "mirror_flows",
      "diversion", "event_study");

  /**
   * One run over data-samples/ is killed just after normalize wrote trade_flows (bronze done, tag and impact not
   * yet, the run not yet recorded); while it holds the warehouse a second run is refused as busy. The next normal
   * run must give the tables of one clean run: the README run's warehouse ({@link SampleWarehouse}).
   */
  @Test
  void aConcurrentRunIsRefusedAndAKilledRunFollowedByANormalRunGivesTheTablesOfOneCleanRun() throws Exception {
    Path clean = SampleWarehouse.get(spark());
    Path in = SharedReference.repoRoot().resolve("data-samples");
    Path killed = newDir("killed-wh");
    Process run = Launcher.start("run", "--input", in.toString(), "--warehouse", killed.toString());
    Path lock = killed.resolve(org.tradecurb.spark.WarehouseLock.FILE);
    waitFor(lock, run, 120_000);
    Launcher.Result busy = Launcher.run("ingest", "--input", in.toString(), "--warehouse", killed.toString());
    assertEquals(5, busy.exitCode(), busy.stderr());
    Assertions.assertTrue(busy.stderr().contains("is busy"), busy.stderr());

    // trade_flows is created by normalize's write (version 0).
    waitFor(killed.resolve("trade_flows/_delta_log/00000000000000000000.json"), run, 300_000);
    Assertions.assertTrue(run.isAlive(), "the run was still going when killed");
    run.descendants().forEach(ProcessHandle::destroyForcibly);
    run.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    Assertions.assertTrue(Files.exists(lock), "the killed run left its lock behind");
    Warehouses.rows(spark(), killed, "comtrade_raw");

    Launcher.Result recovery = Launcher.run("run", "--input", in.toString(), "--warehouse",
        killed.toString());
    assertEquals(0, recovery.exitCode(), recovery.stderr());
    Warehouses.assertSame(spark(), clean, killed, COMPARED, "after recovery, against the clean run");
  }

  private static void waitFor(Path path, Process run, long millis) throws InterruptedException {
    long deadline = System.currentTimeMillis() + millis;
    while (!Files.exists(path) && run.isAlive() && System.currentTimeMillis() < deadline) {
      Thread.sleep(100);
    }
  }
}
