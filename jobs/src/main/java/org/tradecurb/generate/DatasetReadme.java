package org.tradecurb.generate;

import java.time.YearMonth;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.tradecurb.generate.SyntheticTrade.Direction;

/**
 * The README written beside the synthetic files: that the data are made up, the options that reproduce
 * them, the effects planted (the answers an analysis should find), the codes and partners, the quirks
 * of each file, the planted malformed rows, and where the real publications are. Ingest ignores it.
 */
final class DatasetReadme {

  private DatasetReadme() {}

  static String text(SyntheticTrade trade, List<GeneratedFile> files, List<BadRows.Planted> planted) {
    GeneratorOptions o = trade.options();
    StringBuilder s = new StringBuilder();
    s.append("# Synthetic customs data: not real trade statistics\n\n")
        .append("Every figure in this folder was made up by `tradecurb generate` (package ")
        .append("`org.tradecurb.generate`) to test the tradecurb pipeline. The files follow the layouts of the ")
        .append("real publications, and the built-in commodity codes and all country codes are real, but no value ")
        .append("or quantity is an observation. Do not cite them.\n\n")
        .append("## Options\n\nThe same options write byte-identical files:\n\n```\n")
        .append(o.commandLine()).append("\n```\n\n");
    effects(s, trade);
    series(s, trade);
    codes(s, trade);
    partners(s, trade);
    layout(s, trade, files);
    badRows(s, planted);
    s.append("## Where the real data are published\n\n")
        .append("- **UN Comtrade** final data: bulk files and API at https://comtradeplus.un.org ")
        .append("(developer portal https://comtradedeveloper.un.org).\n")
        .append("- **Japan Customs**, Trade Statistics of Japan: https://www.customs.go.jp/toukei/info/index_e.htm, ")
        .append("also on e-Stat (https://www.e-stat.go.jp).\n")
        .append("- **China Customs** (GACC) statistics online query: http://stats.customs.gov.cn.\n");
    return s.toString();
  }

  private static void effects(StringBuilder s, SyntheticTrade trade) {
    GeneratorOptions o = trade.options();
    long dual = trade.commodities().stream().filter(Commodity::dualUse).count();
    s.append("## Planted effects\n\n")
        .append("- China's exports to Japan of the ").append(dual).append(" dual-use codes, from ")
        .append(o.eventMonth()).append(" on: value ").append(percent(o.valueChange())).append(", unit value ")
        .append(percent(o.unitValueChange())).append(", so quantity ").append(percent(o.quantityChange()))
        .append(" (quantity factor (1").append(signed(o.valueChange())).append(")/(1")
        .append(signed(o.unitValueChange())).append(")).\n");
    if (o.frontLoading() == 0 || !o.anticipationMonth().isBefore(o.eventMonth())) {
      s.append("- No front-loading before the event.\n");
    } else {
      s.append("- Front-loading from ").append(o.anticipationMonth()).append(" to ")
          .append(o.eventMonth().minusMonths(1)).append(": China's dual-use exports to Japan ")
          .append(percent(o.frontLoading())).append(" in value and quantity.\n");
    }
    s.append("- China's exports to Japan of the other codes, from ").append(o.eventMonth()).append(" on: ")
        .append(percent(o.nonDualUseChange())).append(" in value and quantity.\n")
        .append("- Diversion: ").append(share(o.diversionShare()))
        .append(" of the dual-use quantity Japan loses each month is exported by China to ").append(o.diversionTo())
        .append(" on top of its own flow, at the unit value Japan would have paid without the curb.\n")
        .append("- Mirror flows: Japan's imports from China are China's exports to Japan in the same month, ")
        .append("same quantity, valued CIF at ").append(share(o.cifFobMargin())).append(" over FOB. ")
        .append("China's imports from Japan mirror Japan's exports to China the same way.\n")
        .append("- No effect anywhere else: China's exports to the control destinations (")
        .append(trade.partners().destinations().stream().filter(p -> p.role() == Partner.Role.CONTROL)
            .map(Partner::iso3).collect(Collectors.joining(", ")))
        .append(") and other partners, and Japan's imports of the same codes from other origins, follow their ")
        .append("base series (the diversion destination apart).\n\n");
  }

