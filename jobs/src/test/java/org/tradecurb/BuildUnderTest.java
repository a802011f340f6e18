package org.tradecurb;

import java.nio.file.Path;

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
}
