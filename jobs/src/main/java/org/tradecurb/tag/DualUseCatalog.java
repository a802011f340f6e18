package org.tradecurb.tag;

import java.sql.Date;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.tradecurb.TradecurbException;
import org.tradecurb.config.TradecurbConfig;
import org.tradecurb.normalize.ReferenceTable;
import org.tradecurb.spark.TableSpec;

/**
 * The versioned catalogue of China's export controls: which customs codes each instrument covers, since
 * when, for which destinations, and how sure the mapping is. Data, not code: a user extends or replaces it
 * with a CSV named in the configuration, and every load is checked before anything is tagged.
 */
public final class DualUseCatalog {

  public static final List<String> COLUMNS = List.of("instrument", "control_no", "category", "material",
      "code_system", "code", "match", "breadth", "hs_vintage", "code_valid_from", "code_valid_to", "effective_from",
      "suspended_from", "suspended_to", "destinations", "confidence", "source", "note");

  public static final Set<String> CATEGORIES = Set.of("rare_earth_elements", "rare_earth_magnets",
      "gallium_germanium", "graphite", "antimony", "tungsten_group", "superhard", "other");

  /**
   * How much of an approximate line the control covers: {@code narrow}, the controlled goods are most of the
   * line (a fair proxy, counted as dual-use); {@code broad}, a small part (reported apart, for sensitivity).
   */
  public static final Set<String> BREADTHS = Set.of("narrow", "broad");

  private static final Map<String, Integer> CODE_LENGTH = Map.of("CN10", 10, "CN8", 8, "HS6", 6, "JP9", 9);

  public static final TableSpec TABLE = TableSpec.builder("dual_use_catalog")
      .layer("reference")
      .comment("China's export controls mapped to customs codes: one row per instrument x code pattern. "
          + "HS-based tagging approximates the legal lists: read confidence and note.")
      .grain("instrument x code_system x code")
      .lineage("reference/dual_use_catalog.csv in the jar, extended or replaced by tagging.catalog-file")
      .column("instrument", DataTypes.StringType, false, "Announcement id, e.g. MOFCOM-GACC 2025/18")
      .column("control_no", DataTypes.StringType, true, "Dual-use list control number (e.g. 1C902) where known")
      .column("category", DataTypes.StringType, false, "rare_earth_elements, rare_earth_magnets, "
          + "gallium_germanium, graphite, antimony, tungsten_group, superhard or other")
      .column("material", DataTypes.StringType, false, "What the code covers, in words")
      .column("code_system", DataTypes.StringType, false, "CN10, CN8 (China), JP9 (Japan) or HS6")
      .column("code", DataTypes.StringType, false, "The code or code prefix, digits only")
      .column("match", DataTypes.StringType, false, "exact (this code) or prefix (every code starting so)")
      .column("breadth", DataTypes.StringType, true, "Null when the code is the control's own line; narrow "
          + "(the controlled goods are most of the line) or broad (a small part) when the line also holds "
          + "uncontrolled goods: HS6 rows, 8-digit parents of 10-digit controls, lines like Japan's 850511000")
      .column("hs_vintage", DataTypes.StringType, true, "HS2017 or HS2022 for HS6 rows; null for national codes")
      .column("code_valid_from", DataTypes.DateType, true, "First day the national code exists in the tariff")
      .column("code_valid_to", DataTypes.DateType, true, "Last day the national code exists in the tariff")
      .column("effective_from", DataTypes.DateType, false, "Date the control took effect")
      .column("suspended_from", DataTypes.DateType, true, "Start of a suspension, if any")
      .column("suspended_to", DataTypes.DateType, true, "End of the suspension (inclusive)")
      .column("destinations", DataTypes.createArrayType(DataTypes.StringType, true), false,
          "Destinations the control applies to: ALL or ISO3 codes")
      .column("confidence", DataTypes.StringType, false, "verified (code published with the control) or inferred")
      .column("source", DataTypes.StringType, false, "Where the mapping comes from")
      .column("note", DataTypes.StringType, true, "What a user should know about the row")
      .column("catalog_version", DataTypes.StringType, false, "SHA-256 of the catalogue content in use")
      .build();

  /** One validated catalogue row. Dates are null where the CSV leaves them empty. */
  public record Entry(String instrument, String controlNo, String category, String material, String codeSystem,
      String code, String match, String breadth, String hsVintage, LocalDate codeValidFrom, LocalDate codeValidTo,
      LocalDate effectiveFrom, LocalDate suspendedFrom, LocalDate suspendedTo, List<String> destinations,
      String confidence, String source, String note) {

    /** Both HS editions of a subheading are rows of their own. */
    String key() {
      return instrument + "|" + codeSystem + "|" + code + "|" + hsVintage;
    }

    /** The line also holds goods the control does not cover. */
    public boolean approximate() {
      return breadth != null;
    }
  }

