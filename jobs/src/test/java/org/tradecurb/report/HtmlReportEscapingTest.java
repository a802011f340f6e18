package org.tradecurb.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Every value from data is escaped: markup in a category, label, country or path renders as text. */
class HtmlReportEscapingTest {

  @Test
  void escapeReplacesTheFiveSpecialCharacters() {
    assertEquals("&lt;script&gt;alert(1)&lt;/script&gt;", Html.escape("<script>alert(1)</script>"));
    assertEquals("a &amp; b &quot;c&quot; &#39;d&#39;", Html.escape("a & b \"c\" 'd'"));
    assertEquals("&amp;amp;", Html.escape("&amp;"), "already-escaped text is escaped again, not trusted");
    assertEquals("", Html.escape(null));
    assertEquals("tab\tnew\nline \uFFFD\uFFFD", Html.escape("tab\tnew\nline \u0000\u0007"));
    assertEquals("\u7a00\u571f \u2212 ok", Html.escape("\u7a00\u571f \u2212 ok"), "non-ASCII text passes");
    String plain = "rare_earth_magnets";
    assertSame(plain, Html.escape(plain), "nothing to escape: the same string");
  }

  @Test
  void aCategoryNamedScriptRendersAsText() {
    String html = HtmlReport.render(ReportFixtures.sample(ReportFixtures.HOSTILE));
    assertFalse(html.contains("<script>alert"), "no unescaped <script>alert");
    assertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "the category is shown, escaped");
    String categories = HtmlReportRenderTest.chart(html, "chart-categories");
    assertTrue(categories.contains(">&lt;script&gt;alert(1)&lt;/script&gt;</text>"), "bar label escaped");
    assertTrue(categories.contains("<title>&lt;script&gt;alert(1)&lt;/script&gt;, Post vs pre window: "),
        "tooltip escaped");
    assertTrue(html.contains("<td>&lt;script&gt;alert(1)&lt;/script&gt;</td>"), "table cell escaped");
    assertEquals(1, HtmlReportRenderTest.count(html, "<script"), "only the page's own script element");
  }

  @Test
  void everyTextFromDataIsEscaped() {
    String html = HtmlReport.render(ReportFixtures.hostile());
    for (String raw : List.of("<script>alert", "<img src=x", "<b onmouseover", "<iframe", "<svg onload",
        "</style><script>", "/tmp/<wh>", "<now>")) {
      assertFalse(html.contains(raw), "unescaped in the page: " + raw);
    }
    for (String escaped : List.of(
        "Ban &lt;img src=x onerror=alert(2)&gt; &amp; &quot;quotes&quot; &#39;too&#39;",  // event label
        "&lt;b onmouseover=alert(3)&gt;X&lt;/b&gt;",                                    // diversion partner
        "&lt;iframe src=//evil&gt;",                                                      // source name
        "&lt;svg onload=alert(4)&gt;",                                                    // destination
        "&lt;/style&gt;&lt;script&gt;alert(5)&lt;/script&gt;",                          // instrument
        "/tmp/&lt;wh&gt;&quot;&amp;&#39;",                                               // warehouse path
        "&lt;now&gt;")) {                                                                 // time
      assertTrue(html.contains(escaped), "shown escaped: " + escaped);
    }
    assertTrue(html.contains("<title>China \u2192 Japan dual-use trade: Ban &lt;img src=x onerror=alert(2)&gt;"),
        "the document title is escaped too");
    assertEquals(1, HtmlReportRenderTest.count(html, "<script"));
    assertEquals(1, HtmlReportRenderTest.count(html, "<style"));
    assertEquals(1, HtmlReportRenderTest.count(html, "</style"));
    // Attribute values emptied (text cannot hold a raw quote or '<': both are escaped), then no tag may carry
    // src, an event handler, or an href other than the page's own data: icon.
    String tagsOnly = html.replaceAll("\"(?!data:)[^\"]*\"", "\"\"");
    assertFalse(java.util.regex.Pattern.compile("<[^>]*\\s(src|on[a-z]+|href)=(?!\"data:)").matcher(tagsOnly)
        .find(), "no src, href or event-handler attribute survives in a tag");
  }
}
