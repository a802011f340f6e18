package org.tradecurb.tag;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.tradecurb.normalize.TradeFlows;
import org.tradecurb.spark.TableSpec;

/**
 * Tags trade flows with the dual-use controls covering their codes. Matching is by equi-join on code
 * prefixes against a broadcast table of catalogue keys, never by scanning the catalogue per row:
 * <ul>
 *   <li><b>exact</b>: the row's national code starts with a catalogue code of the same national system that
 *       is the control's own line (no breadth in the catalogue);</li>
 *   <li><b>partial_national</b>: a national line that also holds uncontrolled goods — a catalogue row with a
 *       breadth (an 8-digit parent of a 10-digit control, Japan's 850511000; it matches that line only, not the
 *       finer lines inside it), or a row's code coarser than a controlled code;</li>
 *   <li><b>hs6</b>: for rows without a matching national system (Comtrade HS6, Japan's codes outside the
 *       catalogue), the catalogue's HS6 rows; HS2017 codes go through the HS2017→HS2022 correlation.</li>
 * </ul>
 * Approximate matches carry a breadth: {@code narrow} lines count as dual-use, {@code broad} ones do not
 * ({@code dual_use} false) and are reported apart, for sensitivity. A breadth the catalogue does not state —
 * the 8-digit truncation of a 10-digit code, the HS6 of a national code whose instrument lists no row for
 * that subheading — is broad. The best match wins: exact, then partial narrow, partial broad, HS6 narrow, HS6
 * broad. Rows of China's national codes never fall back to HS6: an unlisted 8-digit line is not controlled
 * just because a sibling line is.
 *
 * <p>A code listed by several instruments takes, per instrument, that instrument's category
 * ({@code control_categories}, earliest control first); its {@code dual_use_category} is the category of the
 * earliest control listing it (ties: instrument id).
 */
public final class DualUseTagger {

  /** Match ranks, best first: precision, then how much of the line the control covers. */
  static final int EXACT = 1;
  static final int PARTIAL_NARROW = 2;
  static final int PARTIAL_BROAD = 3;
  static final int HS6_NARROW = 4;
  static final int HS6_BROAD = 5;

  private static final StructType KEYS = new StructType()
      .add("kind", DataTypes.StringType, false)
      .add("scope", DataTypes.StringType, false)
      .add("key", DataTypes.StringType, false)
      .add("precision", DataTypes.IntegerType, false)
      .add("instrument", DataTypes.StringType, false)
      .add("category", DataTypes.StringType, false)
      .add("confidence", DataTypes.StringType, false)
      .add("valid_from", DataTypes.DateType, true)
      .add("valid_to", DataTypes.DateType, true)
      .add("effective_from", DataTypes.DateType, false)
      .add("suspended_from", DataTypes.DateType, true)
      .add("suspended_to", DataTypes.DateType, true)
      .add("destinations", DataTypes.createArrayType(DataTypes.StringType, true), false);

