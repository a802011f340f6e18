package org.tradecurb.tag;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Checks the shipped dual-use catalogue and HS correlation data. Plain Java, no Spark. */
class DualUseCatalogDataTest {

  static final String CATALOG = "/reference/dual_use_catalog.csv";
  static final String CORRELATION = "/reference/hs2017_hs2022.csv";

  static final List<String> HEADER = List.of("instrument", "control_no", "category", "material",
      "code_system", "code", "match", "breadth", "hs_vintage", "code_valid_from", "code_valid_to",
      "effective_from", "suspended_from", "suspended_to", "destinations", "confidence", "source",
      "note");

  static final Set<String> CATEGORIES = Set.of("rare_earth_elements", "rare_earth_magnets",
      "gallium_germanium", "graphite", "antimony", "tungsten_group", "superhard", "other");
  static final Map<String, Integer> CODE_LENGTH = Map.of("CN10", 10, "CN8", 8, "HS6", 6, "JP9", 9);
  static final Set<String> MATCHES = Set.of("exact", "prefix");
  static final Set<String> CONFIDENCE = Set.of("verified", "inferred");
  static final Set<String> VINTAGES = Set.of("HS2017", "HS2022");
  static final Pattern DIGITS = Pattern.compile("[0-9]+");
  static final Pattern ISO3 = Pattern.compile("[A-Z]{3}");
  static final Pattern OCTOBER_2025 = Pattern.compile(".* 2025/(55|56|57|58|61|62)");

  /** Instrument (year/number suffix) to its effective date, from the project brief. */
  static final Map<String, String> EFFECTIVE = new LinkedHashMap<>();

  static {
    EFFECTIVE.put("2023/23", "2023-08-01");
    EFFECTIVE.put("2023/39", "2023-12-01");
    EFFECTIVE.put("2024/33", "2024-09-15");
    EFFECTIVE.put("2024/46", "2024-12-03");
    EFFECTIVE.put("2025/10", "2025-02-04");
    EFFECTIVE.put("2025/18", "2025-04-04");
  }

  static List<Map<String, String>> rows;

  @BeforeAll
  static void load() throws IOException {
    rows = readCsv(CATALOG, HEADER);
    assertFalse(rows.isEmpty(), "catalogue has no rows");
  }

  // ---------------------------------------------------------------- structure

  @Test
  void headerIsExact() throws IOException {
    List<String> lines = lines(CATALOG);
    assertEquals(HEADER, split(lines.get(0)));
  }

  @Test
  void fileIsLfOnly() throws IOException {
    try (InputStream in = resource(CATALOG)) {
      byte[] bytes = in.readAllBytes();
      for (byte b : bytes) {
        assertTrue(b != '\r', "catalogue must use LF line ends");
      }
    }
  }

  @Test
  void vocabulariesAreRespected() {
    for (Map<String, String> r : rows) {
      String where = describe(r);
      assertFalse(r.get("instrument").isBlank(), "instrument empty: " + where);
      assertTrue(CATEGORIES.contains(r.get("category")), "category: " + where);
      assertTrue(CODE_LENGTH.containsKey(r.get("code_system")), "code_system: " + where);
      assertTrue(MATCHES.contains(r.get("match")), "match: " + where);
      assertTrue(CONFIDENCE.contains(r.get("confidence")), "confidence: " + where);
      assertFalse(r.get("source").isBlank(), "source empty: " + where);
      String controlNo = r.get("control_no");
      assertTrue(controlNo.isEmpty() || controlNo.matches("[0-9][A-E][0-9]{3}[a-z0-9.]*"),
          "control_no: " + where);
    }
  }

