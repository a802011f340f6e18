package org.tradecurb.generate;

/**
 * A country as each source codes it.
 *
 * @param m49 UN Comtrade's code (its own where it has one: 842 USA, 490 Taiwan)
 * @param gacc China Customs' trading-partner code
 * @param japan Japan Customs' country code; null for Japan itself
 * @param nameZh the Chinese name China Customs prints; the English name where the generator knows none
 * @param scale the partner's size as a destination of China's exports, Japan = 1
 */
public record Partner(
    String iso3, String m49, String gacc, String japan, String nameEn, String nameZh, Role role, double scale) {

  /** What a partner stands for in the study design. */
  public enum Role {
    /** The reporter of exports under study. */
    CHINA,
    /** The treated destination. */
    JAPAN,
    /** A comparison destination of the same goods (Korea, Taiwan, Germany, Viet Nam, the US). */
    CONTROL,
    /** Any other partner: Hong Kong, further trading partners. */
    OTHER
  }
}
