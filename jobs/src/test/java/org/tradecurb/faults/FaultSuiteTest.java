package org.tradecurb.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;


import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.tradecurb.ExitCode;
import org.tradecurb.SparkTestBase;
import org.tradecurb.Tables;
import org.tradecurb.TradecurbException;
import org.tradecurb.Warehouses;
import org.tradecurb.config.TradecurbConfig;
import org.tradecurb.ingest.BronzeTables;
import org.tradecurb.ingest.Source;
import org.tradecurb.pipeline.Pipeline;
import org.tradecurb.pipeline.RunContext;
import org.tradecurb.spark.TableSpec;

/**
 * The whole pipeline over {@link DamagedInputs}: every fault is caught where it should be, with its reason,
 * nothing good is lost, the counts reconcile, and no non-finite or out-of-vocabulary value reaches any table.
 */
class FaultSuiteTest extends SparkTestBase {

  @Test
  void everyFaultIsCaughtByNameWhileEveryGoodLineLandsAndNothingNonFiniteReachesATable() {
    Path in = newDir("faults");
    DamagedInputs.Manifest faults = DamagedInputs.write(in);
    Assertions.assertTrue(faults.kinds() >= 30, faults.kinds() + " kinds of fault");
    Path wh = newDir("wh");
    TradecurbConfig config = TradecurbConfig.defaults().with("input", in.toString())
        .with("warehouse", wh.toString());

    TradecurbException refused = assertThrows(TradecurbException.class,
        () -> Pipeline.run(RunContext.start(spark(), config), Pipeline.STAGES));
    assertEquals(ExitCode.UNREADABLE_INPUT, refused.exitCode());
    for (DamagedInputs.FileFault f : faults.files()) {
      Assertions.assertTrue(refused.getMessage().lines().anyMatch(l -> l.contains(f.file()) && l.contains(f.says())),
          f.kind() + ": " + f.file() + " refused saying '" + f.says() + "' in:\n" + refused.getMessage());
    }

    Set<String> expected = faults.rows().stream()
        .map(f -> f.stage() + " " + f.file() + ":" + f.line() + " " + f.reason())
        .collect(Collectors.toCollection(TreeSet::new));
    Set<String> quarantined = table(wh, "quarantine").selectExpr("concat_ws(' ', stage, "
        + "concat(source_file, ':', coalesce(cast(source_line AS string), 'null')), reason_code)")
        .collectAsList().stream().map(r -> r.getString(0)).collect(Collectors.toCollection(TreeSet::new));
    assertEquals(expected, quarantined, "each damaged line quarantined at its number with its reason, "
        + "and no good line");

    Set<String> landed = new TreeSet<>();
    for (Source s : Source.values()) {
      table(wh, BronzeTables.of(s).name()).selectExpr("concat(source_file, ':', source_line)").collectAsList()
          .forEach(r -> landed.add(r.getString(0)));
    }
    assertEquals(faults.bronzeLines(), landed, "every good line in bronze, once, at its number");
    Set<String> refusedFiles = faults.files().stream().map(DamagedInputs.FileFault::file).collect(Collectors.toSet());
    Assertions.assertTrue(landed.stream().noneMatch(l -> refusedFiles.contains(l.substring(0, l.lastIndexOf(':')))));

    assertEquals(0L, table(wh, "pipeline_runs").where("rows_read <> rows_accepted + rows_quarantined "
        + "+ rows_excluded").count(), "read = accepted + quarantined + excluded, for every stage and source");
    assertEquals(List.of("impact succeeded", "ingest partial", "normalize succeeded", "tag succeeded"), stagesRan(wh),
        "ingest is partial; what landed went on through every stage");
    String excluded = table(wh, "pipeline_runs").where("stage = 'normalize' AND source = 'comtrade'")
        .select("message").first().getString(0);
    Assertions.assertTrue(excluded.contains("excluded: annual_figure"), excluded);

    List<String> nonFinite = new ArrayList<>();
    for (TableSpec spec : Tables.all()) {
      if (!Files.isDirectory(wh.resolve(spec.name()))) {
        continue;
      }
      List<String> checks = new ArrayList<>();
      for (StructField f : spec.schema().fields()) {
        if (f.dataType().equals(DataTypes.DoubleType) || f.dataType().equals(DataTypes.FloatType)) {
          checks.add("sum(CASE WHEN isnan(`" + f.name() + "`) OR abs(`" + f.name()
              + "`) = double('Infinity') THEN 1 ELSE 0 END)");
        }
      }
      if (checks.isEmpty()) {
        continue;
      }
      Row counts = table(wh, spec.name()).selectExpr(checks.toArray(new String[0])).first();
      for (int i = 0; i < checks.size(); i++) {
        if (!counts.isNullAt(i) && counts.getLong(i) > 0) {
          nonFinite.add(spec.name() + ": " + checks.get(i));
        }
      }
    }
    assertEquals(List.of(), nonFinite, "no NaN or Infinity in any table");

    assertEquals(0L, table(wh, "trade_flows").where("flow NOT IN ('export', 'import') "
        + "OR currency NOT IN ('USD', 'CNY', 'JPY') OR NOT hs6 RLIKE '^[0-9]{6}$' "
        + "OR NOT reporter_iso3 RLIKE '^[A-Z]{3}$' OR NOT partner_iso3 RLIKE '^[A-Z]{3}$' "
        + "OR value < 0 OR value_usd < 0").count(), "trade_flows holds only known codes and figures");
  }

  private List<String> stagesRan(Path wh) {
    return table(wh, "pipeline_runs").selectExpr("concat(stage, ' ', status)").distinct()
        .collectAsList().stream().map(r -> r.getString(0)).sorted().toList();
  }

  private Dataset<Row> table(Path warehouse, String name) {
    return Warehouses.table(spark(), warehouse, name);
  }
}