  @Test
  void codesAreDigitsOfTheirSystemLength() {
    for (Map<String, String> r : rows) {
      String code = r.get("code");
      int len = CODE_LENGTH.get(r.get("code_system"));
      String where = describe(r);
      assertTrue(DIGITS.matcher(code).matches(), "code not digits: " + where);
      if ("exact".equals(r.get("match"))) {
        assertEquals(len, code.length(), "code length: " + where);
      } else {
        assertTrue(code.length() >= 2 && code.length() <= len, "prefix length: " + where);
      }
    }
  }

  @Test
  void hsVintageOnlyOnHs6Rows() {
    for (Map<String, String> r : rows) {
      String vintage = r.get("hs_vintage");
      if ("HS6".equals(r.get("code_system"))) {
        assertTrue(VINTAGES.contains(vintage), "HS6 row needs HS2017/HS2022: " + describe(r));
        assertEquals("inferred", r.get("confidence"), "HS6 rows are approximations: " + describe(r));
      } else {
        assertEquals("", vintage, "national code with hs_vintage: " + describe(r));
      }
    }
  }

  @Test
  void destinationsAreAllOrIso3List() {
    for (Map<String, String> r : rows) {
      String d = r.get("destinations");
      if (!"ALL".equals(d)) {
        for (String iso : d.split("\\|", -1)) {
          assertTrue(ISO3.matcher(iso).matches(), "destinations: " + describe(r));
        }
      }
    }
  }

  @Test
  void datesParseAndAreOrdered() {
    for (Map<String, String> r : rows) {
      String where = describe(r);
      LocalDate effective = date(r, "effective_from");
      assertNotNull(effective, "effective_from required: " + where);
      LocalDate suspendedFrom = date(r, "suspended_from");
      LocalDate suspendedTo = date(r, "suspended_to");
      assertEquals(suspendedFrom == null, suspendedTo == null,
          "suspension needs both ends: " + where);
      if (suspendedFrom != null) {
        assertFalse(effective.isAfter(suspendedFrom), "effective_from > suspended_from: " + where);
        assertFalse(suspendedFrom.isAfter(suspendedTo), "suspended_from > suspended_to: " + where);
      }
      LocalDate validFrom = date(r, "code_valid_from");
      LocalDate validTo = date(r, "code_valid_to");
      if (validFrom != null && validTo != null) {
        assertFalse(validFrom.isAfter(validTo), "code_valid_from > code_valid_to: " + where);
      }
    }
  }

  // ---------------------------------------------------------------- instruments

  @Test
  void everyInstrumentIsPresentWithItsEffectiveDate() {
    for (Map.Entry<String, String> e : EFFECTIVE.entrySet()) {
      List<Map<String, String>> own = instrument(e.getKey());
      assertFalse(own.isEmpty(), "no rows for instrument " + e.getKey());
      for (Map<String, String> r : own) {
        assertEquals(e.getValue(), r.get("effective_from"), "effective_from: " + describe(r));
      }
    }
    assertTrue(rows.stream().anyMatch(r -> OCTOBER_2025.matcher(r.get("instrument")).matches()),
        "no rows for the October-2025 package (2025/55-58, 61, 62)");
  }

  @Test
  void usBanIsUsOnlyAndSuspended() {
    List<Map<String, String>> us = instrument("2024/46");
    assertFalse(us.isEmpty());
    for (Map<String, String> r : us) {
      assertEquals("USA", r.get("destinations"), describe(r));
      assertEquals("2025-11-09", r.get("suspended_from"), describe(r));
      assertEquals("2026-11-27", r.get("suspended_to"), describe(r));
      assertTrue(Set.of("gallium_germanium", "antimony", "superhard").contains(r.get("category")),
          "2024/46 covers Ga/Ge/Sb/superhard only: " + describe(r));
    }
  }

  @Test
  void octoberPackageIsSuspendedByAnnouncement70() {
    for (Map<String, String> r : rows) {
      if (OCTOBER_2025.matcher(r.get("instrument")).matches()) {
        assertEquals("2025-11-08", r.get("effective_from"), describe(r));
        assertEquals("2025-11-08", r.get("suspended_from"), describe(r));
        assertEquals("2026-11-10", r.get("suspended_to"), describe(r));
      }
    }
  }

