package org.tradecurb.generate;

import java.util.regex.Pattern;

/**
 * One traded good in its three national forms: China's 8-digit tariff line, its international HS6
 * subheading (Comtrade), and Japan's 9-digit statistical code.
 *
 * @param cn8 China's tariff line; a dual-use code is one the dual-use catalogue lists as CN8
 * @param jp9 Japan's statistical code: the real one where known, else the HS6 followed by 000
 * @param category the catalogue's category for dual-use codes, {@code ordinary} for the others
 * @param baseKg kilograms China ships to Japan in an average month before any effect
 * @param usdPerKg unit value of those shipments
 * @param kgPerItem for goods counted in items (first quantity a number), the mass of one item; else 0
 */
public record Commodity(
    String cn8,
    String jp9,
    String category,
    boolean dualUse,
    String nameEn,
    String nameZh,
    double baseKg,
    double usdPerKg,
    double kgPerItem) {

  public static final String ORDINARY = "ordinary";

  private static final Pattern CN8 = Pattern.compile("\\d{8}");
  private static final Pattern JP9 = Pattern.compile("\\d{9}");

  public Commodity {
    if (!CN8.matcher(cn8).matches() || !JP9.matcher(jp9).matches() || !jp9.startsWith(cn8.substring(0, 6))) {
      throw new IllegalArgumentException("code " + cn8 + "/" + jp9 + ": expected 8 and 9 digits sharing an HS6");
    }
  }

  public String hs6() {
    return cn8.substring(0, 6);
  }

  /** True for goods whose first customs quantity is a number of items rather than a mass. */
  public boolean countedInItems() {
    return kgPerItem > 0;
  }

  /** Whole items in a mass of these goods. */
  public long items(double kg) {
    return Math.round(kg / kgPerItem);
  }
}
