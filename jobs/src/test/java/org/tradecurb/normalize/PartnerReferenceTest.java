package org.tradecurb.normalize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Checks the bundled reference tables under {@code /reference} on the classpath: partner-code
 * mappings (Comtrade/M49, China Customs, Japan Customs) and monthly FX rates. The last test
 * compares the GACC table with the GACC code list in the shared reference folder and is skipped
 * when that folder is absent.
 */
class PartnerReferenceTest {

    private static final Pattern ISO3 = Pattern.compile("[A-Z]{3}");
    private static final Pattern PERIOD = Pattern.compile("\\d{4}-\\d{2}");

    // ---------------------------------------------------------------- partner tables

    @Test
    void m49TableIsWellFormedAndAnchorsMap() throws IOException {
        Map<String, String> m49 = codeToIso3("partners_m49.csv", "m49_code");
        assertTrue(m49.size() >= 250, "M49 table should cover every country, has " + m49.size());

        assertMaps(m49, "156", "CHN");
        assertMaps(m49, "392", "JPN");
        assertMaps(m49, "490", "TWN");
        assertMaps(m49, "0", "WLD");
        assertMaps(m49, "97", "EUU");
        assertMaps(m49, "899", "XNA");
        assertMaps(m49, "837", "XBU");
        assertMaps(m49, "838", "XFZ");
        assertMaps(m49, "839", "XSC");
        assertMaps(m49, "344", "HKG");
        assertMaps(m49, "446", "MAC");
        assertMaps(m49, "410", "KOR");
        assertMaps(m49, "704", "VNM");
        assertMaps(m49, "276", "DEU");
        // Comtrade's own codes and the standard M49 codes both map.
        assertMaps(m49, "842", "USA");
        assertMaps(m49, "840", "USA");
        assertMaps(m49, "251", "FRA");
        assertMaps(m49, "250", "FRA");
        assertMaps(m49, "579", "NOR");
        assertMaps(m49, "757", "CHE");
        assertMaps(m49, "699", "IND");
        assertMaps(m49, "381", "ITA");
        // Comtrade uses 492 for "Europe EU, nes" (Monaco is reported inside France 251).
        assertMaps(m49, "492", "XNA");
    }

    @Test
    void gaccTableIsWellFormedAndAnchorsMap() throws IOException {
        Map<String, String> gacc = codeToIso3("partners_gacc.csv", "gacc_code");
        for (String code : gacc.keySet()) {
            assertTrue(code.matches("\\d{3}"), "GACC codes have 3 digits: " + code);
        }
        assertMaps(gacc, "116", "JPN");
        assertMaps(gacc, "110", "HKG");
        assertMaps(gacc, "121", "MAC");
        assertMaps(gacc, "133", "KOR");
        assertMaps(gacc, "141", "VNM");
        assertMaps(gacc, "142", "CHN");
        assertMaps(gacc, "143", "TWN");
        assertMaps(gacc, "304", "DEU");
        assertMaps(gacc, "502", "USA");
        assertMaps(gacc, "701", "XNA");
    }

    @Test
    void japanTableIsWellFormedAndAnchorsMap() throws IOException {
        List<Map<String, String>> rows = readResource("partners_japan.csv");
        Map<String, String> japan = codeToIso3("partners_japan.csv", "japan_code");
        Set<String> confidences = Set.of("confirmed", "high", "inferred");
        for (Map<String, String> row : rows) {
            assertTrue(row.get("japan_code").matches("\\d{3}"),
                    "Japan Customs codes have 3 digits: " + row);
            assertTrue(confidences.contains(row.get("confidence")),
                    "confidence must be one of " + confidences + ": " + row);
        }
        assertMaps(japan, "105", "CHN");
        assertMaps(japan, "103", "KOR");
        assertMaps(japan, "106", "TWN");
        assertMaps(japan, "108", "HKG");
        assertMaps(japan, "110", "VNM");
        assertMaps(japan, "304", "USA");
        assertMaps(japan, "121", "LAO");
        assertMaps(japan, "122", "MMR");
        assertMaps(japan, "213", "DEU");
        // Within Japan's code list every country has exactly one code.
        Set<String> seen = new HashSet<>();
        for (Map.Entry<String, String> e : japan.entrySet()) {
            assertTrue(seen.add(e.getValue()), "iso3 used twice in Japan table: " + e);
        }
    }