  private final List<Entry> entries;
  private final String version;

  private DualUseCatalog(List<Entry> entries, String version) {
    this.entries = List.copyOf(entries);
    this.version = version;
  }

  public List<Entry> entries() {
    return entries;
  }

  public String version() {
    return version;
  }

  /** The shipped catalogue, extended or replaced by the user's file (tagging.catalog-file / catalog-mode). */
  public static DualUseCatalog load(TradecurbConfig config) {
    Optional<String> userFile = config.optionalString("tagging.catalog-file");
    String mode = config.string("tagging.catalog-mode");
    if (!mode.equals("extend") && !mode.equals("replace")) {
      throw config.invalid("tagging.catalog-mode", "must be extend or replace, not '" + mode + "'");
    }
    ReferenceTable shipped = ReferenceTable.load("dual_use_catalog.csv", Optional.empty());
    if (userFile.isEmpty()) {
      return of(List.of(shipped));
    }
    ReferenceTable user = ReferenceTable.load("dual_use_catalog.csv", userFile);
    return of(mode.equals("replace") ? List.of(user) : List.of(shipped, user));
  }

  /** Parses and checks the tables in order; a later table's row replaces an earlier one with the same key. */
  public static DualUseCatalog of(List<ReferenceTable> tables) {
    Map<String, Entry> byKey = new LinkedHashMap<>();
    StringBuilder versions = new StringBuilder();
    for (ReferenceTable t : tables) {
      t.require(COLUMNS.toArray(new String[0]));
      versions.append(t.sha256());
      for (List<String> row : t.rows()) {
        Entry e = parse(t, row);
        byKey.put(e.key(), e);
      }
    }
    List<Entry> entries = new ArrayList<>(byKey.values());
    checkConsistency(entries);
    String version = tables.size() == 1 ? tables.get(0).sha256()
        : sha256(versions.toString());
    return new DualUseCatalog(entries, version);
  }

  private static Entry parse(ReferenceTable t, List<String> row) {
    Map<String, String> v = new HashMap<>();
    for (String c : COLUMNS) {
      v.put(c, row.get(t.column(c)));
    }
    String where = t.origin() + " row " + v.get("instrument") + " " + v.get("code_system") + " " + v.get("code");
    if (!CATEGORIES.contains(v.get("category"))) {
      throw TradecurbException.badConfig(where + ": category '" + v.get("category") + "' is not one of "
          + CATEGORIES);
    }
    Integer length = CODE_LENGTH.get(v.get("code_system"));
    if (length == null) {
      throw TradecurbException.badConfig(where + ": code_system must be one of " + CODE_LENGTH.keySet());
    }
    String match = v.get("match");
    String code = v.get("code");
    if (!code.matches("\\d+") || (match.equals("exact") ? code.length() != length
        : !match.equals("prefix") || code.length() > length || code.length() < 2)) {
      throw TradecurbException.badConfig(where + ": an " + match + " " + v.get("code_system") + " code must be "
          + (match.equals("exact") ? length + " digits" : "2 to " + length + " digits") + " (match is exact or prefix)");
    }
    if (v.get("code_system").equals("HS6") && !Set.of("HS2017", "HS2022").contains(v.get("hs_vintage"))) {
      throw TradecurbException.badConfig(where + ": HS6 rows need hs_vintage HS2017 or HS2022");
    }
    String breadth = blankToNull(v.get("breadth"));
    if (breadth != null && !BREADTHS.contains(breadth)) {
      throw TradecurbException.badConfig(where + ": breadth must be narrow, broad or empty, not '" + breadth + "'");
    }
    if (v.get("code_system").equals("HS6") && breadth == null) {
      throw TradecurbException.badConfig(where + ": HS6 rows need a breadth (narrow or broad): a subheading "
          + "always holds more than the controlled goods");
    }
    if (!Set.of("verified", "inferred").contains(v.get("confidence"))) {
      throw TradecurbException.badConfig(where + ": confidence must be verified or inferred");
    }
    LocalDate effective = date(v.get("effective_from"), where, "effective_from");
    if (effective == null) {
      throw TradecurbException.badConfig(where + ": effective_from is required");
    }
    LocalDate suspendedFrom = date(v.get("suspended_from"), where, "suspended_from");
    LocalDate suspendedTo = date(v.get("suspended_to"), where, "suspended_to");
    LocalDate validFrom = date(v.get("code_valid_from"), where, "code_valid_from");
    LocalDate validTo = date(v.get("code_valid_to"), where, "code_valid_to");
    if ((suspendedFrom == null) != (suspendedTo == null)
        || (suspendedFrom != null && (suspendedFrom.isBefore(effective) || suspendedTo.isBefore(suspendedFrom)))) {
      throw TradecurbException.badConfig(where + ": a suspension needs both dates, within effective_from ≤ "
          + "suspended_from ≤ suspended_to");
    }
    if (validFrom != null && validTo != null && validTo.isBefore(validFrom)) {
      throw TradecurbException.badConfig(where + ": code_valid_to is before code_valid_from");
    }
    List<String> destinations = List.of(v.get("destinations").split("\\|"));
    for (String d : destinations) {
      if (!d.equals("ALL") && !d.matches("[A-Z]{3}")) {
        throw TradecurbException.badConfig(where + ": destinations are ALL or ISO3 codes separated by |");
      }
    }
    return new Entry(v.get("instrument"), blankToNull(v.get("control_no")), v.get("category"), v.get("material"),
        v.get("code_system"), code, match, breadth, blankToNull(v.get("hs_vintage")), validFrom, validTo, effective,
        suspendedFrom, suspendedTo, destinations, v.get("confidence"), v.get("source"), blankToNull(v.get("note")));
  }

