package org.tradecurb.generate;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tradecurb.generate.SyntheticTrade.Direction;
import org.tradecurb.ingest.ComtradeFormat;
import org.tradecurb.ingest.Reason;

/**
 * UN Comtrade bulk files: one per reporter and year, tab-separated and gzipped, 47 columns. China (156)
 * reports its exports, Japan (392) its imports, monthly, in HS2022 (H6) at six digits, in US dollars. Each
 * totals row is followed by a breakdown row (motCode 1000, air) holding part of it, as Comtrade publishes
 * mode-of-transport detail; ingest must count only the totals.
 */
final class ComtradeFiles {

  private static final String AIR = "1000";
  private static final Map<String, Integer> POSITION = new HashMap<>();

  static {
    for (int i = 0; i < ComtradeFormat.COLUMNS.size(); i++) {
      POSITION.put(ComtradeFormat.COLUMNS.get(i), i);
    }
  }

  private ComtradeFiles() {}

  static List<GeneratedFile> of(SyntheticTrade trade) {
    List<GeneratedFile> files = new ArrayList<>();
    for (int year = trade.options().start().getYear(); year <= trade.options().end().getYear(); year++) {
      int y = year;
      List<YearMonth> months = trade.months().stream().filter(m -> m.getYear() == y).toList();
      files.addAll(bothReporters(trade, months, String.valueOf(year)));
    }
    return files;
  }

  /**
   * The same figures month by month, the way Comtrade cuts its bulk downloads (a reporter and a period
   * each): every month China's exports, then Japan's imports.
   */
  static List<GeneratedFile> byMonth(SyntheticTrade trade) {
    List<GeneratedFile> blocks = new ArrayList<>();
    for (YearMonth month : trade.months()) {
      blocks.addAll(bothReporters(trade, List.of(month), GeneratedFile.yyyymm(month)));
    }
    return blocks;
  }

  /** Rows one code adds over the whole span: every month, both reporters, every partner, two rows. */
  static long rowsPerCode(SyntheticTrade trade) {
    Partners p = trade.partners();
    int partners = trade.partnersOf(p.china(), Direction.EXPORT).size()
        + trade.partnersOf(p.japan(), Direction.IMPORT).size();
    return 2L * trade.months().size() * partners;
  }

  private static List<GeneratedFile> bothReporters(SyntheticTrade trade, List<YearMonth> months, String period) {
    Partners p = trade.partners();
    return List.of(new ReporterPeriod(trade, p.china(), Direction.EXPORT, months, period),
        new ReporterPeriod(trade, p.japan(), Direction.IMPORT, months, period));
  }

  /** One reporter's figures for a period (a year or a month): months × partners × codes, totals and breakdown. */
  private static final class ReporterPeriod implements GeneratedFile {
    private final SyntheticTrade trade;
    private final Partner reporter;
    private final Direction direction;
    private final List<YearMonth> months;
    private final String period;
    private final List<Partner> partners;
    private final List<Commodity> codes;

    ReporterPeriod(SyntheticTrade trade, Partner reporter, Direction direction, List<YearMonth> months,
        String period) {
      this.trade = trade;
      this.reporter = reporter;
      this.direction = direction;
      this.months = months;
      this.period = period;
      this.partners = trade.partnersOf(reporter, direction);
      this.codes = trade.commodities();
    }

    @Override
    public String path() {
      return "comtrade/" + reporter.m49() + "_" + period + ".tsv.gz";
    }

    @Override
    public Charset charset() {
      return StandardCharsets.UTF_8;
    }

    @Override
    public boolean gzipped() {
      return true;
    }

    @Override
    public String lineEnd() {
      return "\n";
    }

    @Override
    public String header() {
      return String.join("\t", ComtradeFormat.COLUMNS);
    }

    @Override
    public int rows() {
      return months.size() * partners.size() * codes.size() * 2;
    }

    @Override
    public String row(int i) {
      return String.join("\t", fields(i));
    }

