package org.tradecurb;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.tradecurb.config.TradecurbConfig;
import org.tradecurb.spark.Warehouse;

/**
 * The warehouse the README's first command builds from data-samples/ — bin/tradecurb run, the shaded jar
 * through SparkSubmit — built once per integration-test JVM and shared by the tests that read it (README
 * commands, notebooks, report, data dictionary), with every table registered by its bare name.
 */
public final class SampleWarehouse {

  private static Path built;

  private SampleWarehouse() {}

  public static synchronized Path get(SparkSession spark) {
    if (built == null) {
      Path dir = BuildUnderTest.directory().resolve("sample-warehouse");
      delete(dir);
      Launcher.Result run = Launcher.run("run", "--warehouse", dir.toString());
      if (run.exitCode() != 0) {
        throw new AssertionError("bin/tradecurb run failed with " + run.exitCode() + ":\n" + run.stderr());
      }
      built = dir;
    }
    TradecurbConfig config = TradecurbConfig.defaults().with("warehouse", built.toString());
    Warehouse.of(spark, config).registerForSql(Tables.all());
    return built;
  }

  private static void delete(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
