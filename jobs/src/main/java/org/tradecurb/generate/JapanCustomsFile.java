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
 * One Trade Statistics of Japan CSV file for one flow and year: a row per 9-digit code (and country, and
 * customs office, as the variant has them) with the twelve months side by side, values in thousands of yen
 * rounded down (converted at the pipeline's monthly rate), exports FOB, imports CIF. Months the year has not
 * reached yet are zero, as in a file downloaded mid-year; the first year's files spell April "Apl", as some
 * releases do. The variants differ only in the optional {@code Custom} and {@code Country} columns.
 */
abstract class JapanCustomsFile implements GeneratedFile {

  private static final String[] MONTHS = {
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"
  };
  /** Japan Customs prints a unit it does not use as two spaces, with quantity 0. */
  private static final String NO_UNIT = "  ";

  final SyntheticTrade trade;
  final Direction direction;
  final int year;
  final List<Commodity> codes;
  /** Japan's files list countries in the order of their codes. */
  final List<Partner> countries;
  private final FxTable fx;
  private final List<String> header;
  /** Positions of the fields a planted bad row breaks. */
  private final int hs;
  private final int valueYear;

  JapanCustomsFile(SyntheticTrade trade, FxTable fx, Direction direction, int year, boolean custom,
      boolean country) {
    this.trade = trade;
    this.fx = fx;
    this.direction = direction;
    this.year = year;
    this.codes = trade.commodities();
    this.countries = trade.partnersOf(trade.partners().japan(), direction).stream()
        .sorted(Comparator.comparingInt(p -> Integer.parseInt(p.japan())))
        .toList();
    List<String> h = new ArrayList<>(List.of("Exp or Imp", "Year"));
    if (custom) {
      h.add("Custom");
    }
    h.add("HS");
    if (country) {
      h.add("Country");
    }
    h.addAll(List.of("Unit1", "Unit2", "Quantity1-Year", "Quantity2-Year", "Value-Year"));
    boolean apl = year == trade.options().start().getYear();
    for (String m : MONTHS) {
      String label = apl && m.equals("Apr") ? "Apl" : m;
      h.add("Quantity1-" + label);
      h.add("Quantity2-" + label);
      h.add("Value-" + label);
    }
    this.header = List.copyOf(h);
    this.hs = h.indexOf("HS");
    this.valueYear = h.indexOf("Value-Year");
  }

  /** The file name's part after the flow and year: empty for the by-country file. */
  abstract String variant();

  /** The i-th row's fields. */
  abstract List<String> fields(int i);

  @Override
  public String path() {
    return "japan-customs/" + (direction == Direction.IMPORT ? "imp" : "exp") + "_" + year + variant() + ".csv";
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
    return String.join(",", header);
  }

  @Override
  public String row(int i) {
    return String.join(",", fields(i));
  }

  @Override
  public String malformed(int i, Reason reason) {
    List<String> f = fields(i);
    switch (reason) {
      case BAD_NUMBER -> f.set(valueYear, GeneratedFile.typo(f.get(valueYear)));
      case NEGATIVE_VALUE -> f.set(valueYear, GeneratedFile.negative(f.get(valueYear)));
      case BAD_CODE -> f.set(hs, "'" + GeneratedFile.truncated(f.get(hs).replace("'", "")) + "'");
      default -> throw new IllegalArgumentException("cannot plant " + reason);
    }
    return String.join(",", f);
  }

  /**
   * The months of the part of a country's figure between the cumulative shares {@code from} and {@code to}
   * (0 and 1 for the whole): quantities split at rounded cumulative amounts, so that the parts add up to the
   * whole, and each part's value rounded down on its own, as Japan Customs rounds every published cell.
   */
  Months months(Partner country, Commodity code, double from, double to) {
    Months months = new Months();
    for (int m = 0; m < 12; m++) {
      YearMonth month = YearMonth.of(year, m + 1);
      if (month.isBefore(trade.options().start()) || month.isAfter(trade.options().end())) {
        continue;
      }
      TrueFlow flow = trade.reported(trade.partners().japan(), direction, country, code, month);
      long kg = Math.round(flow.kg());
      long q1 = code.countedInItems() ? code.items(flow.kg()) : kg;
      long q2 = code.countedInItems() ? kg : 0;
      months.q1[m] = part(q1, from, to);
      months.q2[m] = part(q2, from, to);
      months.thousandYen[m] = (long) Math.floor(flow.usd() * fx.unitsPerUsd("JPY", month) * (to - from) / 1000);
    }
    return months;
  }

  /** A row: flow, year, [office,] code, [country,] units, year totals, then the twelve months. */
  List<String> fields(String custom, Commodity code, String country, Months months) {
    List<String> f = new ArrayList<>(List.of(direction == Direction.EXPORT ? "1" : "2", String.valueOf(year)));
    if (custom != null) {
      f.add(custom);
    }
    f.add("'" + code.jp9() + "'");
    if (country != null) {
      f.add(country);
    }
    f.addAll(List.of(code.countedInItems() ? "NO" : "KG", code.countedInItems() ? "KG" : NO_UNIT,
        sum(months.q1), sum(months.q2), sum(months.thousandYen)));
    for (int m = 0; m < 12; m++) {
      f.add(String.valueOf(months.q1[m]));
      f.add(String.valueOf(months.q2[m]));
      f.add(String.valueOf(months.thousandYen[m]));
    }
    return f;
  }

  private static long part(long total, double from, double to) {
    return Math.round(total * to) - Math.round(total * from);
  }

  private static String sum(long[] months) {
    long total = 0;
    for (long v : months) {
      total += v;
    }
    return String.valueOf(total);
  }

  /** A row's twelve months as published: first and second quantity, thousands of yen. */
  static final class Months {
    final long[] q1 = new long[12];
    final long[] q2 = new long[12];
    final long[] thousandYen = new long[12];

    /** Adds another row's published figures, as a total sums the rounded cells it covers. */
    void add(Months other) {
      for (int m = 0; m < 12; m++) {
        q1[m] += other.q1[m];
        q2[m] += other.q2[m];
        thousandYen[m] += other.thousandYen[m];
      }
    }
  }
}
