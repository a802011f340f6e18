package org.tradecurb.pipeline;

import java.util.List;
import java.util.Map;
import org.tradecurb.Tables;
import org.tradecurb.TradecurbException;
import org.tradecurb.quality.PipelineRuns;
import org.tradecurb.spark.Parallel;
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
    Parallel.run(tables.size(), i -> {
      TableSpec table = tables.get(i);
      String id = warehouse.identifier(table);
      if (optimize) {
        run.step(NAME, "optimize " + table.name(), () -> run.spark().sql("OPTIMIZE " + id));
      }
      if (vacuum) {
        run.step(NAME, "vacuum " + table.name(),
            () -> run.spark().sql("VACUUM " + id + " RETAIN " + retainHours + " HOURS"));
      }
    });
    PipelineRuns.Entry entry = new PipelineRuns.Entry(NAME, "all");
    entry.message = (optimize ? "optimized" : "") + (optimize && vacuum ? " and " : "")
        + (vacuum ? "vacuumed (retain " + retainHours + " h)" : "") + ": "
        + String.join(", ", tables.stream().map(TableSpec::name).toList());
    Pipeline.record(run, StageResult.of(NAME, List.of(entry), Map.of()), started);
  }
}
