package org.tradecurb.report;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.tradecurb.ExitCode;
import org.tradecurb.SampleWarehouse;
import org.tradecurb.SharedReference;
import org.tradecurb.SparkTestBase;
import org.tradecurb.TradecurbException;
import org.tradecurb.cli.ReportCommand;
import org.tradecurb.config.TradecurbConfig;
import org.tradecurb.spark.Warehouse;
import picocli.CommandLine;

/** The thin Spark part: what it collects from the sample warehouse, and the command around it. */
class HtmlReportWarehouseIT extends SparkTestBase {

  private Warehouse warehouse(Path dir) {
    return Warehouse.of(spark(), TradecurbConfig.defaults().with("warehouse", dir.toString()));
  }

  private ReportData sample() {
    return ReportTables.read(warehouse(SampleWarehouse.get(spark())), "jp_ban_2026",
        SharedReference.repoRoot().resolve("data-samples"), "now");
  }

  @Test
  void collectsChinasExportsToJapanForTheEvent() {
    ReportData data = sample();
    Assertions.assertEquals("jp_ban_2026", data.event().id());
    Assertions.assertEquals(java.time.LocalDate.of(2026, 1, 6), data.event().date());
    Assertions.assertEquals(java.time.LocalDate.of(2025, 11, 7), data.event().anticipationDate());

    Row expected = sql("SELECT value_change_pct, yoy_value_change_pct, did_vs_non_dual_use, "
        + "did_vs_control_destinations, did_triple, quantity_change_pct, unit_value_change_pct, pre_value_usd "
        + "FROM curb_impact WHERE event_id = 'jp_ban_2026' AND reporter_iso3 = 'CHN' AND partner_iso3 = 'JPN' "
        + "AND flow = 'export' AND category = 'all_dual_use'").first();
    ReportData.Impact all = data.impact().stream().filter(i -> i.category().equals("all_dual_use")).findFirst()
        .orElseThrow();
    Assertions.assertEquals(expected.getDouble(0), all.valueChangePct(), 1e-9);
    Assertions.assertEquals(expected.getDouble(4), all.didTriple(), 1e-9);
    Assertions.assertTrue(data.impact().stream().anyMatch(i -> i.category().equals("non_dual_use")));

    long months = sql("SELECT count(DISTINCT period) FROM monthly_flows WHERE reporter_iso3 = 'CHN' "
        + "AND partner_iso3 = 'JPN' AND flow = 'export'").first().getLong(0);
    Assertions.assertEquals(2 * months, data.monthly().size(), "dual-use and non-dual-use per month");
    Assertions.assertTrue(data.monthly().stream().anyMatch(ReportData.Monthly::splitFromCombined),
        "the samples' combined Jan+Feb 2025 release");
    Assertions.assertTrue(data.eventStudy().stream().allMatch(p -> p.relativeMonth() >= -12 && p.relativeMonth() <= 12));
    Assertions.assertTrue(data.eventStudy().stream().anyMatch(ReportData.StudyPoint::anticipation));
    Assertions.assertTrue(data.mirror().stream().allMatch(m -> m.category().equals("all_dual_use")));
    Assertions.assertTrue(data.diversion().stream().anyMatch(d -> d.routeTargeted() && d.partner().equals("JPN")));
    Assertions.assertEquals(Boolean.TRUE, data.provenance().builtFromSyntheticSamples());
    Row ranking = sql("SELECT target_rank, ranked FROM placebo_tests WHERE event_id = 'jp_ban_2026' "
        + "AND reporter_iso3 = 'CHN' AND partner_iso3 = 'JPN' AND flow = 'export' AND category = 'all_dual_use' "
        + "AND measure = 'did_vs_control_destinations' AND test = 'target'").first();
    Assertions.assertEquals(java.util.Set.of("target", "destination", "event_minus_6_months",
        "event_minus_12_months"), data.placebos().stream().map(ReportData.Placebo::test)
            .collect(java.util.stream.Collectors.toSet()));

    String html = HtmlReport.render(data);
    Assertions.assertTrue(html.contains("ranks " + ranking.getInt(0) + " of " + ranking.getInt(1)),
        "the placebo ranking beside the DiD");
    for (int i = 0; i < 7; i++) {
      Assertions.assertTrue(html.contains(Fmt.signedPct(expected.getDouble(i))), "headline figure " + i + " shown");
    }
    Assertions.assertTrue(html.contains(Fmt.usd(expected.getDouble(7))), "pre-window mean shown");
  }

