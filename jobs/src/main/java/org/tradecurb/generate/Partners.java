package org.tradecurb.generate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.tradecurb.ExitCode;
import org.tradecurb.TradecurbException;
import org.tradecurb.normalize.ReferenceTable;

/**
 * The countries of the synthetic world, with their codes taken from the crosswalks the pipeline maps with,
 * so every partner the generator writes maps back to its ISO3. Built-in: China, Japan, the control
 * destinations and a few other partners; {@code --partners N} adds the next N countries that Japan's
 * crosswalk lists with confirmed or high confidence and the other two crosswalks code unambiguously.
 */
public final class Partners {

  private record BuiltIn(String iso3, String nameZh, Partner.Role role, double scale) {}

  private static final List<BuiltIn> BUILT_IN = List.of(
      new BuiltIn("CHN", "中国", Partner.Role.CHINA, 0),
      new BuiltIn("JPN", "日本", Partner.Role.JAPAN, 1.00),
      new BuiltIn("KOR", "韩国", Partner.Role.CONTROL, 0.70),
      new BuiltIn("TWN", "中国台湾", Partner.Role.CONTROL, 0.45),
      new BuiltIn("DEU", "德国", Partner.Role.CONTROL, 0.40),
      new BuiltIn("VNM", "越南", Partner.Role.CONTROL, 0.55),
      new BuiltIn("USA", "美国", Partner.Role.CONTROL, 0.90),
      new BuiltIn("HKG", "中国香港", Partner.Role.OTHER, 0.50),
      new BuiltIn("THA", "泰国", Partner.Role.OTHER, 0.30),
      new BuiltIn("NLD", "荷兰", Partner.Role.OTHER, 0.25));

  private static final double EXTRA_SCALE = 0.15;
  /** Japan has banned all trade with North Korea since 2009: a flow there would be implausible. */
  private static final Set<String> NEVER_EXTRA = Set.of("PRK");

  private final Partner china;
  private final Partner japan;
  private final List<Partner> destinations;

  private Partners(Partner china, Partner japan, List<Partner> destinations) {
    this.china = china;
    this.japan = japan;
    this.destinations = destinations;
  }

  /** Loads the crosswalks shipped under reference/ and adds {@code extra} partners from them. */
  public static Partners load(int extra) {
    Crosswalk m49 = Crosswalk.load("partners_m49.csv", "m49_code");
    Crosswalk gacc = Crosswalk.load("partners_gacc.csv", "gacc_code");
    Crosswalk japan = Crosswalk.load("partners_japan.csv", "japan_code");
    Map<String, Partner> byIso = new HashMap<>();
    List<Partner> destinations = new ArrayList<>();
    for (BuiltIn b : BUILT_IN) {
      String japanCode = b.role() == Partner.Role.JAPAN ? null : japan.only(b.iso3()).orElseThrow(
          () -> new IllegalStateException("partners_japan.csv has no single code for " + b.iso3()));
      Partner p = new Partner(b.iso3(), m49.comtrade(b.iso3()), gacc.only(b.iso3()).orElseThrow(
          () -> new IllegalStateException("partners_gacc.csv has no single code for " + b.iso3())),
          japanCode, japan.name(b.iso3()).orElse(gacc.name(b.iso3()).orElseThrow()), b.nameZh(), b.role(),
          b.scale());
      byIso.put(p.iso3(), p);
      if (b.role() != Partner.Role.CHINA) {
        destinations.add(p);
      }
    }
    List<Partner> candidates = new ArrayList<>();
    for (List<String> row : japan.table().rows()) {
      String iso3 = row.get(japan.table().column("iso3"));
      String confidence = row.get(japan.table().column("confidence"));
      if (byIso.containsKey(iso3) || NEVER_EXTRA.contains(iso3)
          || !(confidence.equals("confirmed") || confidence.equals("high"))
          || gacc.only(iso3).isEmpty() || japan.only(iso3).isEmpty() || m49.codes(iso3).isEmpty()) {
        continue;
      }
      String name = japan.name(iso3).orElseThrow();
      candidates.add(new Partner(iso3, m49.comtrade(iso3), gacc.only(iso3).get(), japan.only(iso3).get(), name,
          name, Partner.Role.OTHER, EXTRA_SCALE));
    }
    if (extra > candidates.size()) {
      throw new TradecurbException(ExitCode.USAGE, "--partners " + extra + " is more than the " + candidates.size()
          + " further partners the crosswalks code unambiguously");
    }
    destinations.addAll(candidates.subList(0, extra));
    return new Partners(byIso.get("CHN"), byIso.get("JPN"), List.copyOf(destinations));
  }

  public Partner china() {
    return china;
  }

  public Partner japan() {
    return japan;
  }

  /** China's export destinations: Japan first, then the controls and the other partners. */
  public List<Partner> destinations() {
    return destinations;
  }

  /** Origins of Japan's imports: China, then every other destination of China's exports. */
  public List<Partner> japanOrigins() {
    List<Partner> origins = new ArrayList<>();
    origins.add(china);
    destinations.stream().filter(p -> p != japan).forEach(origins::add);
    return List.copyOf(origins);
  }

  /** A destination by ISO3. */
  public Optional<Partner> destination(String iso3) {
    return destinations.stream().filter(p -> p.iso3().equals(iso3)).findFirst();
  }

  /** One crosswalk: its codes and names by ISO3. */
  private record Crosswalk(ReferenceTable table, Map<String, List<String>> codesByIso, Map<String, String> names) {

    static Crosswalk load(String file, String codeColumn) {
      ReferenceTable t = ReferenceTable.load(file, Optional.empty()).require(codeColumn, "iso3", "name");
      Map<String, List<String>> codes = new HashMap<>();
      Map<String, String> names = new HashMap<>();
      for (List<String> r : t.rows()) {
        String iso3 = r.get(t.column("iso3"));
        codes.computeIfAbsent(iso3, k -> new ArrayList<>()).add(r.get(t.column(codeColumn)));
        names.putIfAbsent(iso3, r.get(t.column("name")));
      }
      return new Crosswalk(t, codes, names);
    }

    List<String> codes(String iso3) {
      return codesByIso.getOrDefault(iso3, List.of());
    }

    /** The code when the crosswalk has exactly one for the country (several mean territories). */
    Optional<String> only(String iso3) {
      List<String> c = codes(iso3);
      return c.size() == 1 ? Optional.of(c.get(0)) : Optional.empty();
    }

    /** Comtrade's code: where M49 lists two (840 and 842 for the US), Comtrade's own is the higher one. */
    String comtrade(String iso3) {
      return codes(iso3).stream().max(Comparator.comparingInt(Integer::parseInt)).orElseThrow(
          () -> new IllegalStateException("partners_m49.csv has no code for " + iso3));
    }

    Optional<String> name(String iso3) {
      return Optional.ofNullable(names.get(iso3));
    }
  }
}
