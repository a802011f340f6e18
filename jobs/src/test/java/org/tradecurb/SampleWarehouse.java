package org.tradecurb;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
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

  /** Beside the warehouse once its run succeeded: what built it (see {@link #stamp}). */
  private static final String BUILT_BY = "sample-warehouse.built-by";

  private static Path built;

  private SampleWarehouse() {}

  public static synchronized Path get(SparkSession spark) {
    if (built == null) {
      Path dir = BuildUnderTest.directory().resolve("sample-warehouse");
      delete(dir);
      delete(dir.resolveSibling(BUILT_BY));
      Launcher.Result run = Launcher.run("run", "--warehouse", dir.toString());
      if (run.exitCode() != 0) {
        throw new AssertionError("bin/tradecurb run failed with " + run.exitCode() + ":\n" + run.stderr());
      }
      write(dir.resolveSibling(BUILT_BY), stamp(BuildUnderTest.directory()));
      built = dir;
    }
    TradecurbConfig config = TradecurbConfig.defaults().with("warehouse", built.toString());
    Warehouse.of(spark, config).registerForSql(Tables.all());
    return built;
  }

  /**
   * The sample warehouse of the Spark line whose build folder is given, as that line's integration tests left
   * it, when its jar as it is now built it from data-samples/ as they are now; else empty. The caller makes
   * sure the jar is current (any bin/tradecurb launch of that line rebuilds a stale one).
   */
  public static Optional<Path> builtBy(Path lineDirectory) {
    Path dir = lineDirectory.resolve("sample-warehouse");
    Path builtBy = lineDirectory.resolve(BUILT_BY);
    try {
      return Files.isDirectory(dir) && Files.isRegularFile(builtBy)
          && Files.readString(builtBy).equals(stamp(lineDirectory)) ? Optional.of(dir) : Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The line's application jar (name, size, time) and the newest time under data-samples/. */
  private static String stamp(Path lineDirectory) {
    Path jar = BuildUnderTest.applicationJar(lineDirectory);
    if (jar == null) {
      throw new AssertionError("no application jar in " + lineDirectory);
    }
    try (Stream<Path> samples = Files.walk(SharedReference.repoRoot().resolve("data-samples"))) {
      long newestSample = samples.mapToLong(p -> p.toFile().lastModified()).max().orElse(0);
      return jar.getFileName() + " " + Files.size(jar) + " " + Files.getLastModifiedTime(jar).toMillis() + " "
          + newestSample + "\n";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void write(Path file, String text) {
    try {
      Files.writeString(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
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