    // ---------------------------------------------------------------- FX

    @Test
    void fxCoversEveryMonthWithPlausibleRates() throws IOException {
        List<Map<String, String>> rows = readResource("fx_monthly.csv");
        Map<String, Map<YearMonth, Double>> byCurrency = new HashMap<>();
        Set<String> qualities = Set.of("published", "approximate", "provisional");
        for (Map<String, String> row : rows) {
            String period = row.get("period");
            assertTrue(PERIOD.matcher(period).matches(), "period must be YYYY-MM: " + row);
            assertTrue(qualities.contains(row.get("quality")), "unknown quality: " + row);
            assertFalse(row.get("source").isBlank(), "source is required: " + row);
            double rate = Double.parseDouble(row.get("units_per_usd"));
            Double previous = byCurrency.computeIfAbsent(row.get("currency"), c -> new HashMap<>())
                    .put(YearMonth.parse(period), rate);
            assertEquals(null, previous, "duplicate FX row: " + row);
        }
        assertEquals(Set.of("JPY", "CNY"), byCurrency.keySet());

        checkSeries("JPY", byCurrency.get("JPY"), 90, 200);
        checkSeries("CNY", byCurrency.get("CNY"), 6, 8);
    }

    private static void checkSeries(String currency, Map<YearMonth, Double> series,
                                    double low, double high) {
        YearMonth first = YearMonth.of(2019, 1);
        YearMonth last = YearMonth.of(2026, 12);
        Double previous = null;
        for (YearMonth m = first; !m.isAfter(last); m = m.plusMonths(1)) {
            Double rate = series.get(m);
            assertNotNull(rate, currency + " has no rate for " + m);
            assertTrue(rate > 0 && rate >= low && rate <= high,
                    currency + " " + m + " rate " + rate + " outside " + low + "–" + high);
            if (previous != null) {
                double change = Math.abs(rate / previous - 1);
                assertTrue(change <= 0.10,
                        currency + " jumps " + Math.round(change * 1000) / 10.0 + "% into " + m);
            }
            previous = rate;
        }
    }

    // ---------------------------------------------------------------- shared reference

    @Test
    void gaccTableCoversTheGaccCodeList() throws IOException {
        Optional<Path> refDir = sharedReferenceDir();
        Assumptions.assumeTrue(refDir.isPresent(),
                "shared reference folder with cc_partners_en.csv not found; skipping");

        Map<String, String> referenceNames = new LinkedHashMap<>();
        try (Reader in = Files.newBufferedReader(refDir.get().resolve("cc_partners_en.csv"),
                StandardCharsets.UTF_8)) {
            for (Map<String, String> row : readCsv(in, "cc_partners_en.csv")) {
                referenceNames.put(row.get("code").trim(), row.get("en").trim());
            }
        }
        assertTrue(referenceNames.size() > 200, "reference list looks truncated");

        Map<String, String> gacc = codeToIso3("partners_gacc.csv", "gacc_code");
        List<String> missing = new ArrayList<>();
        for (String code : referenceNames.keySet()) {
            if (!gacc.containsKey(code)) {
                missing.add(code + " " + referenceNames.get(code));
            }
        }
        assertTrue(missing.isEmpty(), "GACC codes missing from partners_gacc.csv: " + missing);

        // The reference English name must agree with the iso3 we assigned.
        Map<String, String> keywordByIso3 = Map.of(
                "JPN", "Japan",
                "HKG", "Hong Kong",
                "KOR", "Korea",
                "TWN", "Taiwan",
                "USA", "United States");
        for (String code : List.of("116", "110", "133", "143", "502")) {
            String iso3 = gacc.get(code);
            String keyword = keywordByIso3.get(iso3);
            assertNotNull(keyword, "unexpected iso3 " + iso3 + " for GACC " + code);
            String name = referenceNames.get(code);
            assertTrue(name != null && name.contains(keyword),
                    "GACC " + code + " -> " + iso3 + " but reference name is '" + name + "'");
        }
    }

