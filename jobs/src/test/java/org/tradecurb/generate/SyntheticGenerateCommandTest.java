package org.tradecurb.generate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tradecurb.ExitCode;
import org.tradecurb.TradecurbException;
import org.tradecurb.cli.GenerateCommand;
import picocli.CommandLine;

class SyntheticGenerateCommandTest {

  @TempDir
  Path temp;

  private static GenerateCommand command(String... args) {
    return CommandLine.populateCommand(new GenerateCommand(), args);
  }

  @Test
  void theReadmesCommandLineReproducesTheFiles() throws IOException {
    Path first = temp.resolve("first");
    command("--out", first.toString(), "--seed", "42", "--start", "2025-01", "--end", "2025-08",
        "--event-month", "2025-06", "--anticipation-month", "2025-04", "--front-loading", "0.3", "--codes", "3",
        "--partners", "2", "--bad-rows", "4", "--diversion-to", "vnm").run();
    String readme = Files.readString(first.resolve("README.md"));
    String line = readme.lines().filter(l -> l.startsWith("tradecurb generate")).findFirst().orElseThrow();
    assertTrue(line.contains("--diversion-to VNM") && line.contains("--codes 3"), line);
    Path second = temp.resolve("second");
    List<String> args = new ArrayList<>(Arrays.asList(line.split(" ")).subList(2, line.split(" ").length));
    args.set(args.indexOf("DIR"), second.toString());
    command(args.toArray(new String[0])).run();
    try (Stream<Path> files = Files.walk(first)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        assertArrayEquals(Files.readAllBytes(f), Files.readAllBytes(second.resolve(first.relativize(f))),
            first.relativize(f).toString());
      }
    }
  }

  @Test
  void invalidOptionsAreUsageErrors() throws IOException {
    Path dir = temp.resolve("x");
    for (String[] bad : List.of(
        new String[] {"--value-change", "-1"},
        new String[] {"--start", "2025-13"},
        new String[] {"--diversion-to", "JPN"},
        new String[] {"--end", "2031-01"})) {
      List<String> args = new ArrayList<>(List.of("--out", dir.toString()));
      args.addAll(List.of(bad));
      TradecurbException e = assertThrows(TradecurbException.class, () -> command(args.toArray(new String[0])).run(),
          String.join(" ", bad));
      assertEquals(ExitCode.USAGE, e.exitCode());
    }
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("old.csv"), "x");
    TradecurbException notEmpty = assertThrows(TradecurbException.class, () -> command("--out", dir.toString()).run());
    assertEquals(ExitCode.USAGE, notEmpty.exitCode());
    assertTrue(notEmpty.getMessage().contains("not empty"), notEmpty.getMessage());
  }
}