  @Test
  void onlyTheUsBanIsDestinationSpecific() {
    for (Map<String, String> r : rows) {
      if (!r.get("instrument").endsWith(" 2024/46")) {
        assertEquals("ALL", r.get("destinations"), describe(r));
      }
    }
  }

  @Test
  void aCodeHasOneCategoryPerInstrument() {
    Map<String, String> seen = new HashMap<>();
    for (Map<String, String> r : rows) {
      String key = r.get("instrument") + "|" + r.get("code_system") + "|" + r.get("code");
      String previous = seen.putIfAbsent(key, r.get("category"));
      if (previous != null) {
        assertEquals(previous, r.get("category"), "category conflict for " + key);
      }
    }
  }

  @Test
  void noDuplicateRows() {
    Set<String> keys = new HashSet<>();
    for (Map<String, String> r : rows) {
      String key = String.join("|", r.get("instrument"), r.get("code_system"), r.get("code"),
          r.get("hs_vintage"), r.get("code_valid_from"), r.get("destinations"));
      assertTrue(keys.add(key), "duplicate row " + key);
    }
  }

  @Test
  void graphiteRenumberingIsVersioned() {
    Map<String, String> old = find("2023/39", "CN10", "3801100030");
    Map<String, String> successor = find("2023/39", "CN10", "3801100040");
    LocalDate oldTo = date(old, "code_valid_to");
    LocalDate newFrom = date(successor, "code_valid_from");
    assertNotNull(oldTo, "3801100030 needs code_valid_to");
    assertNotNull(newFrom, "3801100040 needs code_valid_from");
    assertEquals(oldTo.plusDays(1), newFrom, "renumbered codes must not overlap or leave a gap");
  }

  @Test
  void bismuthHasBothHsVintages() {
    assertNotNull(findHs6("2025/10", "HS2017", "810600"));
    assertNotNull(findHs6("2025/10", "HS2022", "810610"));
    assertNotNull(findHs6("2025/10", "HS2022", "810690"));
  }

  @Test
  void japanMagnetLineIsPresent() {
    Map<String, String> r = find("2025/18", "JP9", "850511000");
    assertEquals("rare_earth_magnets", r.get("category"));
    assertEquals("inferred", r.get("confidence"));
  }

  @Test
  void approximateLinesCarryABreadthAndTheControlsOwnLinesNone() {
    for (Map<String, String> r : rows) {
      String breadth = r.get("breadth");
      String where = describe(r);
      assertTrue(Set.of("", "narrow", "broad").contains(breadth), "breadth: " + where);
      switch (r.get("code_system")) {
        case "HS6" -> assertFalse(breadth.isEmpty(), "a subheading always holds more than the control: " + where);
        case "CN10" -> assertEquals("", breadth, "a 10-digit control is its own line: " + where);
        case "CN8" -> {
          boolean parent = rows.stream().anyMatch(c -> c.get("instrument").equals(r.get("instrument"))
              && c.get("code_system").equals("CN10") && c.get("code").startsWith(r.get("code")));
          assertTrue(!parent || !breadth.isEmpty(), "the parent of a 10-digit control is approximate: " + where);
        }
        default -> { }
      }
    }
    for (String broad : List.of("38249999", "29319000", "38256900", "38180090")) {
      for (Map<String, String> r : rows) {
        if (r.get("code").equals(broad)) {
          assertEquals("broad", r.get("breadth"), describe(r));
        }
      }
    }
    assertEquals("narrow", find("2024/33", "CN8", "81101010").get("breadth"));
    assertEquals("", find("2025/18", "CN8", "28053012").get("breadth"), "dysprosium metal has its own line");
    assertEquals("narrow", find("2025/18", "JP9", "850511000").get("breadth"), "all metal permanent magnets");
    for (Map<String, String> r : rows) {
      if (Set.of("382499", "382569", "284290", "283090", "293190", "681519", "848690").contains(r.get("code"))) {
        fail("a broad subheading needs no HS6 row (the tagger reports it as broad without one): " + describe(r));
      }
    }
  }