  /** Rows of one instrument that cover the same code must agree on what it is and when it applies. */
  private static void checkConsistency(List<Entry> entries) {
    Map<String, Entry> seen = new HashMap<>();
    for (Entry e : entries) {
      String key = e.instrument() + "|" + e.codeSystem() + "|" + e.code();
      Entry other = seen.put(key, e);
      if (other != null && (!other.category().equals(e.category())
          || !other.effectiveFrom().equals(e.effectiveFrom()))) {
        throw TradecurbException.badConfig("catalogue rows disagree for " + key + ": " + other.category() + " from "
            + other.effectiveFrom() + " vs " + e.category() + " from " + e.effectiveFrom());
      }
    }
    for (Entry parent : entries) {
      if (parent.codeSystem().equals("CN8") && !parent.approximate() && entries.stream().anyMatch(e ->
          e.instrument().equals(parent.instrument()) && e.codeSystem().equals("CN10")
              && e.code().startsWith(parent.code()))) {
        throw TradecurbException.badConfig("catalogue row " + parent.key() + " is the 8-digit parent of a "
            + "10-digit control of its instrument, so it needs a breadth (narrow or broad)");
      }
    }
    Map<String, LocalDate> effectiveByInstrument = new HashMap<>();
    for (Entry e : entries) {
      LocalDate first = effectiveByInstrument.putIfAbsent(e.instrument(), e.effectiveFrom());
      if (first != null && !first.equals(e.effectiveFrom())) {
        throw TradecurbException.badConfig("catalogue instrument " + e.instrument() + " has two effective dates: "
            + first + " and " + e.effectiveFrom());
      }
    }
  }

  private static LocalDate date(String raw, String where, String column) {
    if (raw == null || raw.isBlank()) {
      return null;
    }
    try {
      return LocalDate.parse(raw.trim());
    } catch (DateTimeParseException e) {
      throw TradecurbException.badConfig(where + ": " + column + " '" + raw + "' is not YYYY-MM-DD");
    }
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }

  private static String sha256(String text) {
    try {
      return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
          .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Each instrument's categories. */
  public Map<String, java.util.Set<String>> instrumentCategories() {
    Map<String, java.util.Set<String>> map = new java.util.TreeMap<>();
    for (Entry e : entries) {
      map.computeIfAbsent(e.instrument(), i -> new java.util.TreeSet<>()).add(e.category());
    }
    return map;
  }

  public List<String> instruments() {
    return entries.stream().map(Entry::instrument).distinct().sorted().toList();
  }

  public Dataset<Row> toDataset(SparkSession spark) {
    List<Row> rows = new ArrayList<>();
    for (Entry e : entries) {
      rows.add(RowFactory.create(e.instrument(), e.controlNo(), e.category(), e.material(), e.codeSystem(),
          e.code(), e.match(), e.breadth(), e.hsVintage(), sql(e.codeValidFrom()), sql(e.codeValidTo()),
          sql(e.effectiveFrom()),
          sql(e.suspendedFrom()), sql(e.suspendedTo()), e.destinations().toArray(new String[0]), e.confidence(),
          e.source(), e.note(), version));
    }
    return spark.createDataFrame(rows, TABLE.schema());
  }

  private static Date sql(LocalDate d) {
    return d == null ? null : Date.valueOf(d);
  }
}