  public static final TableSpec TABLE = TableSpec.builder("trade_flows_tagged")
      .layer("silver")
      .comment("trade_flows with the dual-use controls covering each code: category, instruments, since when, "
          + "whether in force for the row's month and route, and how precise the match is.")
      .grain("as trade_flows: source x reporter x partner x flow x period x code (x unit)")
      .lineage("trade_flows, dual_use_catalog")
      .columns(TradeFlows.TABLE.schema())
      .column("dual_use", DataTypes.BooleanType, false, "The code counts as dual-use this month: an exact match "
          + "or a narrow approximate one (broad lines are not counted, see match_breadth)")
      .column("dual_use_category", DataTypes.StringType, true, "Category of the earliest control listing the code "
          + "(ties: instrument id); null when no catalogue row matches")
      .column("dual_use_categories", DataTypes.createArrayType(DataTypes.StringType, true), false,
          "Every category the code falls under")
      .column("control_categories", DataTypes.createArrayType(new StructType()
              .add("instrument", DataTypes.StringType, true).add("category", DataTypes.StringType, true), true),
          false, "Each listing instrument with its category for the code, earliest control first: an event "
              + "takes the first of its own instruments")
      .column("control_instruments", DataTypes.createArrayType(DataTypes.StringType, true), false,
          "Catalogue instruments listing the code (at the best match)")
      .column("instruments_in_force", DataTypes.createArrayType(DataTypes.StringType, true), false,
          "Instruments in force for this month and route (China-origin flows only)")
      .column("controlled_since", DataTypes.DateType, true, "Earliest effective date among those instruments")
      .column("control_in_force", DataTypes.BooleanType, false,
          "A Chinese control applied to this China-origin flow at the end of the month (not suspended, "
              + "destination in scope)")
      .column("match_precision", DataTypes.StringType, true,
          "exact, partial_national or hs6; null when no catalogue row matches")
      .column("match_approximate", DataTypes.BooleanType, false,
          "True for partial_national and hs6 matches: the code also covers uncontrolled goods")
      .column("match_breadth", DataTypes.StringType, true, "Approximate matches: narrow (the controlled goods are "
          + "most of the line; counted as dual-use) or broad (a small part; not counted, reported for "
          + "sensitivity); null for exact matches and codes no catalogue row matches")
      .column("match_confidence", DataTypes.StringType, true, "verified if a matching catalogue row is verified")
      .column("china_export_destination", DataTypes.StringType, true,
          "For China-origin flows (China's exports, others' imports from China) the destination; else null")
      .column("catalog_version", DataTypes.StringType, false, "Version (SHA-256) of the catalogue used")
      .column("tagged_run_id", DataTypes.StringType, false, "Tag run that wrote the row")
      .partitionedBy("source", "year")
      .build();

  private DualUseTagger() {}

  /** National code family of a code system: CN for China's codes, JP for Japan's; null for HS codes. */
  private static String family(String codeSystem) {
    return codeSystem.startsWith("CN") ? "CN" : codeSystem.equals("JP9") ? "JP" : null;
  }

  private static Column familyOf(Column codeSystem) {
    return when(codeSystem.startsWith("CN"), lit("CN")).when(codeSystem.equalTo("JP9"), lit("JP"));
  }

  /** The catalogue as join keys: national codes, truncations for coarser data, and HS6 anchors. */
  static Dataset<Row> catalogKeys(SparkSession spark, DualUseCatalog catalog) {
    Set<String> hs6Rows = new HashSet<>();
    catalog.entries().stream().filter(e -> e.codeSystem().equals("HS6"))
        .forEach(e -> hs6Rows.add(e.instrument() + "|" + e.code()));
    List<Row> rows = new ArrayList<>();
    for (DualUseCatalog.Entry e : catalog.entries()) {
      String fam = family(e.codeSystem());
      if (fam != null) {
        // An approximate line matches itself only (as a truncation does): its finer lines are not all controlled.
        rows.add(!e.approximate() ? key(e, "national", fam, e.code(), EXACT)
            : key(e, "coarser", fam, e.code(), e.breadth().equals("narrow") ? PARTIAL_NARROW : PARTIAL_BROAD));
        if (e.code().length() > 8) {
          rows.add(key(e, "coarser", fam, e.code().substring(0, 8), PARTIAL_BROAD));
        }
        if (e.code().length() >= 6 && !hs6Rows.contains(e.instrument() + "|" + e.code().substring(0, 6))) {
          String vintage = e.codeValidTo() != null && e.codeValidTo().isBefore(LocalDate.of(2022, 1, 1))
              ? "HS2017" : "HS2022";
          rows.add(key(e, "hs6", vintage, e.code().substring(0, 6), HS6_BROAD));
        }
      } else {
        rows.add(key(e, "hs6", e.hsVintage(), e.code(), e.breadth().equals("narrow") ? HS6_NARROW : HS6_BROAD));
      }
    }
    return spark.createDataFrame(rows, KEYS).dropDuplicates();
  }

