package org.tradecurb.spark;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.tradecurb.ExitCode;
import org.tradecurb.TradecurbException;

/**
 * One writer per warehouse: a run holds {@code <warehouse>/_tradecurb.lock} (created only if absent) while
 * its stages write. A second run waits up to the configured time, then fails with exit code 5 naming the
 * holder. A lock left by a killed run is taken over when its process is gone (same host) or it is older
 * than the stale limit. Delta keeps each table consistent on its own; the lock keeps runs from interleaving
 * stages across tables. Object stores without atomic create (S3) need the wait at 0 and one scheduler.
 */
public final class WarehouseLock implements AutoCloseable {

  public static final String FILE = "_tradecurb.lock";

  private final FileSystem fs;
  private final Path path;

  private WarehouseLock(FileSystem fs, Path path) {
    this.fs = fs;
    this.path = path;
  }

  public static WarehouseLock acquire(Configuration hadoop, String warehouse, String runId, Duration wait,
      Duration staleAfter) {
    Path path = new Path(warehouse, FILE);
    try {
      FileSystem fs = path.getFileSystem(hadoop);
      fs.mkdirs(path.getParent());
      Instant deadline = Instant.now().plus(wait);
      while (true) {
        if (tryCreate(fs, path, runId)) {
          return new WarehouseLock(fs, path);
        }
        Properties holder = read(fs, path);
        if (holder != null && stale(holder, staleAfter)) {
          // Delete-then-create keeps the take-over atomic: of two runs doing it, one create wins.
          fs.delete(path, false);
          continue;
        }
        if (Instant.now().isAfter(deadline)) {
          throw new TradecurbException(ExitCode.WAREHOUSE_BUSY, "warehouse " + warehouse + " is busy: run "
              + (holder == null ? "?" : holder.getProperty("run_id") + " (pid " + holder.getProperty("pid")
                  + " on " + holder.getProperty("host") + ", since " + holder.getProperty("started") + ")")
              + " holds " + path + "; retry later, or delete the file if that run is gone");
        }
        Thread.sleep(2000);
      }
    } catch (IOException e) {
      throw new TradecurbException(ExitCode.FAILURE, "cannot lock warehouse " + warehouse + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TradecurbException(ExitCode.FAILURE, "interrupted while waiting for the warehouse lock", e);
    }
  }

  private static boolean tryCreate(FileSystem fs, Path path, String runId) throws IOException {
    Properties p = new Properties();
    p.setProperty("run_id", runId);
    p.setProperty("pid", String.valueOf(ProcessHandle.current().pid()));
    p.setProperty("host", host());
    p.setProperty("started", Instant.now().toString());
    try (OutputStream out = fs.create(path, false)) {
      p.store(out, "tradecurb warehouse lock");
      return true;
    } catch (FileAlreadyExistsException e) {
      return false;
    } catch (IOException e) {
      if (fs.exists(path)) {
        return false;
      }
      throw e;
    }
  }

  private static Properties read(FileSystem fs, Path path) throws IOException {
    try (InputStream in = fs.open(path)) {
      Properties p = new Properties();
      p.load(new java.io.InputStreamReader(in, StandardCharsets.ISO_8859_1));
      return p;
    } catch (java.io.FileNotFoundException e) {
      return null;
    }
  }

  private static boolean stale(Properties holder, Duration staleAfter) {
    try {
      if (Instant.parse(holder.getProperty("started")).plus(staleAfter).isBefore(Instant.now())) {
        return true;
      }
    } catch (RuntimeException e) {
      return true;
    }
    if (!host().equals(holder.getProperty("host"))) {
      return false;
    }
    try {
      return ProcessHandle.of(Long.parseLong(holder.getProperty("pid"))).map(h -> !h.isAlive()).orElse(true);
    } catch (NumberFormatException e) {
      return true;
    }
  }

  private static String host() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return ManagementFactory.getRuntimeMXBean().getName();
    }
  }

  @Override
  public void close() {
    try {
      fs.delete(path, false);
    } catch (IOException e) {
      throw new TradecurbException(ExitCode.FAILURE, "cannot release warehouse lock " + path + ": " + e.getMessage(), e);
    }
  }
}
