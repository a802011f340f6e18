package org.tradecurb.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The command line without Spark: help, usage errors and their exit codes. */
class MainTest {

  private record Outcome(int code, String out, String err) {}

  private static Outcome run(String... args) {
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
      int code = Main.execute(args);
      return new Outcome(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
  }

  @Test
  void everyCommandHasHelp() {
    for (String command : new String[] {"run", "ingest", "normalize", "tag", "impact", "sql", "generate", "report", "catalog",
        "maintain"}) {
      Outcome help = run(command, "--help");
      assertEquals(0, help.code(), command);
      assertTrue(help.out().contains("Usage: tradecurb " + command), help.out());
    }
    Outcome top = run("--help");
    assertTrue(top.out().contains("run") && top.out().contains("sql"), top.out());
  }

  @Test
  void theCatalogCommandFiltersByCategoryAndDate() {
    Outcome magnets = run("catalog", "--category", "rare_earth_magnets", "--in-force-on", "2025-03-01",
        "--format", "csv");
    assertEquals(0, magnets.code(), magnets.err());
    assertEquals(1, magnets.out().strip().split("\n").length, "before 2025-04-04 no magnet control: header only");
    Outcome after = run("catalog", "--category", "rare_earth_magnets", "--in-force-on", "2025-05-01");
    assertTrue(after.out().contains("850511000") && after.out().contains("MOFCOM-GACC 2025/18"), after.out());
    Outcome suspended = run("catalog", "--instrument", "MOFCOM 2024/46", "--in-force-on", "2026-01-15",
        "--format", "csv");
    assertEquals(1, suspended.out().strip().split("\n").length, "the US-only ban is suspended then");
    assertEquals(64, run("catalog", "--category", "unobtainium").code());
  }

  @Test
  void usageErrorsExitWith64AndBadConfigurationWith2() {
    Outcome unknown = run("frobnicate");
    assertEquals(64, unknown.code());
    assertEquals("tradecurb: Unmatched argument at index 0: 'frobnicate' (see tradecurb --help)",
        unknown.err().strip(), "one line, not the usage text");
    Outcome badOption = run("maintain", "--bogus");
    assertEquals(64, badOption.code());
    assertEquals("tradecurb: Unknown option: '--bogus' (see tradecurb maintain --help)", badOption.err().strip());
    assertEquals(64, run("generate", "--out", "x", "--seed", "abc").code());
    Outcome config = run("run", "--config", "/does/not/exist.conf");
    assertEquals(2, config.code());
    assertEquals("tradecurb: config file not found: /does/not/exist.conf", config.err().strip());
  }
}
