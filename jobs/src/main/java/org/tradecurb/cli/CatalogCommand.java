package org.tradecurb.cli;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.tradecurb.ExitCode;
import org.tradecurb.TradecurbException;
import org.tradecurb.config.TradecurbConfig;
import org.tradecurb.tag.DualUseCatalog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Prints the dual-use catalogue in use (shipped, extended or replaced by the user's file), filtered. */
@Command(name = "catalog", mixinStandardHelpOptions = true,
    description = "Print the dual-use catalogue in use, optionally only one category, instrument or date.")
final class CatalogCommand implements Runnable {

  @Mixin
  PipelineOptions options;

  @Option(names = "--category", paramLabel = "CATEGORY", description = "Only this category, e.g. rare_earth_magnets")
  String category;

  @Option(names = "--instrument", paramLabel = "ID", description = "Only this instrument, e.g. 'MOFCOM-GACC 2025/18'")
  String instrument;

  @Option(names = "--in-force-on", paramLabel = "YYYY-MM-DD",
      description = "Only controls in force that day (effective, not suspended, code valid)")
  LocalDate inForceOn;

  @Option(names = "--format", defaultValue = "table", description = "table or csv (default: table)")
  String format;

  static final List<String> SHOWN = List.of("instrument", "category", "code_system", "code", "match",
      "breadth", "effective_from", "suspended_from", "suspended_to", "destinations", "confidence", "material");

  @Override
  public void run() {
    TradecurbConfig config = options.load();
    DualUseCatalog catalog = DualUseCatalog.load(config);
    if (category != null && !DualUseCatalog.CATEGORIES.contains(category)) {
      throw new TradecurbException(ExitCode.USAGE, "unknown category '" + category + "'; one of "
          + DualUseCatalog.CATEGORIES);
    }
    List<List<String>> rows = new ArrayList<>();
    for (DualUseCatalog.Entry e : catalog.entries()) {
      if ((category == null || category.equals(e.category()))
          && (instrument == null || instrument.equals(e.instrument()))
          && (inForceOn == null || inForce(e, inForceOn))) {
        rows.add(List.of(e.instrument(), e.category(), e.codeSystem(), e.code(), e.match(),
            e.breadth() == null ? "" : e.breadth(), String.valueOf(e.effectiveFrom()), text(e.suspendedFrom()),
            text(e.suspendedTo()),
            String.join("|", e.destinations()), e.confidence(), e.material()));
      }
    }
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    switch (format) {
      case "csv" -> {
        out.println(String.join(",", SHOWN));
        rows.forEach(r -> out.println(String.join(",", r.stream().map(SqlCommand::csvField).toList())));
      }
      case "table" -> printTable(out, rows);
      default -> throw new TradecurbException(ExitCode.USAGE, "--format is table or csv, not '" + format + "'");
    }
    System.err.println(rows.size() + " of " + catalog.entries().size() + " catalogue rows; version "
        + catalog.version().substring(0, 12));
  }

  /** In force that day: effective, not suspended, and the national code exists in that year's tariff. */
  static boolean inForce(DualUseCatalog.Entry e, LocalDate day) {
    boolean suspended = e.suspendedFrom() != null && !day.isBefore(e.suspendedFrom())
        && !day.isAfter(e.suspendedTo());
    boolean codeValid = (e.codeValidFrom() == null || !day.isBefore(e.codeValidFrom()))
        && (e.codeValidTo() == null || !day.isAfter(e.codeValidTo()));
    return !day.isBefore(e.effectiveFrom()) && !suspended && codeValid;
  }

  private static String text(LocalDate d) {
    return d == null ? "" : d.toString();
  }

  private static void printTable(PrintStream out, List<List<String>> rows) {
    int[] width = SHOWN.stream().mapToInt(String::length).toArray();
    for (List<String> r : rows) {
      for (int i = 0; i < r.size(); i++) {
        width[i] = Math.max(width[i], Math.min(r.get(i).length(), 60));
      }
    }
    StringBuilder header = new StringBuilder();
    for (int i = 0; i < SHOWN.size(); i++) {
      header.append(String.format("%-" + width[i] + "s  ", SHOWN.get(i)));
    }
    out.println(header.toString().stripTrailing());
    for (List<String> r : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < r.size(); i++) {
        String v = r.get(i).length() > 60 ? r.get(i).substring(0, 57) + "..." : r.get(i);
        line.append(String.format("%-" + width[i] + "s  ", v));
      }
      out.println(line.toString().stripTrailing());
    }
  }
}
