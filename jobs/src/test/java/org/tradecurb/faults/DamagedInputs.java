package org.tradecurb.faults;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.tradecurb.Fixtures;
import org.tradecurb.ingest.Reason;
import org.tradecurb.ingest.SampleRows;
import org.tradecurb.ingest.TextDecoding;

/**
 * Damaged inputs as users meet them, in all three formats: good files in every published shape with broken
 * lines among their good ones (each a damaged copy of a good line, so no good figure is missing), and whole
 * files that cannot be read. The manifest says where each fault is and what must become of it.
 */
public final class DamagedInputs {

  /** A line that must be quarantined at {@code stage} with {@code reason}; {@code line} null for a whole file. */
  public record RowFault(String kind, String stage, String file, Long line, Reason reason) {}

  /** A file that must be refused, the refusal naming it and saying {@code says}. */
  public record FileFault(String kind, String file, String says) {}

  /**
   * What was written. {@code bronzeLines} holds every line that must land in bronze, as "file:line" (the
   * good lines, and the lines refused only later, by normalize).
   */
  public record Manifest(List<RowFault> rows, List<FileFault> files, TreeSet<String> bronzeLines) {
    public int kinds() {
      return rows.size() + files.size();
    }
  }

  private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

  private static final String GACC_ZH = "\"商品编码\",\"商品名称\",\"贸易伙伴编码\",\"贸易伙伴名称\",\"贸易方式编码\","
      + "\"贸易方式名称\",\"第一数量\",\"第一计量单位\",\"第二数量\",\"第二计量单位\",\"人民币\",";
  private static final String GACC_EN = "\"Date of data\",\"Commodity code\",\"Trading partner code\",\"Quantity\","
      + "\"Unit\",\"US dollar\",";

  private final Path root;
  private final List<RowFault> rows = new ArrayList<>();
  private final List<FileFault> files = new ArrayList<>();
  private final TreeSet<String> bronze = new TreeSet<>();

  private DamagedInputs(Path root) {
    this.root = root;
  }

  /** Writes the inputs under {@code root}. */
  public static Manifest write(Path root) {
    DamagedInputs d = new DamagedInputs(root);
    d.comtradeApiCsv();
    d.comtradeBulkTsv();
    d.comtradeWebsiteCsv();
    d.comtradeUtf16();
    d.comtradeApiClientCsv();
    d.japanByCountry();
    d.japanUtf16();
    d.chinaCustomsChinese();
    d.chinaCustomsEnglish();
    d.chinaCustomsNamesOnly();
    d.wholeFiles();
    return new Manifest(List.copyOf(d.rows), List.copyOf(d.files), d.bronze);
  }

  /** A file being written: good lines and faults in order, line numbers counted as they are added. */
  private final class Text {
    final String path;
    final List<String> lines = new ArrayList<>();

    Text(String path, String header) {
      this.path = path;
      lines.add(header);
    }

    void good(String line) {
      lines.add(line);
      bronze.add(path + ":" + lines.size());
    }

    void fault(String kind, Reason reason, String line) {
      lines.add(line);
      rows.add(new RowFault(kind, "ingest", path, (long) lines.size(), reason));
    }

    /** A line that parses but names something no reference table knows: normalize refuses it. */
    void lateFault(String kind, Reason reason, String line) {
      lines.add(line);
      bronze.add(path + ":" + lines.size());
      rows.add(new RowFault(kind, "normalize", path, (long) lines.size(), reason));
    }

    String text() {
      return String.join("\n", lines) + "\n";
    }
  }

  private static Map<String, String> comtrade(int month, String cmd, String partner, String value) {
    return SampleRows.comtrade("refPeriodId", String.format("2025%02d01", month), "refMonth",
        String.valueOf(month), "period", String.format("2025%02d", month), "cmdCode", cmd, "partnerCode", partner,
        "primaryValue", value, "fobvalue", value);
  }

  private static Map<String, String> with(Map<String, String> row, String... overrides) {
    Map<String, String> r = new LinkedHashMap<>(row);
    for (int i = 0; i < overrides.length; i += 2) {
      r.put(overrides[i], overrides[i + 1]);
    }
    return r;
  }