  @Test
  void theReportCommandWritesTheFile() throws Exception {
    Path warehouse = SampleWarehouse.get(spark());
    Path out = Path.of("target", "report", "cli", "report.html").toAbsolutePath();
    Files.deleteIfExists(out);
    // The command's Sessions.getOrCreate reuses this session and applies production settings to it: put the
    // test settings back afterwards for the tests that follow in this JVM.
    java.util.Map<String, scala.Option<String>> before = new java.util.HashMap<>();
    for (String key : org.tradecurb.spark.Sessions.defaults().keySet()) {
      before.put(key, spark().conf().getOption(key));
    }
    int code;
    try {
      code = new CommandLine(new ReportCommand()).execute("--warehouse", warehouse.toString(),
          "--input", SharedReference.repoRoot().resolve("data-samples").toString(), "--out", out.toString());
    } finally {
      before.forEach((key, value) -> {
        if (spark().conf().isModifiable(key)) {
          if (value.isDefined()) {
            spark().conf().set(key, value.get());
          } else {
            spark().conf().unset(key);
          }
        }
      });
    }
    Assertions.assertEquals(0, code);
    String html = Files.readString(out, StandardCharsets.UTF_8);
    Assertions.assertTrue(html.startsWith("<!DOCTYPE html>"));
    Assertions.assertTrue(html.contains("tradecurb report \u00b7 event jp_ban_2026"), "the default event");
    Assertions.assertTrue(html.contains("Synthetic sample data."));
  }

  @Test
  void everyConfiguredEventRenders() {
    Warehouse w = warehouse(SampleWarehouse.get(spark()));
    for (Row event : sql("SELECT event_id FROM curb_events ORDER BY event_id").collectAsList()) {
      String id = event.getString(0);
      String html = HtmlReport.render(ReportTables.read(w, id, null, "now"));
      Assertions.assertTrue(html.contains("tradecurb report \u00b7 event " + id), id);
      Assertions.assertTrue(html.endsWith("</html>\n"), id + " renders to the end");
    }
  }

  @Test
  void anUnknownEventIsAUsageErrorNamingTheKnownOnes() {
    TradecurbException e = Assertions.assertThrows(TradecurbException.class, () -> ReportTables.read(
        warehouse(SampleWarehouse.get(spark())), "no_such_event", null, "now"));
    Assertions.assertEquals(ExitCode.USAGE, e.exitCode());
    Assertions.assertTrue(e.getMessage().contains("unknown event 'no_such_event'"), e.getMessage());
    Assertions.assertTrue(e.getMessage().contains("jp_ban_2026"), e.getMessage());
  }

  @Test
  void aWarehouseWithoutTheImpactTablesSaysWhatToRun() {
    TradecurbException e = Assertions.assertThrows(TradecurbException.class, () -> ReportTables.read(
        warehouse(newDir("empty-wh")), "jp_ban_2026", null, "now"));
    Assertions.assertEquals(ExitCode.USAGE, e.exitCode());
    Assertions.assertTrue(e.getMessage().contains("has no table curb_events") && e.getMessage().contains("tradecurb run"),
        e.getMessage());
  }

  @Test
  void provenanceIsUnknownWithoutAnInputFolderAndFalseForOtherFiles() throws Exception {
    Warehouse w = warehouse(SampleWarehouse.get(spark()));
    Assertions.assertEquals(null, ReportTables.builtFromSyntheticSamples(w, null));
    Path other = newDir("other-input");
    Files.writeString(other.resolve("README.md"), "# Synthetic data, but other files");
    Files.createDirectories(other.resolve("china-customs/exports"));
    Files.writeString(other.resolve("china-customs/exports/202401.csv"), "not the sample file");
    Assertions.assertEquals(Boolean.FALSE, ReportTables.builtFromSyntheticSamples(w, other));
  }
}
