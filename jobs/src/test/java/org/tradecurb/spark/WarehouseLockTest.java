package org.tradecurb.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.tradecurb.ExitCode;
import org.tradecurb.TradecurbException;

class WarehouseLockTest {

  private static final Duration NO_WAIT = Duration.ZERO;
  private static final Duration DAY = Duration.ofHours(24);

  @Test
  void aSecondRunOnTheSameWarehouseFailsNamingTheHolderUntilTheFirstReleases() throws Exception {
    Path dir = Files.createTempDirectory("lock");
    Configuration conf = new Configuration();
    try (WarehouseLock first = WarehouseLock.acquire(conf, dir.toString(), "run-1", NO_WAIT, DAY)) {
      TradecurbException e = assertThrows(TradecurbException.class,
          () -> WarehouseLock.acquire(conf, dir.toString(), "run-2", NO_WAIT, DAY));
      assertEquals(ExitCode.WAREHOUSE_BUSY, e.exitCode());
      assertTrue(e.getMessage().contains("run run-1 (pid " + ProcessHandle.current().pid()), e.getMessage());
    }
    WarehouseLock.acquire(conf, dir.toString(), "run-3", NO_WAIT, DAY).close();
  }

  @Test
  void aLockLeftByAKilledProcessIsTakenOver() throws Exception {
    Path dir = Files.createTempDirectory("lock");
    Process gone = new ProcessBuilder("true").start();
    gone.waitFor();
    Files.writeString(dir.resolve(WarehouseLock.FILE), "run_id=killed\npid=" + gone.pid() + "\nhost="
        + java.net.InetAddress.getLocalHost().getHostName() + "\nstarted=" + java.time.Instant.now() + "\n");
    WarehouseLock.acquire(new Configuration(), dir.toString(), "run-after-kill", NO_WAIT, DAY).close();
  }

  @Test
  void aLockOlderThanTheStaleLimitIsTakenOverEvenFromAnotherHost() throws Exception {
    Path dir = Files.createTempDirectory("lock");
    Files.writeString(dir.resolve(WarehouseLock.FILE), "run_id=old\npid=1\nhost=elsewhere\nstarted="
        + java.time.Instant.now().minus(Duration.ofHours(30)) + "\n");
    WarehouseLock.acquire(new Configuration(), dir.toString(), "run-new", NO_WAIT, DAY).close();
  }
}