  /** The API's CSV: the row-level faults of Comtrade's fields, one each. */
  private void comtradeApiCsv() {
    Text t = new Text("comtrade/api_chn_2025.csv", SampleRows.comtradeHeader(','));
    List<Object[]> faults = List.of(
        new Object[] {"value_not_a_number", Reason.BAD_NUMBER, new String[] {"primaryValue", "12x4"}},
        new Object[] {"value_nan", Reason.BAD_NUMBER, new String[] {"primaryValue", "NaN"}},
        new Object[] {"weight_infinity_word", Reason.BAD_NUMBER, new String[] {"netWgt", "Infinity"}},
        new Object[] {"value_negative", Reason.NEGATIVE_VALUE, new String[] {"primaryValue", "-5"}},
        new Object[] {"value_overflows_double", Reason.OUT_OF_RANGE, new String[] {"primaryValue", "1e400"}},
        new Object[] {"value_beyond_world_trade", Reason.OUT_OF_RANGE, new String[] {"primaryValue", "5e15"}},
        new Object[] {"value_missing", Reason.MISSING_VALUE, new String[] {"primaryValue", ""}},
        new Object[] {"code_with_letter", Reason.BAD_CODE, new String[] {"cmdCode", "85051A"}},
        new Object[] {"code_of_five_digits", Reason.BAD_CODE, new String[] {"cmdCode", "85051"}},
        new Object[] {"classification_unknown", Reason.UNKNOWN_VOCABULARY, new String[] {"classificationCode", "H9"}},
        new Object[] {"flow_unknown", Reason.UNKNOWN_VOCABULARY, new String[] {"flowCode", "Z"}},
        new Object[] {"unit_unknown", Reason.UNKNOWN_VOCABULARY, new String[] {"qtyUnitCode", "99"}},
        new Object[] {"type_unknown", Reason.UNKNOWN_VOCABULARY, new String[] {"typeCode", "G"}},
        new Object[] {"customs_code_unknown", Reason.UNKNOWN_VOCABULARY, new String[] {"customsCode", "X00"}},
        new Object[] {"transport_code_as_word", Reason.UNKNOWN_VOCABULARY, new String[] {"motCode", "Sea"}},
        new Object[] {"frequency_unknown", Reason.BAD_PERIOD, new String[] {"freqCode", "Q"}},
        new Object[] {"month_thirteen", Reason.BAD_PERIOD, new String[] {"refMonth", "13", "period", "202513"}},
        new Object[] {"period_disagrees", Reason.BAD_PERIOD, new String[] {"period", "202412"}},
        new Object[] {"period_id_disagrees", Reason.BAD_PERIOD, new String[] {"refPeriodId", "20241201"}},
        new Object[] {"reporter_not_a_code", Reason.BAD_FIELD, new String[] {"reporterCode", "CHN"}});
    int month = 1;
    String[] codes = {"850511", "280530", "811292", "250410", "260200", "282590", "810194", "284690"};
    for (Object[] f : faults) {
      Map<String, String> good = comtrade(month, codes[month % codes.length], "392", String.valueOf(1000 + month));
      t.good(SampleRows.comtradeLine(good, ','));
      t.fault((String) f[0], (Reason) f[1], SampleRows.comtradeLine(with(good, (String[]) f[2]), ','));
      month = month % 12 + 1;
      if (month == 1) {
        codes = new String[] {"850519", "811299", "381800", "720299", "811010", "262099", "283691", "850511"};
      }
    }
    String good = SampleRows.comtradeLine(comtrade(1, "850511", "392", "1000"), ',');
    t.fault("field_dropped", Reason.FIELD_COUNT, good.substring(good.indexOf(',') + 1));
    t.fault("delimiters_only", Reason.EMPTY_LINE, ",".repeat(46));
    t.fault("repeated_header", Reason.REPEATED_HEADER, SampleRows.comtradeHeader(','));
    t.fault("byte_order_mark_mid_file", Reason.CONTROL_CHARACTER, "\uFEFF" + good);
    t.fault("nul_inside_field", Reason.CONTROL_CHARACTER, good.replace("Permanent", "Perma\u0000nent"));
    t.fault("unclosed_quote", Reason.UNBALANCED_QUOTE, good.replace(",C00,", ",\"C00,"));
    t.lateFault("partner_not_in_crosswalk", Reason.UNMAPPED_COUNTRY,
        SampleRows.comtradeLine(comtrade(6, "850511", "898", "7"), ','));
    Fixtures.write(root, t.path, t.text());
  }