    /** {@code <repo root>/../shared/reference}, else {@code /work/shared/reference}. */
    private static Optional<Path> sharedReferenceDir() {
        Path repoRoot = Paths.get(System.getProperty("tradecurb.repo.root", ".."));
        return Stream.of(repoRoot.resolve("../shared/reference"), Paths.get("/work/shared/reference"))
                .map(p -> p.toAbsolutePath().normalize())
                .filter(p -> Files.isRegularFile(p.resolve("cc_partners_en.csv")))
                .findFirst();
    }

    // ---------------------------------------------------------------- helpers

    private static void assertMaps(Map<String, String> table, String code, String iso3) {
        assertEquals(iso3, table.get(code), "code " + code);
    }

    /**
     * Reads a partner table and returns code -> iso3. Fails on duplicate codes, codes that are
     * not plain integers, iso3 values that are not 3 upper-case letters, and blank names.
     */
    private static Map<String, String> codeToIso3(String resource, String codeColumn)
            throws IOException {
        Map<String, String> result = new LinkedHashMap<>();
        for (Map<String, String> row : readResource(resource)) {
            String code = row.get(codeColumn);
            String iso3 = row.get("iso3");
            assertTrue(code.matches("0|[1-9]\\d*"), resource + ": code not a plain integer: " + row);
            assertTrue(ISO3.matcher(iso3).matches(), resource + ": bad iso3: " + row);
            assertFalse(row.get("name").isBlank(), resource + ": blank name: " + row);
            if (result.put(code, iso3) != null) {
                fail(resource + ": duplicate code " + code);
            }
        }
        return result;
    }

    private static List<Map<String, String>> readResource(String name) throws IOException {
        String path = "/reference/" + name;
        InputStream in = PartnerReferenceTest.class.getResourceAsStream(path);
        assertNotNull(in, "missing classpath resource " + path);
        try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            return readCsv(reader, name);
        }
    }

    /** Minimal RFC 4180 reader: header row, comma separator, double-quoted fields. */
    private static List<Map<String, String>> readCsv(Reader source, String name)
            throws IOException {
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean fieldStarted = false;
        BufferedReader in = new BufferedReader(source);
        int c;
        while ((c = in.read()) != -1) {
            char ch = (char) c;
            if (quoted) {
                if (ch == '"') {
                    in.mark(1);
                    int next = in.read();
                    if (next == '"') {
                        field.append('"');
                    } else {
                        quoted = false;
                        if (next != -1) {
                            in.reset();
                        }
                    }
                } else {
                    field.append(ch);
                }
            } else if (ch == '"' && field.length() == 0) {
                quoted = true;
                fieldStarted = true;
            } else if (ch == ',') {
                record.add(field.toString());
                field.setLength(0);
                fieldStarted = true;
            } else if (ch == '\n') {
                record.add(field.toString());
                field.setLength(0);
                records.add(record);
                record = new ArrayList<>();
                fieldStarted = false;
            } else if (ch != '\r') {
                field.append(ch);
                fieldStarted = true;
            }
        }
        if (fieldStarted || field.length() > 0 || !record.isEmpty()) {
            record.add(field.toString());
            records.add(record);
        }
        assertFalse(records.isEmpty(), name + " is empty");
        List<String> header = records.get(0);
        if (!header.isEmpty() && header.get(0).startsWith("\uFEFF")) {
            header.set(0, header.get(0).substring(1));
        }
        List<Map<String, String>> rows = new ArrayList<>();
        for (int i = 1; i < records.size(); i++) {
            List<String> values = records.get(i);
            if (values.size() == 1 && values.get(0).isBlank()) {
                continue;
            }
            assertEquals(header.size(), values.size(),
                    name + " line " + (i + 1) + " has wrong number of fields: " + values);
            Map<String, String> row = new LinkedHashMap<>();
            for (int j = 0; j < header.size(); j++) {
                row.put(header.get(j), values.get(j));
            }
            rows.add(row);
        }
        return rows;
    }
}
