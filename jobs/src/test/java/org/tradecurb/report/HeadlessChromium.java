package org.tradecurb.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Debian's Chromium, headless, with the network cut off: every host name fails to resolve and any proxied
 * connection goes to a closed port, so a page that needs the network shows it. Each run gets a fresh profile.
 */
final class HeadlessChromium {

  static final Path BINARY = Path.of("/usr/bin/chromium");
  private static final long TIMEOUT_SECONDS = 120;

  /** What one run left: stdout (the DOM for --dump-dom) and stderr (the log). */
  record Result(int exitCode, String stdout, String stderr) {

    /** Log lines of console messages (Chromium logs them as CONSOLE whatever their level). */
    List<String> consoleLines() {
      return stderr.lines().filter(l -> l.contains(":CONSOLE")).toList();
    }
  }

  private HeadlessChromium() {}

  static boolean available() {
    return Files.isExecutable(BINARY);
  }

  private static List<String> flags(Path profile) {
    return new ArrayList<>(List.of(BINARY.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
        "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-extensions", "--disable-dev-shm-usage", "--hide-scrollbars", "--user-data-dir=" + profile,
        "--host-resolver-rules=MAP * ~NOTFOUND", "--proxy-server=127.0.0.1:9"));
  }

  /** The DOM after the page's scripts ran, with console messages logged to stderr. */
  static Result dumpDom(Path page, int width, int height) {
    List<String> cmd = new ArrayList<>();
    return run(profile -> {
      cmd.addAll(flags(profile));
      cmd.addAll(List.of("--enable-logging=stderr", "--v=1", "--window-size=" + width + "," + height,
          "--virtual-time-budget=5000", "--dump-dom", page.toUri().toString()));
      return cmd;
    });
  }

  /** A PNG of the page at this window size: the full page when {@code height} is the page's height. */
  static Result screenshot(Path page, Path png, int width, int height) {
    return run(profile -> {
      List<String> cmd = flags(profile);
      cmd.addAll(List.of("--window-size=" + width + "," + height, "--screenshot=" + png.toAbsolutePath(),
          page.toUri().toString()));
      return cmd;
    });
  }

  private static Result run(java.util.function.Function<Path, List<String>> command) {
    Path profile = null;
    try {
      profile = Files.createTempDirectory("tradecurb-chromium-");
      Path out = profile.resolveSibling(profile.getFileName() + ".out");
      Path err = profile.resolveSibling(profile.getFileName() + ".err");
      Process p = new ProcessBuilder(command.apply(profile.resolve("profile")))
          .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
      if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        throw new IllegalStateException("chromium did not finish in " + TIMEOUT_SECONDS + " s");
      }
      Result r = new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
      return r;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } finally {
      delete(profile);
    }
  }

  private static void delete(Path dir) {
    if (dir == null || !Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a leftover temporary profile is harmless
    }
  }
}