    @Override
    public String malformed(int i, Reason reason) {
      String[] f = fields(i);
      int value = POSITION.get("primaryValue");
      int cmd = POSITION.get("cmdCode");
      switch (reason) {
        case BAD_NUMBER -> f[value] = GeneratedFile.typo(f[value]);
        case NEGATIVE_VALUE -> f[value] = GeneratedFile.negative(f[value]);
        case BAD_CODE -> f[cmd] = GeneratedFile.truncated(f[cmd]);
        default -> throw new IllegalArgumentException("cannot plant " + reason);
      }
      return String.join("\t", f);
    }

    /** Row i: month, then partner, then code, then totals (even) or breakdown (odd). */
    private String[] fields(int i) {
      boolean breakdown = i % 2 == 1;
      int cell = i / 2;
      Commodity code = codes.get(cell % codes.size());
      Partner partner = partners.get(cell / codes.size() % partners.size());
      YearMonth month = months.get(cell / codes.size() / partners.size());
      TrueFlow flow = trade.reported(reporter, direction, partner, code, month);
      if (breakdown) {
        double share = CellRandom.of(trade.options().seed(), "air", reporter.iso3(), partner.iso3(), code.cn8(),
            month.toString()).nextDouble(0.05, 0.5);
        flow = flow.times(share, share);
      }
      String value = whole(flow.usd());
      String kg = whole(flow.kg());
      boolean export = direction == Direction.EXPORT;
      String[] f = new String[ComtradeFormat.COLUMNS.size()];
      Arrays.fill(f, "");
      put(f, "typeCode", "C");
      put(f, "freqCode", "M");
      String period = GeneratedFile.yyyymm(month);
      put(f, "refPeriodId", period + "01");
      put(f, "refYear", String.valueOf(month.getYear()));
      put(f, "refMonth", String.valueOf(month.getMonthValue()));
      put(f, "period", period);
      put(f, "reporterCode", reporter.m49());
      put(f, "reporterISO", reporter.iso3());
      put(f, "reporterDesc", reporter.nameEn());
      put(f, "flowCode", export ? "X" : "M");
      put(f, "flowDesc", export ? "Export" : "Import");
      put(f, "partnerCode", partner.m49());
      put(f, "partnerISO", partner.iso3());
      put(f, "partnerDesc", partner.nameEn());
      put(f, "partner2Code", "0");
      put(f, "partner2ISO", "W00");
      put(f, "partner2Desc", "World");
      put(f, "classificationCode", "H6");
      put(f, "classificationSearchCode", "HS");
      put(f, "isOriginalClassification", "True");
      put(f, "cmdCode", code.hs6());
      put(f, "cmdDesc", code.nameEn());
      put(f, "aggrLevel", "6");
      put(f, "isLeaf", "True");
      put(f, "customsCode", "C00");
      put(f, "customsDesc", "TOTAL CPC");
      put(f, "mosCode", "0");
      put(f, "motCode", breakdown ? AIR : "0");
      put(f, "motDesc", breakdown ? "Air" : "TOTAL MOT");
      if (code.countedInItems()) {
        put(f, "qtyUnitCode", "5");
        put(f, "qtyUnitAbbr", "u");
        put(f, "qty", String.valueOf(code.items(flow.kg())));
        put(f, "altQtyUnitCode", "8");
        put(f, "altQtyUnitAbbr", "kg");
        put(f, "altQty", kg);
      } else {
        put(f, "qtyUnitCode", "8");
        put(f, "qtyUnitAbbr", "kg");
        put(f, "qty", kg);
        put(f, "altQtyUnitCode", "-1");
        put(f, "altQtyUnitAbbr", "N/A");
      }
      put(f, "isQtyEstimated", "False");
      put(f, "isAltQtyEstimated", "False");
      put(f, "netWgt", kg);
      put(f, "isNetWgtEstimated", "False");
      put(f, "isGrossWgtEstimated", "False");
      put(f, export ? "fobvalue" : "cifvalue", value);
      put(f, "primaryValue", value);
      put(f, "legacyEstimationFlag", "0");
      put(f, "isReported", "True");
      put(f, "isAggregate", "True");
      return f;
    }
  }

  private static void put(String[] fields, String column, String value) {
    fields[POSITION.get(column)] = value;
  }

  /** Comtrade figures in whole dollars and kilograms. */
  private static String whole(double d) {
    return String.valueOf(Math.round(d));
  }
}
