package org.tradecurb.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import org.apache.spark.sql.SparkSession;
import org.tradecurb.ExitCode;
import org.tradecurb.TradecurbException;
import org.tradecurb.config.TradecurbConfig;
import org.tradecurb.report.HtmlReport;
import org.tradecurb.report.ReportData;
import org.tradecurb.report.ReportTables;
import org.tradecurb.spark.Sessions;
import org.tradecurb.spark.Warehouse;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * One self-contained HTML page on a curb's effect on China's exports to Japan, from the gold tables: styles,
 * script and charts inline, nothing fetched when it is opened.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
    description = "Write a self-contained HTML report of a curb's effect on China-Japan trade "
        + "(headline, charts, diversion, methods and caveats) from the impact tables.")
public final class ReportCommand implements Runnable {

  @Mixin
  PipelineOptions options;

  @Option(names = "--event", paramLabel = "ID", defaultValue = "jp_ban_2026",
      description = "Event to report on, an event_id of curb_events (default: jp_ban_2026)")
  String event;

  @Option(names = "--out", paramLabel = "FILE.html", required = true, description = "HTML file to write")
  Path out;

  @Override
  public void run() {
    TradecurbConfig config = options.load();
    SparkSession spark = Sessions.getOrCreate("tradecurb report");
    Warehouse warehouse = Warehouse.of(spark, config);
    String generatedAt = ZonedDateTime.now(ZoneOffset.UTC)
        .format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'"));
    ReportData data = ReportTables.read(warehouse, event, Path.of(config.input()).toAbsolutePath(), generatedAt);
    String html = HtmlReport.render(data);
    try {
      Path file = out.toAbsolutePath();
      if (file.getParent() != null) {
        Files.createDirectories(file.getParent());
      }
      Files.writeString(file, html, StandardCharsets.UTF_8);
      System.out.println("report written to " + file + " (" + (html.length() / 1024) + " kB)");
    } catch (IOException e) {
      throw new TradecurbException(ExitCode.FAILURE, "cannot write the report to " + out + ": " + e.getMessage(), e);
    }
  }
}