  private static Row key(DualUseCatalog.Entry e, String kind, String scope, String key, int precision) {
    return RowFactory.create(kind, scope, key, precision, e.instrument(), e.category(), e.confidence(),
        sql(e.codeValidFrom()), sql(e.codeValidTo()), sql(e.effectiveFrom()), sql(e.suspendedFrom()),
        sql(e.suspendedTo()), e.destinations().toArray(new String[0]));
  }

  private static Date sql(LocalDate d) {
    return d == null ? null : Date.valueOf(d);
  }

  /**
   * Per distinct code: every catalogue match with its precision. Small (dual-use codes only), so the flows
   * join it by broadcast.
   *
   * @param hs2017To2022 HS2017 code → its HS2022 codes, for codes the 2022 edition changed
   */
  public static Dataset<Row> codeMatches(Dataset<Row> flows, Dataset<Row> catalogKeys,
      Map<String, List<String>> hs2017To2022) {
    Dataset<Row> codes = flows.select("code_system", "code", "hs6", "hs_vintage").distinct();
    Column prefixes = expr("transform(sequence(2, length(code)), l -> substring(code, 1, l))");
    Column hs6Prefixes = expr("transform(sequence(2, 6), l -> substring(hs6, 1, l))");
    Column hs2022 = correlation(hs2017To2022);
    Column nationalKeys = when(familyOf(col("code_system")).isNotNull(), functions.concat(
        functions.transform(prefixes, p -> struct(lit("national").as("kind"), familyOf(col("code_system")).as("scope"),
            p.as("key"))),
        array(struct(lit("coarser").as("kind"), familyOf(col("code_system")).as("scope"), col("code").as("key")))));
    // HS keys: the row's own edition, and for older editions the HS2022 codes it became.
    Column hsKeys = when(col("hs6").isNotNull().and(familyOf(col("code_system")).notEqual("CN")
            .or(familyOf(col("code_system")).isNull())),
        functions.concat(
            functions.transform(hs6Prefixes, p -> struct(lit("hs6").as("kind"), col("hs_vintage").as("scope"),
                p.as("key"))),
            functions.transform(when(col("hs_vintage").notEqual("HS2022"), hs2022).otherwise(array()),
                c -> struct(lit("hs6").as("kind"), lit("HS2022").as("scope"), c.as("key")))));
    Dataset<Row> candidates = codes.withColumn("k", explode(functions.concat(
            functions.coalesce(nationalKeys, array()), functions.coalesce(hsKeys, array()))))
        .select(col("code_system"), col("code"), col("hs_vintage"), col("k.kind").as("kind"),
            col("k.scope").as("scope"), col("k.key").as("key"));
    Dataset<Row> matched = candidates.join(broadcast(catalogKeys), new String[] {"kind", "scope", "key"});
    // National matches win: HS6 keys only count for a code that matched nothing nationally.
    return matched.groupBy("code_system", "code", "hs_vintage")
        .agg(collect_list(struct(col("precision"), col("instrument"), col("category"), col("confidence"),
            col("valid_from"), col("valid_to"), col("effective_from"), col("suspended_from"), col("suspended_to"),
            col("destinations"))).as("matches"));
  }

  private static Column correlation(Map<String, List<String>> hs2017To2022) {
    List<Column> entries = new ArrayList<>();
    for (Map.Entry<String, List<String>> e : hs2017To2022.entrySet()) {
      entries.add(lit(e.getKey()));
      entries.add(array(e.getValue().stream().map(functions::lit).toArray(Column[]::new)));
    }
    Column same = array(col("hs6"));
    if (entries.isEmpty()) {
      return same;
    }
    return functions.coalesce(functions.element_at(functions.map(entries.toArray(new Column[0])), col("hs6")), same);
  }

