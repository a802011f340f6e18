package org.tradecurb.ingest;

import java.util.Locale;

/** The three published customs datasets tradecurb reads, each with its input folder and bronze table. */
public enum Source {
  COMTRADE("comtrade", "comtrade", "comtrade_raw"),
  JAPAN_CUSTOMS("japan_customs", "japan-customs", "japan_customs_raw"),
  CHINA_CUSTOMS("china_customs", "china-customs", "china_customs_raw");

  /** The value of the `source` column in every table. */
  public final String id;
  /** The folder under the input root. */
  public final String folder;
  /** The bronze table holding the source's rows as published. */
  public final String rawTable;

  Source(String id, String folder, String rawTable) {
    this.id = id;
    this.folder = folder;
    this.rawTable = rawTable;
  }

  public static Source fromId(String id) {
    for (Source s : values()) {
      if (s.id.equals(id.toLowerCase(Locale.ROOT))) {
        return s;
      }
    }
    throw new IllegalArgumentException("unknown source '" + id + "'");
  }
}