  // ---------------------------------------------------------------- correlation table

  @Test
  void correlationTableCoversChangedCatalogueCodes() throws IOException {
    List<Map<String, String>> corr = readCsv(CORRELATION, List.of("hs2017", "hs2022", "relation"));
    Set<String> relations = Set.of("1:1", "1:n", "n:1", "n:n");
    Set<String> hs2017 = new HashSet<>();
    for (Map<String, String> c : corr) {
      assertTrue(c.get("hs2017").matches("[0-9]{6}"), c.toString());
      assertTrue(c.get("hs2022").matches("[0-9]{6}"), c.toString());
      assertTrue(relations.contains(c.get("relation")), c.toString());
      hs2017.add(c.get("hs2017"));
    }
    for (Map<String, String> r : rows) {
      if ("HS2017".equals(r.get("hs_vintage"))) {
        assertTrue(hs2017.contains(r.get("code")),
            "HS2017 catalogue code missing from correlation table: " + describe(r));
      }
    }
  }

  // ---------------------------------------------------------------- shared reference data

  @Test
  void nationalAndHs2022CodesExistInHs2022() throws IOException {
    Path ref = sharedReference();
    Assumptions.assumeTrue(ref != null, "shared reference folder absent");
    Set<String> hs6 = new HashSet<>();
    for (Map<String, String> r : readCsv(ref.resolve("hs2022.csv"), null)) {
      if ("6".equals(r.get("level"))) {
        hs6.add(r.get("hscode"));
      }
    }
    assertTrue(hs6.size() > 5000, "hs2022.csv looks incomplete");
    List<String> missing = new ArrayList<>();
    for (Map<String, String> r : rows) {
      if ("HS2017".equals(r.get("hs_vintage")) || r.get("code").length() < 6) {
        continue;
      }
      if (!hs6.contains(r.get("code").substring(0, 6))) {
        missing.add(describe(r));
      }
    }
    assertTrue(missing.isEmpty(), "HS6 not in HS2022: " + missing);

    List<Map<String, String>> corr = readCsv(CORRELATION, List.of("hs2017", "hs2022", "relation"));
    for (Map<String, String> c : corr) {
      assertTrue(hs6.contains(c.get("hs2022")), "correlation hs2022 code unknown: " + c);
    }
  }

  @Test
  void chinaCodesValidIn2023ExistInTheTariff() throws IOException {
    Path ref = sharedReference();
    Assumptions.assumeTrue(ref != null, "shared reference folder absent");
    Set<String> cn8 = chinaLines(ref);
    LocalDate mid2023 = LocalDate.of(2023, 7, 1);
    List<String> missing = new ArrayList<>();
    for (Map<String, String> r : rows) {
      String system = r.get("code_system");
      if (!system.startsWith("CN") || r.get("code").length() < 8) {
        continue;
      }
      LocalDate from = date(r, "code_valid_from");
      LocalDate to = date(r, "code_valid_to");
      boolean validIn2023 = (from == null || !from.isAfter(mid2023))
          && (to == null || !to.isBefore(mid2023));
      if (validIn2023 && !cn8.contains(r.get("code").substring(0, 8))) {
        missing.add(describe(r));
      }
    }
    assertTrue(missing.isEmpty(), "8-digit line not in China's 2023 tariff: " + missing);
  }

