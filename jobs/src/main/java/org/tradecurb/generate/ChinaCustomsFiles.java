package org.tradecurb.generate;

import java.nio.charset.Charset;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import org.tradecurb.generate.SyntheticTrade.Direction;
import org.tradecurb.ingest.Reason;

/**
 * China Customs online-query exports: one file per flow and month under china-customs/exports/ and
 * china-customs/imports/ (the file never says which), GB18030, every field quoted, numbers with thousands
 * separators, {@code ?} for the missing second quantity, a comma ending every line. Each figure is split
 * over two customs regimes (10 ordinary trade, 14 processing) that add up to it. The months vary as the
 * real downloads do: Chinese or English headers, values in yuan or US dollars, with or without the period
 * column (the file name {@code YYYYMM.csv} then gives it), and one year's January and February published
 * only together.
 */
final class ChinaCustomsFiles {

  private static final Charset GB18030 = Charset.forName("GB18030");
  private static final String[] REGIMES = {"10", "14"};
  private static final String[] REGIME_ZH = {"一般贸易", "来料加工装配贸易"};
  private static final String[] REGIME_EN = {"Ordinary Trade", "Processing and Assembling Trade"};
  private static final String MISSING = "?";

  private ChinaCustomsFiles() {}

  static List<GeneratedFile> of(SyntheticTrade trade, FxTable fx) {
    List<GeneratedFile> files = new ArrayList<>();
    for (Direction direction : Direction.values()) {
      for (List<YearMonth> period : periods(trade)) {
        files.add(new PeriodFile(trade, fx, direction, period));
      }
    }
    return files;
  }

  /** The months one file each covers: single months, but January and February together in the chosen year. */
  private static List<List<YearMonth>> periods(SyntheticTrade trade) {
    List<List<YearMonth>> periods = new ArrayList<>();
    for (YearMonth m : trade.months()) {
      boolean combined = m.getYear() == trade.options().combinedJanFebYear();
      if (combined && m.getMonthValue() == 1) {
        periods.add(List.of(m, m.plusMonths(1)));
      } else if (!(combined && m.getMonthValue() == 2)) {
        periods.add(List.of(m));
      }
    }
    return periods;
  }

  /** One flow's file for one period; its header style is known to the README. */
  static final class PeriodFile implements GeneratedFile {
    private final SyntheticTrade trade;
    private final Direction direction;
    private final List<YearMonth> months;
    private final List<Partner> partners;
    private final List<Commodity> codes;
    private final boolean chinese;
    private final boolean usd;
    private final boolean periodColumn;
    private final double cnyPerUsd;

    PeriodFile(SyntheticTrade trade, FxTable fx, Direction direction, List<YearMonth> months) {
      this.trade = trade;
      this.direction = direction;
      this.months = months;
      this.partners = trade.partnersOf(trade.partners().china(), direction);
      this.codes = trade.commodities();
      // Cycles of 2, 4 and 3 months put every combination of language, currency and period column in a year.
      int k = months.get(0).getYear() * 12 + months.get(0).getMonthValue() - 1;
      this.chinese = k % 2 == 0;
      this.usd = k / 2 % 2 == 1;
      this.periodColumn = k % 3 != 1;
      // A combined January-February figure is converted by the pipeline at the mean of the two months' rates.
      this.cnyPerUsd = fx.unitsPerUsd("CNY", months);
    }

    Direction direction() {
      return direction;
    }

    boolean chinese() {
      return chinese;
    }

    boolean usd() {
      return usd;
    }

    boolean periodColumn() {
      return periodColumn;
    }

    private String period() {
      String first = GeneratedFile.yyyymm(months.get(0));
      return months.size() == 1 ? first : first + "-" + GeneratedFile.yyyymm(months.get(months.size() - 1));
    }

    @Override
    public String path() {
      return "china-customs/" + (direction == Direction.EXPORT ? "exports" : "imports") + "/" + period() + ".csv";
    }

    @Override
    public Charset charset() {
      return GB18030;
    }

    @Override
    public boolean gzipped() {
      return false;
    }

    @Override
    public String lineEnd() {
      return "\r\n";
    }

