package org.tradecurb.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.tradecurb.SharedReference;
import org.tradecurb.SparkTestBase;

/**
 * Scheduled runs fail in the middle: a run killed while writing leaves every table readable, and the next
 * run completes the work with the same tables a single clean run gives; two runs started at once on one
 * warehouse never interleave — the second one exits with code 5.
 */
class RecoveryIT extends SparkTestBase {

  /** Columns that name the run or its time: they differ between any two runs by design. */
  private static final List<String> RUN_COLUMNS = List.of("normalized_run_id", "tagged_run_id", "run_id",
      "quarantined_at", "ingest_run_id", "ingested_at");

  private static final List<String> COMPARED = List.of("comtrade_raw", "japan_customs_raw", "china_customs_raw",
      "trade_flows", "trade_flows_tagged", "quarantine", "monthly_flows", "curb_impact", "mirror_flows",
      "diversion", "event_study");

  private Dataset<Row> content(Path warehouse, String table) {
    Dataset<Row> t = spark().read().format("delta").load(warehouse.resolve(table).toString());
    return t.drop(RUN_COLUMNS.stream().filter(c -> List.of(t.columns()).contains(c)).toArray(String[]::new));
  }

  private Path input() {
    Path in = newDir("recovery").resolve("in");
    Launcher.Result generated = Launcher.run("generate", "--out", in.toString(), "--start", "2025-01",
        "--end", "2026-03", "--bad-rows", "3");
    assertEquals(0, generated.exitCode(), generated.stderr());
    return in;
  }

  @Test
  void aKilledRunFollowedByANormalRunGivesTheTablesOfOneCleanRun() throws Exception {
    Path in = input();
    Path clean = newDir("clean-wh");
    assertEquals(0, Launcher.run("run", "--input", in.toString(), "--warehouse", clean.toString()).exitCode());

    Path killed = newDir("killed-wh");
    Process run = Launcher.start("run", "--input", in.toString(), "--warehouse", killed.toString());
    // Kill it while normalize writes trade_flows: bronze is done, silver half-done, the ledger not yet marked.
    Path marker = killed.resolve("trade_flows/_delta_log");
    long deadline = System.currentTimeMillis() + 300_000;
    while (!Files.exists(marker) && run.isAlive() && System.currentTimeMillis() < deadline) {
      Thread.sleep(200);
    }
    Assertions.assertTrue(run.isAlive(), "the run was still going when killed");
    run.descendants().forEach(ProcessHandle::destroyForcibly);
    run.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    Assertions.assertTrue(Files.exists(killed.resolve(org.tradecurb.spark.WarehouseLock.FILE)),
        "the killed run left its lock behind");
    content(killed, "comtrade_raw").count();

    Launcher.Result recovery = Launcher.run("run", "--input", in.toString(), "--warehouse", killed.toString());
    assertEquals(0, recovery.exitCode(), recovery.stderr());
    for (String table : COMPARED) {
      Dataset<Row> expected = content(clean, table);
      Dataset<Row> actual = content(killed, table).select(expected.columns()[0],
          java.util.Arrays.copyOfRange(expected.columns(), 1, expected.columns().length));
      assertEquals(expected.count(), actual.count(), table + " row count");
      assertEquals(0L, expected.exceptAll(actual).count(), table + " rows missing after recovery");
      assertEquals(0L, actual.exceptAll(expected).count(), table + " rows extra after recovery");
    }
  }

  @Test
  void twoRunsAtOnceOnOneWarehouseDoNotInterleave() throws Exception {
    Path in = SharedReference.repoRoot().resolve("data-samples");
    Path warehouse = newDir("busy-wh");
    Process first = Launcher.start("run", "--input", in.toString(), "--warehouse", warehouse.toString());
    Path lock = warehouse.resolve(org.tradecurb.spark.WarehouseLock.FILE);
    long deadline = System.currentTimeMillis() + 120_000;
    while (!Files.exists(lock) && System.currentTimeMillis() < deadline) {
      Thread.sleep(100);
    }
    CompletableFuture<Launcher.Result> second = CompletableFuture.supplyAsync(() -> Launcher.run(Map.of(),
        "ingest", "--input", in.toString(), "--warehouse", warehouse.toString()));
    Launcher.Result busy = second.get(5, TimeUnit.MINUTES);
    assertEquals(5, busy.exitCode(), busy.stderr());
    Assertions.assertTrue(busy.stderr().contains("is busy"), busy.stderr());
    first.descendants().forEach(ProcessHandle::destroyForcibly);
    first.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
  }
}