  /**
   * The rule behind an HS6 row's breadth: a subheading is {@code narrow} when the catalogue lists at least half
   * of its 8-digit lines in China's 2023 tariff as controlled lines (CN8 rows without a breadth, or narrow), else
   * {@code broad}. An HS2017 row is narrow when every HS2022 subheading it became that the catalogue lists is.
   */
  @Test
  void hs6BreadthFollowsTheShareOfTheSubheadingsChinaLinesThatAreControlled() throws IOException {
    Path ref = sharedReference();
    Assumptions.assumeTrue(ref != null, "shared reference folder absent");
    Map<String, List<String>> linesBySubheading = new HashMap<>();
    chinaLines(ref).forEach(c -> linesBySubheading.computeIfAbsent(c.substring(0, 6), k -> new ArrayList<>()).add(c));
    Set<String> controlled = new HashSet<>();
    for (Map<String, String> r : rows) {
      if (r.get("code_system").equals("CN8") && !r.get("breadth").equals("broad")) {
        controlled.add(r.get("code"));
      }
    }
    Map<String, String> hs2022Breadth = new HashMap<>();
    List<String> wrong = new ArrayList<>();
    for (Map<String, String> r : rows) {
      if (r.get("code_system").equals("HS6") && r.get("hs_vintage").equals("HS2022")) {
        List<String> lines = linesBySubheading.getOrDefault(r.get("code"), List.of());
        long listed = lines.stream().filter(controlled::contains).count();
        String rule = !lines.isEmpty() && 2 * listed >= lines.size() ? "narrow" : "broad";
        hs2022Breadth.put(r.get("code"), rule);
        if (!rule.equals(r.get("breadth"))) {
          wrong.add(describe(r) + " is " + r.get("breadth") + ", rule " + rule + " (" + listed + "/" + lines.size()
              + ")");
        }
      }
    }
    Map<String, List<String>> successors = new HashMap<>();
    for (Map<String, String> c : readCsv(CORRELATION, List.of("hs2017", "hs2022", "relation"))) {
      successors.computeIfAbsent(c.get("hs2017"), k -> new ArrayList<>()).add(c.get("hs2022"));
    }
    for (Map<String, String> r : rows) {
      if (r.get("code_system").equals("HS6") && r.get("hs_vintage").equals("HS2017")) {
        String rule = successors.getOrDefault(r.get("code"), List.of(r.get("code"))).stream()
            .map(hs2022Breadth::get).filter(b -> b != null).allMatch("narrow"::equals) ? "narrow" : "broad";
        if (!rule.equals(r.get("breadth"))) {
          wrong.add(describe(r) + " is " + r.get("breadth") + ", rule " + rule);
        }
      }
    }
    assertTrue(wrong.isEmpty(), "HS6 breadth differs from the rule: " + wrong);
  }

  /** China's 2023 8-digit lines. Descriptions may span lines, so only lines opening with a code are read. */
  static Set<String> chinaLines(Path ref) throws IOException {
    Set<String> cn8 = new HashSet<>();
    try (BufferedReader in = Files.newBufferedReader(ref.resolve("china_hs8_2023.csv"),
        StandardCharsets.ISO_8859_1)) {
      Pattern codeLine = Pattern.compile("^\"?([0-9]{8})\"?,");
      String line;
      while ((line = in.readLine()) != null) {
        Matcher m = codeLine.matcher(line);
        if (m.find()) {
          cn8.add(m.group(1));
        }
      }
    }
    assertTrue(cn8.size() > 8000, "china_hs8_2023.csv looks incomplete");
    return cn8;
  }

  /**
   * The shared reference folder: {@code tradecurb.repo.root}/../shared/reference (the repo root
   * defaults to {@code ..}, the parent of the jobs module), else /work/shared/reference.
   */
  static Path sharedReference() {
    String root = System.getProperty("tradecurb.repo.root", "..");
    for (Path p : List.of(Paths.get(root, "..", "shared", "reference"),
        Paths.get("/work/shared/reference"))) {
      if (Files.isRegularFile(p.resolve("hs2022.csv"))
          && Files.isRegularFile(p.resolve("china_hs8_2023.csv"))) {
        return p;
      }
    }
    return null;
  }