  /** A bulk file: tab-separated, a line cut short where a download stopped, no final newline. */
  private void comtradeBulkTsv() {
    Text t = new Text("comtrade/bulk_chn_2025.tsv", SampleRows.comtradeHeader('\t'));
    for (int m = 1; m <= 6; m++) {
      t.good(SampleRows.comtradeLine(comtrade(m, "811292", "410", String.valueOf(10 * m)), '\t'));
    }
    // The year's total beside its months: it lands, and is excluded from trade_flows as an annual figure.
    t.good(SampleRows.comtradeLine(with(comtrade(1, "811292", "410", "210"), "freqCode", "A", "refMonth", "52",
        "period", "2025", "refPeriodId", "20250101"), '\t'));
    t.fault("tab_file_with_commas", Reason.FIELD_COUNT,
        SampleRows.comtradeLine(comtrade(7, "811292", "410", "70"), ','));
    String cut = SampleRows.comtradeLine(comtrade(8, "811292", "410", "80"), '\t');
    t.fault("last_line_cut_short", Reason.FIELD_COUNT, cut.substring(0, cut.length() / 2));
    String text = t.text();
    Fixtures.write(root, t.path, text.substring(0, text.length() - 1));
  }

  /** Saved from the Comtrade website: Windows-1252, a trailing comma after every data row. */
  private void comtradeWebsiteCsv() {
    Text t = new Text("comtrade/website_chn_2025.csv", SampleRows.comtradeHeader(','));
    for (int m = 1; m <= 3; m++) {
      t.good(SampleRows.comtradeLine(with(comtrade(m, "250410", "384", String.valueOf(m)), "partnerDesc",
          "C\u00f4te d'Ivoire"), ',') + ",");
    }
    t.fault("website_value_with_currency_sign", Reason.BAD_NUMBER,
        SampleRows.comtradeLine(comtrade(4, "250410", "384", "$4"), ',') + ",");
    Fixtures.write(root, t.path, t.text(), WINDOWS_1252);
  }

  /** A CSV a spreadsheet saved as "Unicode text": UTF-16 little-endian with its byte-order mark. */
  private void comtradeUtf16() {
    Text t = new Text("comtrade/unicode_chn_2025.csv", SampleRows.comtradeHeader(','));
    for (int m = 1; m <= 3; m++) {
      t.good(SampleRows.comtradeLine(with(comtrade(m, "260200", "704", String.valueOf(100 * m)), "partnerDesc",
          "Vi\u1ec7t Nam"), ','));
    }
    t.fault("utf16_negative_weight", Reason.NEGATIVE_VALUE,
        SampleRows.comtradeLine(comtrade(4, "260200", "704", "-1"), ','));
    Fixtures.write(root, t.path, bom(t.text(), StandardCharsets.UTF_16LE));
  }

  /** Saved by an API client library: every field quoted, descriptions empty, codes with stray spaces. */
  private void comtradeApiClientCsv() {
    Text t = new Text("comtrade/client_chn_2025.csv", SampleRows.comtradeHeader(','));
    for (int m = 1; m <= 2; m++) {
      Map<String, String> row = with(comtrade(m, "282590", "276", String.valueOf(5 * m)), "cmdDesc", "",
          "partner2Code", "0 ", "motCode", "0 ", "customsCode", " C00", "mosCode", "0 ", "qtyUnitCode", "8 ");
      t.good(String.join(",", row.values().stream().map(v -> "\"" + v + "\"").toList()));
    }
    Fixtures.write(root, t.path, t.text());
  }

