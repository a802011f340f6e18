package org.tradecurb.generate;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.tradecurb.generate.SyntheticTrade.Direction;
import org.tradecurb.ingest.Reason;

/**
 * Trade Statistics of Japan CSV files: one per flow and year, a row per 9-digit code and country with the
 * twelve months side by side, values in thousands of yen rounded down (converted at the pipeline's monthly
 * rate), exports FOB by destination, imports CIF by origin. Months the year has not reached yet are zero,
 * as in a file downloaded mid-year; the first year's files spell April "Apl", as some releases do.
 */
final class JapanCustomsFiles {

  private static final String[] MONTHS = {
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"
  };
  /** Japan Customs prints a unit it does not use as two spaces, with quantity 0. */
  private static final String NO_UNIT = "  ";
  /** Positions of the fields a planted bad row breaks. */
  private static final int HS = 2;
  private static final int VALUE_YEAR = 8;

  private JapanCustomsFiles() {}

  static List<GeneratedFile> of(SyntheticTrade trade, FxTable fx) {
    List<GeneratedFile> files = new ArrayList<>();
    for (int year = trade.options().start().getYear(); year <= trade.options().end().getYear(); year++) {
      files.add(new FlowYear(trade, fx, Direction.IMPORT, year));
      files.add(new FlowYear(trade, fx, Direction.EXPORT, year));
    }
    return files;
  }

  private static final class FlowYear implements GeneratedFile {
    private final SyntheticTrade trade;
    private final FxTable fx;
    private final Direction direction;
    private final int year;
    private final List<Partner> countries;
    private final List<Commodity> codes;

    FlowYear(SyntheticTrade trade, FxTable fx, Direction direction, int year) {
      this.trade = trade;
      this.fx = fx;
      this.direction = direction;
      this.year = year;
      // Japan's files list countries in the order of their codes.
      this.countries = trade.partnersOf(trade.partners().japan(), direction).stream()
          .sorted(Comparator.comparingInt(p -> Integer.parseInt(p.japan())))
          .toList();
      this.codes = trade.commodities();
    }

    @Override
    public String path() {
      return "japan-customs/" + (direction == Direction.IMPORT ? "imp" : "exp") + "_" + year + ".csv";
    }

    @Override
    public Charset charset() {
      return StandardCharsets.UTF_8;
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
      List<String> h = new ArrayList<>(List.of("Exp or Imp", "Year", "HS", "Country", "Unit1", "Unit2",
          "Quantity1-Year", "Quantity2-Year", "Value-Year"));
      boolean apl = year == trade.options().start().getYear();
      for (String m : MONTHS) {
        String label = apl && m.equals("Apr") ? "Apl" : m;
        h.add("Quantity1-" + label);
        h.add("Quantity2-" + label);
        h.add("Value-" + label);
      }
      return String.join(",", h);
    }

    @Override
    public int rows() {
      return codes.size() * countries.size();
    }

    @Override
    public String row(int i) {
      return String.join(",", fields(i));
    }

    @Override
    public String malformed(int i, Reason reason) {
      List<String> f = fields(i);
      switch (reason) {
        case BAD_NUMBER -> f.set(VALUE_YEAR, GeneratedFile.typo(f.get(VALUE_YEAR)));
        case NEGATIVE_VALUE -> f.set(VALUE_YEAR, GeneratedFile.negative(f.get(VALUE_YEAR)));
        case BAD_CODE -> f.set(HS, "'" + GeneratedFile.truncated(f.get(HS).replace("'", "")) + "'");
        default -> throw new IllegalArgumentException("cannot plant " + reason);
      }
      return String.join(",", f);
    }

    /** Row i: code, then country. */
    private List<String> fields(int i) {
      Commodity code = codes.get(i / countries.size());
      Partner country = countries.get(i % countries.size());
      long[] q1 = new long[12];
      long[] q2 = new long[12];
      long[] thousandYen = new long[12];
      for (int m = 0; m < 12; m++) {
        YearMonth month = YearMonth.of(year, m + 1);
        if (month.isBefore(trade.options().start()) || month.isAfter(trade.options().end())) {
          continue;
        }
        TrueFlow flow = trade.reported(trade.partners().japan(), direction, country, code, month);
        long kg = Math.round(flow.kg());
        q1[m] = code.countedInItems() ? code.items(flow.kg()) : kg;
        q2[m] = code.countedInItems() ? kg : 0;
        thousandYen[m] = (long) Math.floor(flow.usd() * fx.unitsPerUsd("JPY", month) / 1000);
      }
      List<String> f = new ArrayList<>(List.of(direction == Direction.EXPORT ? "1" : "2", String.valueOf(year),
          "'" + code.jp9() + "'", country.japan(), code.countedInItems() ? "NO" : "KG",
          code.countedInItems() ? "KG" : NO_UNIT, sum(q1), sum(q2), sum(thousandYen)));
      for (int m = 0; m < 12; m++) {
        f.add(String.valueOf(q1[m]));
        f.add(String.valueOf(q2[m]));
        f.add(String.valueOf(thousandYen[m]));
      }
      return f;
    }
  }

  private static String sum(long[] months) {
    long total = 0;
    for (long v : months) {
      total += v;
    }
    return String.valueOf(total);
  }
}
