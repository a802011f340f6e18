package org.tradecurb.generate;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The goods the generator trades: real dual-use lines from the catalogue (rare earths, magnets, gallium,
 * germanium, graphite, antimony, tungsten group), real ordinary lines, and on request synthetic ordinary
 * lines from chapters the catalogue does not touch, so the data can grow to millions of rows. Each good
 * has its own HS6, because Comtrade and Japan Customs publish at that precision.
 */
public final class Commodities {

  /** Dual-use lines: CN8 rows of the catalogue whose HS6 the catalogue lists too. */
  static final List<Commodity> DUAL_USE = List.of(
      dual("28053012", "rare_earth_elements", "Dysprosium metal, not intermixed", "镝金属", 2_000, 350),
      dual("28469015", "rare_earth_elements", "Dysprosium oxide", "氧化镝", 5_000, 220),
      new Commodity("85051110", "850511000", "rare_earth_magnets", true, "Permanent magnets of rare-earth metal",
          "稀土永磁体", 280_000, 45, 0),
      dual("72029919", "rare_earth_magnets", "NdFeB alloy, other", "其他钕铁硼合金", 50_000, 60),
      dual("81129290", "gallium_germanium", "Gallium, unwrought; powders", "未锻轧镓及镓粉末", 1_500, 400),
      dual("81129910", "gallium_germanium", "Germanium, wrought", "锻轧锗及其制品", 800, 1_500),
      dual("28256000", "gallium_germanium", "Germanium oxides", "锗的氧化物", 1_000, 1_200),
      dual("25041010", "graphite", "Natural graphite in flakes", "天然鳞片石墨", 800_000, 0.6),
      dual("38011000", "graphite", "Artificial graphite", "人造石墨", 2_000_000, 3),
      dual("81101010", "antimony", "Antimony, unwrought", "未锻轧锑", 60_000, 25),
      dual("28258000", "antimony", "Antimony oxides", "锑的氧化物", 150_000, 20),
      dual("28418010", "tungsten_group", "Ammonium paratungstate", "仲钨酸铵", 50_000, 45),
      dual("81019400", "tungsten_group", "Tungsten, unwrought", "未锻轧钨", 20_000, 50));

  /** Ordinary lines whose HS6 no catalogue row shares: the controls of a difference-in-differences. */
  static final List<Commodity> ORDINARY = List.of(
      new Commodity("84713000", "847130000", Commodity.ORDINARY, false, "Portable data-processing machines",
          "便携式自动数据处理设备", 1_500_000, 120, 2.0),
      ordinary("61091000", "T-shirts of cotton, knitted", "棉制针织T恤衫", 3_000_000, 8),
      ordinary("87038000", "Motor cars with electric motor only", "纯电动载人机动车辆", 500_000, 12),
      ordinary("30049090", "Medicaments in doses, other", "其他已配定剂量的药品", 200_000, 40),
      ordinary("94036000", "Wooden furniture, other", "其他木家具", 2_000_000, 3));

  /** Chapters no catalogue row and no built-in line uses: synthetic codes can never be taken for dual-use. */
  static final List<String> SYNTHETIC_CHAPTERS = List.of(
      "39", "40", "42", "44", "48", "52", "54", "62", "63", "64", "69", "70", "73", "76", "82", "83", "90",
      "95", "96");

  private static final int HEADINGS = 99;
  private static final int SUBHEADINGS = 90;
  public static final int MAX_SYNTHETIC = 100_000;

  private Commodities() {}

  /** The built-in lines followed by {@code options.codes()} synthetic ones. */
  public static List<Commodity> of(GeneratorOptions options) {
    List<Commodity> all = new ArrayList<>(DUAL_USE);
    all.addAll(ORDINARY);
    for (int i = 0; i < options.codes(); i++) {
      all.add(synthetic(i, options.seed()));
    }
    return List.copyOf(all);
  }

  /**
   * The i-th synthetic line: chapters in turn, then headings 01-99, then subheadings 10-99, so every code
   * has its own HS6. Levels are drawn per code: from 10 t to 1,000 t a month, 1 to 50 USD/kg.
   */
  private static Commodity synthetic(int i, long seed) {
    String chapter = SYNTHETIC_CHAPTERS.get(i % SYNTHETIC_CHAPTERS.size());
    int rest = i / SYNTHETIC_CHAPTERS.size();
    int heading = 1 + rest % HEADINGS;
    int subheading = 10 + (rest / HEADINGS) % SUBHEADINGS;
    String hs6 = chapter + twoDigits(heading) + twoDigits(subheading);
    SplittableRandom r = CellRandom.of(seed, "synthetic-code", hs6);
    double kg = Math.exp(r.nextDouble(Math.log(1e4), Math.log(1e6)));
    double usdPerKg = Math.exp(r.nextDouble(Math.log(1), Math.log(50)));
    String dotted = hs6.substring(0, 4) + "." + hs6.substring(4);
    return new Commodity(hs6 + "00", hs6 + "000", Commodity.ORDINARY, false, "Synthetic ordinary good " + dotted,
        "合成普通商品 " + dotted, Math.round(kg), Math.round(usdPerKg * 100) / 100.0, 0);
  }

  private static String twoDigits(int n) {
    return (n < 10 ? "0" : "") + n;
  }

  private static Commodity dual(String cn8, String category, String en, String zh, double kg, double usdPerKg) {
    return new Commodity(cn8, cn8.substring(0, 6) + "000", category, true, en, zh, kg, usdPerKg, 0);
  }

  private static Commodity ordinary(String cn8, String en, String zh, double kg, double usdPerKg) {
    return new Commodity(cn8, cn8.substring(0, 6) + "000", Commodity.ORDINARY, false, en, zh, kg, usdPerKg, 0);
  }
}
