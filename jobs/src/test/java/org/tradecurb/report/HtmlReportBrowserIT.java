package org.tradecurb.report;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tradecurb.SampleWarehouse;
import org.tradecurb.SharedReference;
import org.tradecurb.SparkTestBase;
import org.tradecurb.config.TradecurbConfig;
import org.tradecurb.spark.Warehouse;

/**
 * The report opened in a real browser with the network cut off: Debian's Chromium, headless. The report of the
 * sample warehouse is kept as a build artifact (target/report/report.html and its full-page screenshot
 * report.png). Skipped where /usr/bin/chromium is absent; .ci/run installs it, so CI always runs it.
 */
class HtmlReportBrowserIT extends SparkTestBase {

  static final Path OUT = Path.of("target", "report");
  static final int WIDTH = 1280;

  @BeforeAll
  static void needsChromium() {
    assumeTrue(HeadlessChromium.available(), HeadlessChromium.BINARY + " is not installed (apt-get install chromium)");
  }

  private static Path write(String name, String html) throws IOException {
    Files.createDirectories(OUT);
    Path page = OUT.resolve(name).toAbsolutePath();
    Files.writeString(page, html, StandardCharsets.UTF_8);
    return page;
  }

  private static String attribute(String dom, String name) {
    Matcher m = Pattern.compile(name + "=\"([^\"]*)\"").matcher(dom);
    Assertions.assertTrue(m.find(), name + " is set on the page");
    return m.group(1);
  }

  /** The page loaded, its script ran, nothing failed, nothing was logged to the console. */
  private static String loadCleanly(Path page) {
    HeadlessChromium.Result r = HeadlessChromium.dumpDom(page, WIDTH, 900);
    Assertions.assertEquals(0, r.exitCode(), "chromium exit code; log tail:\n" + tail(r.stderr()));
    String dom = r.stdout();
    Assertions.assertEquals("1", attribute(dom, "data-report-ready"), "the page's script ran to the load event");
    Assertions.assertEquals("0", attribute(dom, "data-report-errors"), "no script error or blocked load: " + dom.substring(
        Math.max(0, dom.indexOf("id=\"report-errors\""))));
    Assertions.assertEquals(List.of(), r.consoleLines(), "nothing on the console");
    return dom;
  }

  @Test
  void theSampleWarehouseReportRendersCleanlyInChromium() throws Exception {
    Path warehouse = SampleWarehouse.get(spark());
    TradecurbConfig config = TradecurbConfig.defaults().with("warehouse", warehouse.toString());
    ReportData data = ReportTables.read(Warehouse.of(spark(), config), "jp_ban_2026",
        SharedReference.repoRoot().resolve("data-samples"),
        java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC).format(
            java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")));
    Assertions.assertEquals(Boolean.TRUE, data.provenance().builtFromSyntheticSamples(), "the samples are recognised");
    Path page = write("report.html", HtmlReport.render(data));

    String dom = loadCleanly(page);
    Assertions.assertEquals(String.valueOf(HtmlReport.CHARTS.size()), attribute(dom, "data-charts-drawn"),
        "the browser finds a drawn SVG in every chart container");
    for (String id : HtmlReport.CHARTS) {
      String chart = HtmlReportRenderTest.chart(dom, id);
      Assertions.assertTrue(chart.contains("<svg"), id + " holds an SVG after load");
      Assertions.assertTrue(Pattern.compile("<path d=\"M[0-9]").matcher(chart).find()
          || Pattern.compile("<rect x=\"[0-9.]+\" y=\"[0-9.]+\" width=\"[1-9]").matcher(chart).find(),
          id + " has a drawn line or bar");
    }
    Assertions.assertTrue(HtmlReportRenderTest.chart(dom, "chart-event-study").contains("<path class=\"interval\""),
        "the event study draws its coefficients' 95% bands");
    Assertions.assertTrue(dom.contains("id=\"pre-trend\""), "and states the pre-trend test");
    Assertions.assertTrue(Pattern.compile("fell [0-9.]+% \\(95% CI [−-][0-9.]+% to [−-][0-9.]+%\\)").matcher(dom).find(),
        "the headline states its interval");
    Assertions.assertTrue(dom.contains("Synthetic sample data."), "the banner says the figures are synthetic");

    int height = Integer.parseInt(attribute(dom, "data-page-height"));
    Assertions.assertTrue(height > 2000, "a full report is long: " + height);
    Path png = OUT.resolve("report.png").toAbsolutePath();
    Files.deleteIfExists(png);
    HeadlessChromium.Result shot = HeadlessChromium.screenshot(page, png, WIDTH, height);
    Assertions.assertEquals(0, shot.exitCode(), tail(shot.stderr()));
    BufferedImage image = ImageIO.read(png.toFile());
    Assertions.assertEquals(WIDTH, image.getWidth());
    Assertions.assertEquals(height, image.getHeight(), "the screenshot holds the whole page");
    Assertions.assertTrue(colours(image) > 100, "the screenshot shows a rendered page, not a blank one");
  }

  @Test
  void markupInTheDataIsShownAndNeverRuns() throws Exception {
    Path page = write("report-hostile.html", HtmlReport.render(ReportFixtures.hostile()));
    String dom = loadCleanly(page);
    Assertions.assertFalse(dom.contains("<script>alert"), "no injected script element");
    Assertions.assertFalse(dom.contains("<img"), "no injected image element");
    Assertions.assertFalse(dom.contains("<iframe"), "no injected frame");
    Assertions.assertTrue(dom.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "the category shows as text");
    Assertions.assertEquals(1, HtmlReportRenderTest.count(dom, "<script"), "only the page's own script");
  }

  @Test
  void aResourceFromTheNetworkWouldBeBlockedAndCaught() throws Exception {
    // The control for the two tests above: the checks see a fetch attempt and an error.
    String html = HtmlReport.render(ReportFixtures.sample(null))
        .replace("</main>", "<img alt=\"\" src=\"https://example.invalid/pixel.png\"></main>");
    Path page = write("report-network-control.html", html);
    HeadlessChromium.Result r = HeadlessChromium.dumpDom(page, WIDTH, 900);
    Assertions.assertEquals(0, r.exitCode(), tail(r.stderr()));
    Assertions.assertFalse("0".equals(attribute(r.stdout(), "data-report-errors")), "the page's policy blocked the fetch "
        + "and the page recorded it");
    Assertions.assertFalse(r.consoleLines().isEmpty(), "and the console shows it");
  }

  private static int colours(BufferedImage image) {
    Set<Integer> seen = new HashSet<>();
    for (int y = 0; y < image.getHeight(); y += 7) {
      for (int x = 0; x < image.getWidth(); x += 7) {
        seen.add(image.getRGB(x, y));
      }
    }
    return seen.size();
  }

  private static String tail(String log) {
    List<String> lines = log.lines().toList();
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
  }
}