  /** The flows with their tags; {@code matches} comes from {@link #codeMatches}. */
  public static Dataset<Row> tag(Dataset<Row> flows, Dataset<Row> matches, String catalogVersion, String runId) {
    String monthEnd = "last_day(period)";
    String valid = "filter(coalesce(matches, array()), m -> (m.valid_from IS NULL OR m.valid_from <= " + monthEnd
        + ") AND (m.valid_to IS NULL OR m.valid_to >= period))";
    Dataset<Row> t = flows.join(broadcast(matches), new String[] {"code_system", "code", "hs_vintage"}, "left")
        .withColumn("valid", expr(valid))
        .withColumn("best", expr("array_min(transform(valid, m -> m.precision))"))
        .withColumn("chosen", expr("filter(valid, m -> m.precision = best)"))
        .withColumn("china_export_destination",
            when(col("reporter_iso3").equalTo("CHN").and(col("flow").equalTo("export")), col("partner_iso3"))
                .when(col("partner_iso3").equalTo("CHN").and(col("flow").equalTo("import")), col("reporter_iso3")))
        .withColumn("in_force", expr("filter(chosen, m -> china_export_destination IS NOT NULL"
            + " AND m.effective_from <= " + monthEnd
            + " AND NOT (m.suspended_from IS NOT NULL AND m.suspended_from <= " + monthEnd
            + " AND m.suspended_to >= " + monthEnd + ")"
            + " AND (array_contains(m.destinations, 'ALL') OR array_contains(m.destinations, china_export_destination)))"));
    return t.withColumn("dual_use", expr("coalesce(best IN (" + EXACT + ", " + PARTIAL_NARROW + ", " + HS6_NARROW
            + "), false)"))
        .withColumn("dual_use_categories", expr("array_sort(array_distinct(transform(chosen, m -> m.category)))"))
        .withColumn("control_categories", expr("transform(array_sort(array_distinct(transform(chosen, m -> "
            + "struct(m.effective_from AS effective_from, m.instrument AS instrument, m.category AS category)))), "
            + "c -> struct(c.instrument AS instrument, c.category AS category))"))
        .withColumn("dual_use_category", expr("get(control_categories, 0).category"))
        .withColumn("control_instruments", expr("array_sort(array_distinct(transform(chosen, m -> m.instrument)))"))
        .withColumn("instruments_in_force", expr("array_sort(array_distinct(transform(in_force, m -> m.instrument)))"))
        .withColumn("controlled_since", expr("array_min(transform(chosen, m -> m.effective_from))"))
        .withColumn("control_in_force", expr("size(in_force) > 0"))
        .withColumn("match_precision", expr("CASE WHEN best = " + EXACT + " THEN 'exact' WHEN best <= "
            + PARTIAL_BROAD + " THEN 'partial_national' WHEN best <= " + HS6_BROAD + " THEN 'hs6' END"))
        .withColumn("match_approximate", expr("coalesce(best > " + EXACT + ", false)"))
        .withColumn("match_breadth", expr("CASE WHEN best IN (" + PARTIAL_NARROW + ", " + HS6_NARROW
            + ") THEN 'narrow' WHEN best IN (" + PARTIAL_BROAD + ", " + HS6_BROAD + ") THEN 'broad' END"))
        .withColumn("match_confidence", expr("CASE WHEN size(chosen) = 0 THEN NULL WHEN exists(chosen, "
            + "m -> m.confidence = 'verified') THEN 'verified' ELSE 'inferred' END"))
        .withColumn("catalog_version", lit(catalogVersion))
        .withColumn("tagged_run_id", lit(runId))
        .drop("matches", "valid", "best", "chosen", "in_force");
  }

  /** The shipped HS2017 → HS2022 correlation for codes the catalogue touches. */
  public static Map<String, List<String>> hs2017To2022() {
    Map<String, List<String>> map = new LinkedHashMap<>();
    for (List<String> r : org.tradecurb.normalize.ReferenceTable.load("hs2017_hs2022.csv",
        java.util.Optional.empty()).require("hs2017", "hs2022").rows()) {
      map.computeIfAbsent(r.get(0), k -> new ArrayList<>()).add(r.get(1));
    }
    return map;
  }
}