  private static byte[] bom(String text, Charset utf16) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] mark = utf16.equals(StandardCharsets.UTF_16LE) ? new byte[] {(byte) 0xFF, (byte) 0xFE}
        : new byte[] {(byte) 0xFE, (byte) 0xFF};
    out.writeBytes(mark);
    out.writeBytes(text.getBytes(utf16));
    return out.toByteArray();
  }

  private static String japan(String leading, long... thousandYen) {
    long[] quantities = Arrays.stream(thousandYen).map(v -> v / 10).toArray();
    return SampleRows.japanRow("2", leading, "KG", quantities, thousandYen);
  }

  /** Trade Statistics of Japan by country, the running year's file stopping its header at June. */
  private void japanByCountry() {
    String header = SampleRows.japanHeader(false, true);
    String june = header.substring(0, header.indexOf(",Quantity1-Jul"));
    Text t = new Text("japan-customs/imp_2025.csv", june);
    String[] codes = {"'850511000'", "'280530000'", "'811292000'", "'250410000'", "'260200000'", "'381800000'"};
    String[] countries = {"105", "103", "106", "213", "304", "601"};
    for (int i = 0; i < codes.length; i++) {
      t.good(cutAtJune(japan("2025," + codes[i] + "," + countries[i], 10, 20, 30, 40, 50, 60)));
    }
    String good = cutAtJune(japan("2025,'850519000',105", 70, 80));
    t.fault("exp_or_imp_unknown", Reason.BAD_FIELD, "3" + good.substring(1));
    t.fault("year_of_another_file", Reason.YEAR_MISMATCH, good.replace("2025,", "2024,"));
    t.fault("hs_of_eight_digits", Reason.BAD_CODE, good.replace("'850519000'", "'85051900'"));
    t.fault("month_value_as_text", Reason.BAD_NUMBER, replaceField(good, 15, "n/a"));
    t.fault("quantity_negative", Reason.NEGATIVE_VALUE, replaceField(good, 10, "-7"));
    t.fault("every_month_blank", Reason.MISSING_VALUE, blankMonths(good));
    t.fault("country_as_name", Reason.BAD_FIELD, good.replace(",105,", ",China,"));
    t.lateFault("country_not_in_crosswalk", Reason.UNMAPPED_COUNTRY, cutAtJune(japan("2025,'850519000',999", 5)));
    Fixtures.write(root, t.path, t.text());
  }

  /** A row of the full-year layout cut after June's three figures, as the running year's file prints it. */
  private static String cutAtJune(String row) {
    String[] f = row.split(",", -1);
    return String.join(",", Arrays.copyOf(f, 9 + 6 * 3));
  }

  private static String replaceField(String row, int index, String value) {
    String[] f = row.split(",", -1);
    f[index] = value;
    return String.join(",", f);
  }

  private static String blankMonths(String row) {
    String[] f = row.split(",", -1);
    for (int i = 9; i < f.length; i++) {
      f[i] = "";
    }
    return String.join(",", f);
  }

  /** A port-level export file saved as UTF-16 big-endian. */
  private void japanUtf16() {
    Text t = new Text("japan-customs/port_exp_2025.csv", SampleRows.japanHeader(true, true));
    t.good(SampleRows.japanRow("1", "2025,100,'811292000',105", "KG", new long[] {1, 2}, new long[] {10, 20}));
    t.good(SampleRows.japanRow("1", "2025,200,'811292000',103", "KG", new long[] {3}, new long[] {30}));
    t.fault("port_code_empty", Reason.BAD_FIELD,
        SampleRows.japanRow("1", "2025,,'811292000',103", "KG", new long[] {3}, new long[] {30}));
    Fixtures.write(root, t.path, bom(t.text(), StandardCharsets.UTF_16BE));
  }

  private static String gacc(String code, String partner, String quantity, String value) {
    return "\"" + code + "\",\"稀土\",\"" + partner + "\",\"某国\",\"10\",\"一般贸易\",\"" + quantity + "\",\"千克\",\"0\",\"?\",\""
        + value + "\",";
  }

  /** A single-month query export with Chinese headers, GB18030, the month named by its folder. */
  private void chinaCustomsChinese() {
    Text t = new Text("china-customs/exports/2026-01/query.csv", GACC_ZH);
    t.good(gacc("85051110", "116", "1,000", "7,000"));
    t.good(gacc("28053013", "116", "20", "2,000"));
    t.good(gacc("81129210", "133", "5", "900"));
    t.fault("value_unknown_mark", Reason.MISSING_VALUE, gacc("85051120", "116", "1", "?"));
    t.fault("thousands_misgrouped", Reason.BAD_NUMBER, gacc("85051120", "116", "1", "1,00,000"));
    t.fault("code_of_seven_digits", Reason.BAD_CODE, gacc("8505112", "116", "1", "10"));
    t.fault("partner_code_as_name", Reason.BAD_FIELD, gacc("85051120", "日本", "1", "10"));
    t.lateFault("partner_not_in_code_list", Reason.UNMAPPED_COUNTRY, gacc("85051120", "998", "1", "10"));
    Fixtures.write(root, t.path, t.text(), Fixtures.GB18030);
  }

  /** A query export with English headers and a period column. */
  private void chinaCustomsEnglish() {
    Text t = new Text("china-customs/imports/query_2025.csv", GACC_EN);
    t.good("\"202501\",\"28053013\",\"116\",\"20\",\"Kilogram\",\"2,000\",");
    t.good("\"202502\",\"28053013\",\"116\",\"30\",\"Kilogram\",\"3,000\",");
    t.fault("period_month_thirteen", Reason.BAD_PERIOD, "\"202513\",\"28053013\",\"116\",\"30\",\"Kilogram\",\"3,000\",");
    t.fault("period_missing", Reason.BAD_PERIOD, "\"\",\"28053013\",\"116\",\"30\",\"Kilogram\",\"3,000\",");
    Fixtures.write(root, t.path, t.text(), Fixtures.GB18030);
  }

  /** A query that named partners without coding them, and one of China's totals (no partner at all). */
  private void chinaCustomsNamesOnly() {
    Text t = new Text("china-customs/imports/2026-02/by_name.csv", "\"商品编码\",\"贸易伙伴名称\",\"人民币\",");
    t.good("\"85051110\",\"日本\",\"1,000\",");
    t.good("\"85051110\",\"中国香港\",\"2,000\",");
    t.fault("partner_name_not_on_list", Reason.UNMAPPED_COUNTRY, "\"85051110\",\"火星\",\"3,000\",");
    Fixtures.write(root, t.path, t.text(), Fixtures.GB18030);
    Text total = new Text("china-customs/imports/total_202602.csv", "\"Commodity code\",\"US dollar\",");
    total.good("\"85051110\",\"4,000\",");
    total.fault("total_value_empty", Reason.MISSING_VALUE, "\"85051120\",\"\",");
    Fixtures.write(root, total.path, total.text(), Fixtures.GB18030);
  }

  private void refuse(String kind, String file, String says, byte[] content) {
    Fixtures.write(root, file, content);
    files.add(new FileFault(kind, file, says));
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** Files that cannot be read at all: each must be refused by name, and nothing of it land. */
  private void wholeFiles() {
    String header = SampleRows.comtradeHeader('\t');
    String line = SampleRows.comtradeLine(comtrade(1, "850511", "276", "5"), '\t');
    byte[] gz = Fixtures.gzip(header + "\n" + line + "\n");
    refuse("gzip_truncated", "comtrade/cut_2025.tsv.gz", "cannot read", Arrays.copyOf(gz, gz.length - 12));
    byte[] corrupt = Fixtures.gzip(header + "\n" + (line + "\n").repeat(50));
    for (int i = 20; i < 40; i++) {
      corrupt[i] ^= 0x5A;
    }
    refuse("gzip_corrupt", "comtrade/corrupt_2025.tsv.gz", "cannot read", corrupt);
    refuse("html_error_page", "comtrade/error_page.csv", "an HTML or XML page",
        utf8("<!DOCTYPE html>\n<html><body>503 Service Unavailable</body></html>\n"));
    refuse("xml_answer", "japan-customs/answer.csv", "an HTML or XML page",
        utf8("<?xml version=\"1.0\"?>\n<error>quota exceeded</error>\n"));
    refuse("json_api_answer", "comtrade/api_answer.csv", "a JSON document",
        utf8("{\"elapsedTime\":\"0.1 secs\",\"count\":0,\"data\":[]}\n"));
    refuse("empty_file", "comtrade/empty_2025.csv", "is empty", new byte[0]);
    refuse("blank_lines_only", "japan-customs/blank_2025.csv", "is empty", utf8("\n \n\n"));
    refuse("spreadsheet_renamed", "japan-customs/workbook.csv", "binary content",
        new byte[] {'P', 'K', 3, 4, 20, 0, 6, 0, 8, 0, 0, 0, 33, 0, '\n'});
    refuse("comtrade_header_without_value", "comtrade/no_value_2025.csv", "missing primaryValue",
        utf8(header.replace("\tprimaryValue", "").replace('\t', ',') + "\n"));
    refuse("japan_header_without_year_total", "japan-customs/no_total_2025.csv", "missing value_year",
        utf8(SampleRows.japanHeader(false, true).replace(",Value-Year", "") + "\n"));
    refuse("china_header_without_value", "china-customs/exports/no_value_202601.csv", "a value column",
        "\"商品编码\",\"贸易伙伴编码\",\"第一数量\",\n\"85051110\",\"116\",\"1\",\n".getBytes(Fixtures.GB18030));
    refuse("china_month_unnamed", "china-customs/exports/query.csv", "no period column",
        (GACC_ZH + "\n" + gacc("85051110", "116", "1", "7") + "\n").getBytes(Fixtures.GB18030));
    byte[] text = utf8(SampleRows.comtradeHeader(',') + "\n" + SampleRows.comtradeLine(comtrade(1, "850511", "276",
        "5"), ',') + "\n");
    byte[] undecodable = Arrays.copyOf(text, text.length + 4);
    System.arraycopy(new byte[] {(byte) 0xC3, 0x28, (byte) 0x81, '\n'}, 0, undecodable, text.length, 4);
    refuse("bytes_of_no_known_encoding", "comtrade/mixed_2025.csv", "line 3: bytes are not valid windows-1252",
        undecodable);
    byte[] utf16 = bom(SampleRows.comtradeHeader(',') + "\n", StandardCharsets.UTF_16LE);
    byte[] loneSurrogate = Arrays.copyOf(utf16, utf16.length + 4);
    System.arraycopy(new byte[] {0x00, (byte) 0xDC, '\n', 0}, 0, loneSurrogate, utf16.length, 4);
    refuse("utf16_broken", "comtrade/broken_utf16_2025.csv", "not valid UTF-16", loneSurrogate);
    // A file whose line breaks were lost: refused at the first line no table row comes near, not read into memory.
    refuse("line_longer_than_any_row", "comtrade/no_breaks_2025.tsv", "line 2 is longer than",
        utf8(header + "\n" + (line + "\t").repeat(TextDecoding.MAX_LINE_BYTES / line.length() + 1) + "\n"));
    refuse("zip_of_several_files", "comtrade/two_2025.zip", "holds more than one file (a_2025.csv, b_2025.csv",
        Fixtures.zip(new TreeMap<>(Map.of("a_2025.csv", header + "\n" + line + "\n", "b_2025.csv",
            header + "\n" + line + "\n"))));
    refuse("zip_of_folders_only", "comtrade/empty_2025.zip", "holds no file", Fixtures.zip(Map.of("data/", "")));
    Fixtures.write(root, "comtrade/summary.xlsx", new byte[] {'P', 'K', 3, 4});
    rows.add(new RowFault("file_of_no_known_layout", "ingest", "comtrade/summary.xlsx", null, Reason.UNKNOWN_FILE));
    Fixtures.write(root, "china-customs/query_202601.csv",
        (GACC_ZH + "\n" + gacc("85051110", "116", "1", "7") + "\n").getBytes(Fixtures.GB18030));
    rows.add(new RowFault("china_file_outside_flow_folder", "ingest", "china-customs/query_202601.csv", null,
        Reason.UNKNOWN_FILE));
  }
}
