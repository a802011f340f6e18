package org.tradecurb;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The Spark line this test run was built for (surefire and failsafe pass it from the pom): 3 by default,
 * 4 under profile spark4, each with its own build folder, jar and Scala version.
 */
public final class BuildUnderTest {

  private BuildUnderTest() {}

  /** "3" or "4": what bin/tradecurb reads from TRADECURB_SPARK. */
  public static String sparkLine() {
    return System.getProperty("tradecurb.spark.line", "3");
  }

  /** jobs/target, or jobs/target/spark4: the jar, launcher files and integration-test output. */
  public static Path directory() {
    return Path.of(System.getProperty("tradecurb.build.directory", "target")).toAbsolutePath();
  }

  public static String scalaBinaryVersion() {
    return System.getProperty("tradecurb.scala.binary.version", "2.12");
  }

  /**
   * The newest application jar a line's build folder holds (not the pre-shade original, tests or sources);
   * null when there is none yet.
   */
  public static Path applicationJar(Path buildDirectory) {
    if (!Files.isDirectory(buildDirectory)) {
      return null;
    }
    try (Stream<Path> files = Files.list(buildDirectory)) {
      return files.filter(p -> p.getFileName().toString().matches("tradecurb-jobs-.+\\.jar"))
          .filter(p -> !p.getFileName().toString().matches(".*-(tests|sources|javadoc)\\.jar"))
          .max(Comparator.comparing(p -> p.toFile().lastModified()))
          .orElse(null);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
