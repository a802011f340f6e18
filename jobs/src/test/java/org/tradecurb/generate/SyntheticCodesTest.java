package org.tradecurb.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.tradecurb.normalize.ReferenceTable;

/** The generated codes against the dual-use catalogue the pipeline tags with. */
class SyntheticCodesTest {

  private static final ReferenceTable CATALOGUE = ReferenceTable.load("dual_use_catalog.csv", Optional.empty());

  private static Set<String> listed(String codeSystem) {
    return CATALOGUE.rows().stream()
        .filter(r -> r.get(CATALOGUE.column("code_system")).equals(codeSystem))
        .map(r -> r.get(CATALOGUE.column("code")))
        .collect(Collectors.toSet());
  }

  @Test
  void dualUseCodesAreCatalogueLinesInAllThreeForms() {
    Set<String> cn8 = listed("CN8");
    Set<String> hs6 = listed("HS6");
    Set<String> jp9 = listed("JP9");
    for (Commodity c : Commodities.DUAL_USE) {
      assertTrue(cn8.contains(c.cn8()), c.cn8() + " is a CN8 row");
      assertTrue(hs6.contains(c.hs6()), c.hs6() + " is an HS6 row");
    }
    assertTrue(Commodities.DUAL_USE.stream().anyMatch(c -> jp9.contains(c.jp9())), "the JP9 magnet line is used");
    assertEquals(Set.of("rare_earth_elements", "rare_earth_magnets", "gallium_germanium", "graphite", "antimony",
        "tungsten_group"), Commodities.DUAL_USE.stream().map(Commodity::category).collect(Collectors.toSet()));
  }

  @Test
  void ordinaryCodesShareNoHs6WithAnyCatalogueRow() {
    Set<String> taken = CATALOGUE.rows().stream().map(r -> r.get(CATALOGUE.column("code")))
        .filter(code -> code.length() >= 6).map(code -> code.substring(0, 6)).collect(Collectors.toSet());
    List<Commodity> all = Commodities.of(GeneratorOptions.builder().codes(3_000).build());
    for (Commodity c : all) {
      if (!c.dualUse()) {
        assertFalse(taken.contains(c.hs6()), c.cn8() + " shares HS6 " + c.hs6() + " with the catalogue");
      }
    }
  }

  @Test
  void everyCodeHasItsOwnHs6UpToTheMaximum() {
    List<Commodity> all = Commodities.of(GeneratorOptions.builder().codes(Commodities.MAX_SYNTHETIC).build());
    Set<String> hs6 = new HashSet<>();
    for (Commodity c : all) {
      assertTrue(hs6.add(c.hs6()), "HS6 " + c.hs6() + " twice");
      assertTrue(c.jp9().startsWith(c.hs6()));
    }
    assertEquals(Commodities.DUAL_USE.size() + Commodities.ORDINARY.size() + Commodities.MAX_SYNTHETIC, hs6.size());
  }
}
