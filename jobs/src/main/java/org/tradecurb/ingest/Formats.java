package org.tradecurb.ingest;

/** The format reader of each source. */
public final class Formats {

  private Formats() {}

  public static CustomsFormat of(Source source) {
    return switch (source) {
      case COMTRADE -> new ComtradeFormat();
      case JAPAN_CUSTOMS -> new JapanCustomsFormat();
      case CHINA_CUSTOMS -> new ChinaCustomsFormat();
    };
  }
}
