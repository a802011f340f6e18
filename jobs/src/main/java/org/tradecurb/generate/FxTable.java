package org.tradecurb.generate;

import java.time.YearMonth;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tradecurb.ExitCode;
import org.tradecurb.TradecurbException;
import org.tradecurb.normalize.ReferenceTable;

/**
 * The pipeline's own monthly exchange rates (reference/fx_monthly.csv). Converting the US-dollar truth with
 * exactly these rates makes the pipeline's US-dollar figures come back to the truth, up to the rounding the
 * publications do.
 */
final class FxTable {

  private final Map<String, Double> unitsPerUsd;

  private FxTable(Map<String, Double> unitsPerUsd) {
    this.unitsPerUsd = unitsPerUsd;
  }

  static FxTable load() {
    ReferenceTable t = ReferenceTable.load("fx_monthly.csv", Optional.empty())
        .require("period", "currency", "units_per_usd");
    Map<String, Double> rates = new HashMap<>();
    for (List<String> r : t.rows()) {
      rates.put(r.get(t.column("currency")) + " " + r.get(t.column("period")),
          Double.parseDouble(r.get(t.column("units_per_usd"))));
    }
    return new FxTable(rates);
  }

  /** Refuses a run whose months the table does not cover, before any file is written. */
  void requireMonths(List<YearMonth> months, String... currencies) {
    for (YearMonth m : months) {
      for (String c : currencies) {
        if (!unitsPerUsd.containsKey(c + " " + m)) {
          throw new TradecurbException(ExitCode.USAGE, "fx_monthly.csv has no " + c + " rate for " + m
              + ": choose --start and --end within the months it covers");
        }
      }
    }
  }

  double unitsPerUsd(String currency, YearMonth month) {
    return unitsPerUsd.get(currency + " " + month);
  }

  /** The rate the pipeline applies to a figure covering these months: the mean of their monthly rates. */
  double unitsPerUsd(String currency, List<YearMonth> months) {
    double sum = 0;
    for (YearMonth m : months) {
      sum += unitsPerUsd(currency, m);
    }
    return sum / months.size();
  }
}
