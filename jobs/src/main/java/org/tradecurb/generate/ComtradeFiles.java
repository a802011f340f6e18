package org.tradecurb.generate;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
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

  private ComtradeFiles() {}

  static List<GeneratedFile> of(SyntheticTrade trade) {
    List<GeneratedFile> files = new ArrayList<>();
    Partners p = trade.partners();
    for (int year = trade.options().start().getYear(); year <= trade.options().end().getYear(); year++) {
      files.add(new ReporterYear(trade, p.china(), Direction.EXPORT, year));
      files.add(new ReporterYear(trade, p.japan(), Direction.IMPORT, year));
    }
    return files;
  }

  /** One reporter's figures for one year: months × partners × codes, each as a totals and a breakdown row. */
  private static final class ReporterYear implements GeneratedFile {
    private final SyntheticTrade trade;
    private final Partner reporter;
    private final Direction direction;
    private final List<YearMonth> months;
    private final List<Partner> partners;
    private final List<Commodity> codes;

    ReporterYear(SyntheticTrade trade, Partner reporter, Direction direction, int year) {
      this.trade = trade;
      this.reporter = reporter;
      this.direction = direction;
      this.months = trade.months().stream().filter(m -> m.getYear() == year).toList();
      this.partners = trade.partnersOf(reporter, direction);
      this.codes = trade.commodities();
    }

    @Override
    public String path() {
      return "comtrade/" + reporter.m49() + "_" + months.get(0).getYear() + ".tsv.gz";
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
      return String.join("\t", fields(i).values());
    }

    @Override
    public String malformed(int i, Reason reason) {
      Map<String, String> f = fields(i);
      switch (reason) {
        case BAD_NUMBER -> f.put("primaryValue", GeneratedFile.typo(f.get("primaryValue")));
        case NEGATIVE_VALUE -> f.put("primaryValue", GeneratedFile.negative(f.get("primaryValue")));
        case BAD_CODE -> f.put("cmdCode", GeneratedFile.truncated(f.get("cmdCode")));
        default -> throw new IllegalArgumentException("cannot plant " + reason);
      }
      return String.join("\t", f.values());
    }

    /** Row i: month, then partner, then code, then totals (even) or breakdown (odd). */
    private Map<String, String> fields(int i) {
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
      Map<String, String> f = new LinkedHashMap<>();
      ComtradeFormat.COLUMNS.forEach(c -> f.put(c, ""));
      f.put("typeCode", "C");
      f.put("freqCode", "M");
      f.put("refPeriodId", String.format(Locale.ROOT, "%d%02d01", month.getYear(), month.getMonthValue()));
      f.put("refYear", String.valueOf(month.getYear()));
      f.put("refMonth", String.valueOf(month.getMonthValue()));
      f.put("period", String.format(Locale.ROOT, "%d%02d", month.getYear(), month.getMonthValue()));
      f.put("reporterCode", reporter.m49());
      f.put("reporterISO", reporter.iso3());
      f.put("reporterDesc", reporter.nameEn());
      f.put("flowCode", export ? "X" : "M");
      f.put("flowDesc", export ? "Export" : "Import");
      f.put("partnerCode", partner.m49());
      f.put("partnerISO", partner.iso3());
      f.put("partnerDesc", partner.nameEn());
      f.put("partner2Code", "0");
      f.put("partner2ISO", "W00");
      f.put("partner2Desc", "World");
      f.put("classificationCode", "H6");
      f.put("classificationSearchCode", "HS");
      f.put("isOriginalClassification", "True");
      f.put("cmdCode", code.hs6());
      f.put("cmdDesc", code.nameEn());
      f.put("aggrLevel", "6");
      f.put("isLeaf", "True");
      f.put("customsCode", "C00");
      f.put("customsDesc", "TOTAL CPC");
      f.put("mosCode", "0");
      f.put("motCode", breakdown ? AIR : "0");
      f.put("motDesc", breakdown ? "Air" : "TOTAL MOT");
      if (code.countedInItems()) {
        f.put("qtyUnitCode", "5");
        f.put("qtyUnitAbbr", "u");
        f.put("qty", String.valueOf(code.items(flow.kg())));
        f.put("altQtyUnitCode", "8");
        f.put("altQtyUnitAbbr", "kg");
        f.put("altQty", kg);
      } else {
        f.put("qtyUnitCode", "8");
        f.put("qtyUnitAbbr", "kg");
        f.put("qty", kg);
        f.put("altQtyUnitCode", "-1");
        f.put("altQtyUnitAbbr", "N/A");
      }
      f.put("isQtyEstimated", "False");
      f.put("isAltQtyEstimated", "False");
      f.put("netWgt", kg);
      f.put("isNetWgtEstimated", "False");
      f.put("isGrossWgtEstimated", "False");
      f.put(export ? "fobvalue" : "cifvalue", value);
      f.put("primaryValue", value);
      f.put("legacyEstimationFlag", "0");
      f.put("isReported", "True");
      f.put("isAggregate", "True");
      return f;
    }
  }

  /** Comtrade figures in whole dollars and kilograms. */
  private static String whole(double d) {
    return String.valueOf(Math.round(d));
  }
}