  private static void series(StringBuilder s, SyntheticTrade trade) {
    GeneratorOptions o = trade.options();
    s.append("## How the series are made\n\n")
        .append("Each month's figure is base level × seasonal factor × trend × noise. The base level is drawn ")
        .append("per lane and code around the code's own level, scaled by the partner's size. Seasonal factors ")
        .append("(January to December, Lunar New Year dip): ");
    s.append(IntStream.rangeClosed(1, 12)
        .mapToObj(m -> String.format(Locale.ROOT, "%.3f", trade.seasonalFactor(YearMonth.of(2000, m))))
        .collect(Collectors.joining(", ")));
    s.append(". Trend: ").append(percent(o.trend())).append(" a year from ").append(o.start())
        .append(". Noise: independent lognormal factors with mean 1 and sigma ")
        .append(GeneratorOptions.number(o.noise()))
        .append(" on quantity and on unit value.\n\n");
  }

  private static void codes(StringBuilder s, SyntheticTrade trade) {
    s.append("## Codes\n\n| CN8 (China) | HS6 (Comtrade) | JP9 (Japan) | category | dual-use | description |\n")
        .append("|---|---|---|---|---|---|\n");
    int builtIn = Commodities.DUAL_USE.size() + Commodities.ORDINARY.size();
    List<Commodity> synthetic = trade.commodities().subList(builtIn, trade.commodities().size());
    trade.commodities().subList(0, builtIn).forEach(c -> s.append("| ").append(c.cn8())
        .append(" | ").append(c.hs6()).append(" | ").append(c.jp9()).append(" | ").append(c.category())
        .append(" | ").append(c.dualUse() ? "yes" : "no").append(" | ").append(c.nameEn())
        .append(c.countedInItems() ? " (counted in items)" : "").append(" |\n"));
    if (!synthetic.isEmpty()) {
      s.append("\nPlus ").append(synthetic.size()).append(" synthetic ordinary codes (").append(synthetic.get(0).cn8())
          .append(" … ").append(synthetic.get(synthetic.size() - 1).cn8()).append(") in chapters ")
          .append(String.join(", ", Commodities.SYNTHETIC_CHAPTERS))
          .append(", which no dual-use catalogue row touches; each has its own HS6, its JP9 is the HS6 + 000.\n");
    }
    s.append('\n');
  }

  private static void partners(StringBuilder s, SyntheticTrade trade) {
    s.append("## Partners\n\n| ISO3 | role | Comtrade | China Customs | Japan Customs | name |\n")
        .append("|---|---|---|---|---|---|\n");
    Partners p = trade.partners();
    Stream.concat(Stream.of(p.china()), p.destinations().stream())
        .forEach(x -> s.append("| ").append(x.iso3()).append(" | ").append(x.role().name().toLowerCase(Locale.ROOT))
            .append(" | ").append(x.m49()).append(" | ").append(x.gacc()).append(" | ")
            .append(x.japan() == null ? "" : x.japan()).append(" | ").append(x.nameEn()).append(" |\n"));
    s.append('\n');
  }

