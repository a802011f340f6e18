package org.tradecurb.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.tradecurb.Tables;
import org.tradecurb.TradecurbException;
import org.tradecurb.quality.PipelineRuns;
import org.tradecurb.spark.TableSpec;
import org.tradecurb.spark.Warehouse;

/**
 * Table maintenance, kept off the pipeline's hot path: OPTIMIZE compacts the small files monthly loads
 * leave, VACUUM deletes files no table version younger than the retention still reads. Time travel further
 * back than the retention is lost, so the retention never goes below Delta's own 7-day safety margin.
 */
public final class Maintenance {

  public static final String NAME = "maintain";
  public static final int MIN_RETAIN_HOURS = 168;

  private static final int TABLES_AT_ONCE = 4;

  private Maintenance() {}

  public static void run(RunContext run, boolean optimize, boolean vacuum, int retainHours) {
    if (retainHours < MIN_RETAIN_HOURS) {
      throw TradecurbException.badConfig("VACUUM retention " + retainHours + " h is below " + MIN_RETAIN_HOURS
          + " h: a reader or a rerun could still need those files");
    }
    long started = System.currentTimeMillis();
    Warehouse warehouse = run.warehouse();
    List<TableSpec> tables = Tables.all().stream().filter(warehouse::exists).toList();
    // Tables are independent and each command spends most of its time in the driver (listing, planning,
    // committing), so a few run side by side.
    ExecutorService pool = Executors.newFixedThreadPool(TABLES_AT_ONCE);
    try {
      List<Future<?>> pending = new ArrayList<>();
      for (TableSpec table : tables) {
        pending.add(pool.submit(() -> maintain(run, table, optimize, vacuum, retainHours)));
      }
      for (Future<?> f : pending) {
        f.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("maintenance interrupted", e);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
    } finally {
      pool.shutdownNow();
    }
    List<String> done = tables.stream().map(TableSpec::name).toList();
    PipelineRuns.Entry entry = new PipelineRuns.Entry(NAME, "all");
    entry.message = (optimize ? "optimized" : "") + (optimize && vacuum ? " and " : "")
        + (vacuum ? "vacuumed (retain " + retainHours + " h)" : "") + ": " + String.join(", ", done);
    run.record(started, List.of(entry));
  }

  private static void maintain(RunContext run, TableSpec table, boolean optimize, boolean vacuum,
      int retainHours) {
    String id = run.warehouse().identifier(table);
    if (optimize) {
      run.describe(NAME, "optimize " + table.name());
      run.spark().sql("OPTIMIZE " + id);
    }
    if (vacuum) {
      run.describe(NAME, "vacuum " + table.name());
      run.spark().sql("VACUUM " + id + " RETAIN " + retainHours + " HOURS");
    }
  }
}
