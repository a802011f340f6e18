package org.tradecurb.ingest;

import java.text.Normalizer;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.tradecurb.normalize.ReferenceTable;

/**
 * China Customs partner names, Chinese and English, to GACC partner codes: for query exports that name
 * partners without coding them. The names are GACC's code list in both languages plus common spellings
 * (`partner_names_gacc.csv`) and the English names of `partners_gacc.csv`.
 */
final class GaccPartnerNames {

  private static final Map<String, String> CODES = load();

  private GaccPartnerNames() {}

  private static Map<String, String> load() {
    Map<String, String> codes = new HashMap<>();
    for (String[] table : new String[][] {{"partner_names_gacc.csv", "name"}, {"partners_gacc.csv", "name"}}) {
      ReferenceTable t = ReferenceTable.load(table[0], Optional.empty()).require("gacc_code", table[1]);
      int code = t.column("gacc_code");
      int name = t.column(table[1]);
      for (List<String> row : t.rows()) {
        String previous = codes.putIfAbsent(key(row.get(name)), row.get(code));
        if (previous != null && !previous.equals(row.get(code))) {
          throw new IllegalStateException(table[0] + ": '" + row.get(name) + "' names both " + previous + " and "
              + row.get(code));
        }
      }
    }
    return codes;
  }

  /**
   * A name as compared: full-width forms folded (`Hong Kong，China`, `刚果（布）`), accents dropped
   * (`Réunion`, `Reunion`), case and spacing ignored.
   */
  static String key(String name) {
    String s = Normalizer.normalize(name, Normalizer.Form.NFKD).replaceAll("\\p{M}", "")
        .toLowerCase(Locale.ROOT).trim();
    return s.replaceAll("\\s+", " ").replaceAll("\\s*([,()])\\s*", "$1");
  }

  /** The GACC code of a partner name, if it is on the list. */
  static Optional<String> code(String name) {
    return Optional.ofNullable(CODES.get(key(name)));
  }
}