    @Override
    public String header() {
      List<String> h = new ArrayList<>();
      if (periodColumn) {
        h.add(chinese ? "数据年月" : "Date of data");
      }
      if (chinese) {
        h.addAll(List.of("商品编码", "商品名称", "贸易伙伴编码", "贸易伙伴名称", "贸易方式编码", "贸易方式名称", "第一数量",
            "第一计量单位", "第二数量", "第二计量单位", usd ? "美元" : "人民币"));
      } else {
        h.addAll(List.of("Commodity code", "Commodity", "Trading partner code", "Trading partner",
            "Customs Regime code", "Customs Regime", "Quantity", "Unit", "Supplementary Quantity",
            "Supplementary Unit", usd ? "US dollar" : "Renminbi Yuan"));
      }
      return quoted(h);
    }

    @Override
    public int rows() {
      return codes.size() * partners.size() * REGIMES.length;
    }

    @Override
    public String row(int i) {
      return quoted(fields(i));
    }

    @Override
    public String malformed(int i, Reason reason) {
      List<String> f = fields(i);
      int value = f.size() - 1;
      int code = periodColumn ? 1 : 0;
      switch (reason) {
        case BAD_NUMBER -> f.set(value, GeneratedFile.typo(f.get(value)));
        case NEGATIVE_VALUE -> f.set(value, GeneratedFile.negative(f.get(value)));
        case BAD_CODE -> f.set(code, GeneratedFile.truncated(f.get(code)));
        default -> throw new IllegalArgumentException("cannot plant " + reason);
      }
      return quoted(f);
    }

    /** Row i: code, then partner, then regime. */
    private List<String> fields(int i) {
      Commodity code = codes.get(i / REGIMES.length / partners.size());
      Partner partner = partners.get(i / REGIMES.length % partners.size());
      int regime = i % REGIMES.length;
      TrueFlow total = TrueFlow.ZERO;
      for (YearMonth m : months) {
        total = total.plus(trade.reported(trade.partners().china(), direction, partner, code, m));
      }
      double ordinaryShare = CellRandom.of(trade.options().seed(), "regime", direction.name(), partner.iso3(),
          code.cn8(), period()).nextDouble(0.6, 0.95);
      long value = Math.round(usd ? total.usd() : total.usd() * cnyPerUsd);
      long kg = Math.round(total.kg());
      List<String> f = new ArrayList<>();
      if (periodColumn) {
        f.add(period());
      }
      f.add(code.cn8());
      f.add(chinese ? code.nameZh() : code.nameEn());
      f.add(partner.gacc());
      f.add(chinese ? partner.nameZh() : partner.nameEn());
      f.add(REGIMES[regime]);
      f.add(chinese ? REGIME_ZH[regime] : REGIME_EN[regime]);
      String kilogram = chinese ? "千克" : "Kilogram";
      if (code.countedInItems()) {
        f.add(grouped(part(code.items(total.kg()), ordinaryShare, regime)));
        f.add(chinese ? "台" : "Number of items");
        f.add(grouped(part(kg, ordinaryShare, regime)));
        f.add(kilogram);
      } else {
        f.add(grouped(part(kg, ordinaryShare, regime)));
        f.add(kilogram);
        f.add(MISSING);
        f.add(MISSING);
      }
      f.add(grouped(part(value, ordinaryShare, regime)));
      return f;
    }
  }

  /** The ordinary-trade part, or the processing remainder, so that the two rows add up to the figure. */
  private static long part(long total, double ordinaryShare, int regime) {
    long ordinary = Math.round(total * ordinaryShare);
    return regime == 0 ? ordinary : total - ordinary;
  }

  /** A whole number with thousands separators, {@code 5,848,714}; by hand, as String.format is slow. */
  private static String grouped(long n) {
    String digits = Long.toString(Math.abs(n));
    StringBuilder sb = new StringBuilder(n < 0 ? "-" : "");
    for (int i = 0; i < digits.length(); i++) {
      if (i > 0 && (digits.length() - i) % 3 == 0) {
        sb.append(',');
      }
      sb.append(digits.charAt(i));
    }
    return sb.toString();
  }

  /** Every field quoted, and the comma the web export leaves at the end of each line. */
  private static String quoted(List<String> fields) {
    StringBuilder sb = new StringBuilder();
    for (String f : fields) {
      sb.append('"').append(f).append("\",");
    }
    return sb.toString();
  }
}
