package org.tradecurb.generate;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.tradecurb.generate.SyntheticTrade.Direction;

/**
 * The two other Trade Statistics of Japan variants, written for one year's imports beside its by-country
 * file: port level ({@code imp_<year>_ports.csv}, a {@code Custom} column after {@code Year}), each
 * by-country row split over the customs offices the goods cleared at; and national totals
 * ({@code imp_<year>_total.csv}, no {@code Country}), one row per code for all origins together. Both restate
 * figures the by-country file has: ingest excludes port rows whose by-country figure it has, and reads the
 * totals as partner WLD, so neither changes a country's figure.
 */
final class JapanCustomsVariants {

  /** Three-character office codes in Japan Customs' style; illustrative, not a list of real offices. */
  static final List<String> OFFICES = List.of("100", "200", "300", "400", "500", "600", "700", "800", "900");

  private JapanCustomsVariants() {}

  /** Nothing when {@code --japan-variants-year} is 0. */
  static List<GeneratedFile> of(SyntheticTrade trade, FxTable fx) {
    int year = trade.options().japanVariantsYear();
    return year == 0 ? List.of() : List.of(new Ports(trade, fx, year), new Totals(trade, fx, year));
  }

  /** Port level: row i is code, then country, then office; an origin's goods clear at two or three offices. */
  private static final class Ports extends JapanCustomsFile {
    private final List<List<String>> officesOf;
    /** The first row of each country within a code's rows, and the count of those rows at the end. */
    private final int[] firstRow;

    Ports(SyntheticTrade trade, FxTable fx, int year) {
      super(trade, fx, Direction.IMPORT, year, true, true);
      this.officesOf = countries.stream().map(c -> offices(trade.options().seed(), c)).toList();
      this.firstRow = new int[countries.size() + 1];
      for (int c = 0; c < countries.size(); c++) {
        firstRow[c + 1] = firstRow[c] + officesOf.get(c).size();
      }
    }

    @Override
    String variant() {
      return "_ports";
    }

    @Override
    public int rows() {
      return codes.size() * firstRow[countries.size()];
    }

    @Override
    List<String> fields(int i) {
      int perCode = firstRow[countries.size()];
      Commodity code = codes.get(i / perCode);
      int r = i % perCode;
      int c = 0;
      while (firstRow[c + 1] <= r) {
        c++;
      }
      Partner country = countries.get(c);
      List<String> offices = officesOf.get(c);
      int office = r - firstRow[c];
      double[] cumulative = cumulativeShares(country, code, offices.size());
      return fields(offices.get(office), code, country.japan(),
          months(country, code, cumulative[office], cumulative[office + 1]));
    }

    /** The offices' running shares of the country's figure for the code, 0 first and exactly 1 last. */
    private double[] cumulativeShares(Partner country, Commodity code, int offices) {
      SplittableRandom random = CellRandom.of(trade.options().seed(), "office-shares", country.iso3(),
          code.cn8(), year);
      double[] weights = new double[offices];
      double total = 0;
      for (int k = 0; k < offices; k++) {
        weights[k] = random.nextDouble(0.2, 1.0);
        total += weights[k];
      }
      // The running sum repeats the total's additions in its order: the last share is exactly 1.
      double[] cumulative = new double[offices + 1];
      double running = 0;
      for (int k = 0; k < offices; k++) {
        running += weights[k];
        cumulative[k + 1] = running / total;
      }
      return cumulative;
    }
  }

  /** National totals: one row per code, the sum of the by-country rows' published (rounded) cells. */
  private static final class Totals extends JapanCustomsFile {

    Totals(SyntheticTrade trade, FxTable fx, int year) {
      super(trade, fx, Direction.IMPORT, year, false, false);
    }

    @Override
    String variant() {
      return "_total";
    }

    @Override
    public int rows() {
      return codes.size();
    }

    @Override
    List<String> fields(int i) {
      Commodity code = codes.get(i);
      Months total = new Months();
      for (Partner country : countries) {
        total.add(months(country, code, 0, 1));
      }
      return fields(null, code, null, total);
    }
  }

  /** The two or three offices an origin's goods clear at, in code order; drawn once per origin. */
  private static List<String> offices(long seed, Partner country) {
    SplittableRandom random = CellRandom.of(seed, "offices", country.iso3());
    List<String> pool = new ArrayList<>(OFFICES);
    int count = 2 + random.nextInt(2);
    // A partial shuffle draws the offices without repeats.
    for (int k = 0; k < count; k++) {
      int pick = k + random.nextInt(pool.size() - k);
      pool.set(pick, pool.set(k, pool.get(pick)));
    }
    return pool.subList(0, count).stream().sorted().toList();
  }
}