  // ---------------------------------------------------------------- helpers

  static List<Map<String, String>> instrument(String suffix) {
    List<Map<String, String>> out = new ArrayList<>();
    for (Map<String, String> r : rows) {
      if (r.get("instrument").endsWith(" " + suffix)) {
        out.add(r);
      }
    }
    return out;
  }

  static Map<String, String> find(String suffix, String system, String code) {
    for (Map<String, String> r : instrument(suffix)) {
      if (system.equals(r.get("code_system")) && code.equals(r.get("code"))) {
        return r;
      }
    }
    fail("no row " + suffix + " " + system + " " + code);
    return null;
  }

  static Map<String, String> findHs6(String suffix, String vintage, String code) {
    for (Map<String, String> r : instrument(suffix)) {
      if ("HS6".equals(r.get("code_system")) && vintage.equals(r.get("hs_vintage"))
          && code.equals(r.get("code"))) {
        return r;
      }
    }
    fail("no HS6 row " + suffix + " " + vintage + " " + code);
    return null;
  }

  static LocalDate date(Map<String, String> r, String column) {
    String v = r.get(column);
    if (v == null || v.isEmpty()) {
      return null;
    }
    try {
      return LocalDate.parse(v);
    } catch (DateTimeParseException e) {
      fail(column + " is not an ISO date (" + v + "): " + describe(r));
      return null;
    }
  }

  static String describe(Map<String, String> r) {
    return r.get("instrument") + " " + r.get("code_system") + " " + r.get("code") + " "
        + r.get("hs_vintage");
  }

  static InputStream resource(String name) {
    InputStream in = DualUseCatalogDataTest.class.getResourceAsStream(name);
    assertNotNull(in, "missing classpath resource " + name);
    return in;
  }

  static List<String> lines(String resourceName) throws IOException {
    try (BufferedReader in = new BufferedReader(
        new InputStreamReader(resource(resourceName), StandardCharsets.UTF_8))) {
      return in.lines().toList();
    }
  }

  static List<Map<String, String>> readCsv(String resourceName, List<String> header)
      throws IOException {
    return toMaps(lines(resourceName), header, resourceName);
  }

  static List<Map<String, String>> readCsv(Path file, List<String> header) throws IOException {
    return toMaps(Files.readAllLines(file, StandardCharsets.UTF_8), header, file.toString());
  }

  /** Rows as column-name maps; checks the header when given and the field count of every row. */
  static List<Map<String, String>> toMaps(List<String> lines, List<String> header, String name) {
    List<String> columns = split(lines.get(0));
    if (header != null) {
      assertEquals(header, columns, "header of " + name);
    }
    List<Map<String, String>> out = new ArrayList<>();
    for (int i = 1; i < lines.size(); i++) {
      if (lines.get(i).isEmpty()) {
        continue;
      }
      List<String> fields = split(lines.get(i));
      assertEquals(columns.size(), fields.size(), name + " line " + (i + 1) + " field count");
      Map<String, String> row = new LinkedHashMap<>();
      for (int c = 0; c < columns.size(); c++) {
        row.put(columns.get(c), fields.get(c));
      }
      out.add(row);
    }
    return out;
  }

  /** Splits one CSV line on commas, honouring double quotes and "" escapes. */
  static List<String> split(String line) {
    List<String> out = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char ch = line.charAt(i);
      if (quoted) {
        if (ch == '"') {
          if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
            field.append('"');
            i++;
          } else {
            quoted = false;
          }
        } else {
          field.append(ch);
        }
      } else if (ch == '"') {
        quoted = true;
      } else if (ch == ',') {
        out.add(field.toString());
        field.setLength(0);
      } else {
        field.append(ch);
      }
    }
    assertFalse(quoted, "unterminated quote in: " + line);
    out.add(field.toString());
    return out;
  }
}
