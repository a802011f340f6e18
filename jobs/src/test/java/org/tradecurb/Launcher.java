package org.tradecurb;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs bin/tradecurb as a user would, from the repository root, and captures what it printed. */
public final class Launcher {

  public record Result(int exitCode, String stdout, String stderr) {}

  private Launcher() {}

  private static ProcessBuilder builder(Map<String, String> environment, String... args) {
    Path root = SharedReference.repoRoot();
    List<String> command = new ArrayList<>();
    command.add(root.resolve("bin/tradecurb").toString());
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).directory(root.toFile());
    pb.environment().put("SPARK_MASTER", "local[2]");
    pb.environment().put("SPARK_DRIVER_MEMORY", "2g");
    // JVM flags as the launcher picks them (test inputs are small: the quick JIT): no SPARK_DRIVER_JAVA_OPTS.
    pb.environment().remove("SPARK_DRIVER_JAVA_OPTS");
    // The jar of the line under test, unless a test names the other line.
    pb.environment().put("TRADECURB_SPARK", BuildUnderTest.sparkLine());
    pb.environment().putAll(environment);
    return pb;
  }

  /** Starts bin/tradecurb in the background (output discarded), for tests that kill or race it. */
  public static Process start(String... args) {
    try {
      return builder(Map.of(), args).redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    } catch (IOException e) {
      throw new AssertionError("cannot start bin/tradecurb", e);
    }
  }

  public static Result run(Map<String, String> environment, String... args) {
    try {
      Path out = Files.createTempFile("tradecurb-out", ".txt");
      Path err = Files.createTempFile("tradecurb-err", ".txt");
      Process p = builder(environment, args).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
      if (!p.waitFor(10, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        throw new AssertionError("bin/tradecurb " + String.join(" ", args) + " did not finish in 10 minutes");
      }
      return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new AssertionError("cannot run bin/tradecurb", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  public static Result run(String... args) {
    return run(Map.of(), args);
  }
}
