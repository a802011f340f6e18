package org.tradecurb.generate;

import java.util.ArrayList;
import java.util.List;
import org.tradecurb.generate.SyntheticTrade.Direction;

/**
 * Trade Statistics of Japan by country, the common variant: one file per flow and year, a row per 9-digit
 * code and country, exports by destination, imports by origin. See {@link JapanCustomsFile} for the layout.
 */
final class JapanCustomsFiles {

  private JapanCustomsFiles() {}

  static List<GeneratedFile> of(SyntheticTrade trade, FxTable fx) {
    List<GeneratedFile> files = new ArrayList<>();
    for (int year = trade.options().start().getYear(); year <= trade.options().end().getYear(); year++) {
      files.add(new ByCountry(trade, fx, Direction.IMPORT, year));
      files.add(new ByCountry(trade, fx, Direction.EXPORT, year));
    }
    return files;
  }

  private static final class ByCountry extends JapanCustomsFile {

    ByCountry(SyntheticTrade trade, FxTable fx, Direction direction, int year) {
      super(trade, fx, direction, year, false, true);
    }

    @Override
    String variant() {
      return "";
    }

    @Override
    public int rows() {
      return codes.size() * countries.size();
    }

    /** Row i: code, then country. */
    @Override
    List<String> fields(int i) {
      Commodity code = codes.get(i / countries.size());
      Partner country = countries.get(i % countries.size());
      return fields(null, code, country.japan(), months(country, code, 0, 1));
    }
  }
}