  private static void layout(StringBuilder s, SyntheticTrade trade, List<GeneratedFile> files) {
    GeneratorOptions o = trade.options();
    long rows = files.stream().mapToLong(GeneratedFile::rows).sum();
    s.append("## Files\n\n").append(files.size()).append(" files, ").append(rows).append(" data rows.\n\n")
        .append("- `comtrade/<reporter>_<year>.tsv.gz`: 156 = China's exports to every destination, 392 = ")
        .append("Japan's imports from every origin; monthly, H6, six-digit codes, US dollars. Every totals row ")
        .append("(customsCode C00, motCode 0, partner2Code 0) is followed by a breakdown row with motCode 1000 ")
        .append("(air) holding part of it: count the totals only.\n")
        .append("- `japan-customs/<imp|exp>_<year>.csv`: by country, the common layout: imports from every origin, ")
        .append("exports to China; values in ")
        .append("thousands of yen rounded down at the monthly rates of fx_monthly.csv. The ")
        .append(o.start().getYear())
        .append(" files spell April `Apl`. Months after ").append(o.end())
        .append(" are zero: not yet published. Goods counted in items have Unit1 `NO` and Unit2 `KG`; the ")
        .append("others Unit1 `KG` and a blank Unit2 (two spaces) with quantity 0.\n");
    japanVariants(s, o.japanVariantsYear());
    s.append("- `china-customs/exports/` and `china-customs/imports/`: China's exports to every destination and ")
        .append("imports from Japan, one file per month, GB18030, CRLF line ends. Each figure is split over customs ")
        .append("regimes 10 and 14, which add up to it. Yuan values convert at the month's CNY rate of ")
        .append("fx_monthly.csv, a combined January-February figure at the mean of the two months' rates.\n\n")
        .append("| China Customs file | header | currency | period from |\n|---|---|---|---|\n");
    // The imports/ file of a period has the same header as its exports/ file.
    for (GeneratedFile f : files) {
      if (f instanceof ChinaCustomsFiles.PeriodFile p && p.direction() == Direction.EXPORT) {
        s.append("| ").append(p.path().substring(p.path().lastIndexOf('/') + 1)).append(" | ")
            .append(p.chinese() ? "Chinese" : "English").append(" | ").append(p.usd() ? "USD" : "CNY").append(" | ")
            .append(p.periodColumn() ? "column" : "file name").append(" |\n");
      }
    }
    if (o.combinedJanFebYear() != 0) {
      s.append("\nJanuary and February ").append(o.combinedJanFebYear())
          .append(" are published only together, as one figure for both months.\n");
    }
    s.append('\n');
  }

  /** The port-level and national-total files, when the options ask for them. */
  private static void japanVariants(StringBuilder s, int year) {
    if (year == 0) {
      return;
    }
    s.append("- `japan-customs/imp_").append(year).append("_ports.csv`: port level, the other layout Japan ")
        .append("Customs publishes with a `Custom` column after `Year`. Every row of `imp_").append(year)
        .append(".csv` is split over the two or three customs offices its origin's goods clear at (three-character ")
        .append("codes ").append(JapanCustomsVariants.OFFICES.get(0)).append(" … ")
        .append(JapanCustomsVariants.OFFICES.get(JapanCustomsVariants.OFFICES.size() - 1))
        .append(" in Japan Customs' style, not real offices). The offices' quantities add up to the row's; each ")
        .append("office's value is rounded down on its own, so their sum falls short of the row's by less than ")
        .append("1 thousand yen per office. These rows are detail of the by-country figure: ingest keeps the ")
        .append("by-country figure and excludes the port rows that duplicate it (`detail_of_national_figure`), ")
        .append("so they change no total.\n")
        .append("- `japan-customs/imp_").append(year).append("_total.csv`: national totals, the layout without ")
        .append("`Country`: one row per code, the sum of that code's rows in `imp_").append(year)
        .append(".csv` (of their rounded values, so the totals match them exactly). Ingest reads it with partner ")
        .append("`WLD` (world), beside the countries, not on top of them: do not add it to their sum.\n");
  }

  private static void badRows(StringBuilder s, List<BadRows.Planted> planted) {
    s.append("## Planted malformed rows\n\n");
    if (planted.isEmpty()) {
      s.append("None: every data row is well formed.\n\n");
      return;
    }
    s.append(planted.size()).append(" extra rows, each a broken copy of the row below it; ingest must quarantine ")
        .append("exactly these, with these reason codes.\n\n| file | line | reason |\n|---|---|---|\n");
    planted.forEach(p -> s.append("| ").append(p.path()).append(" | ").append(p.line()).append(" | ")
        .append(p.reason().name()).append(" |\n"));
    s.append('\n');
  }

  private static String percent(double fraction) {
    return String.format(Locale.ROOT, "%+.1f%%", fraction * 100);
  }

  private static String share(double fraction) {
    return String.format(Locale.ROOT, "%.1f%%", fraction * 100);
  }

  private static String signed(double d) {
    return (d < 0 ? " - " : " + ") + GeneratorOptions.number(Math.abs(d));
  }
}
