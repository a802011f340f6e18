package org.tradecurb.ingest;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * UN Comtrade final data: the API's CSV (comma) and the bulk files (tab, often gzipped), 47 columns found
 * by name, and the legacy layout of downloads before 2023 ({@link #LEGACY_NAMES}). Only monthly goods rows for
 * exports and imports become flows, and of those only the totals rows (customsCode C00, motCode 0,
 * partner2Code 0): the others break the same trade down again.
 */
public final class ComtradeFormat extends HeaderMappedFormat {

  public static final List<String> COLUMNS = List.of(
      "typeCode", "freqCode", "refPeriodId", "refYear", "refMonth", "period", "reporterCode", "reporterISO",
      "reporterDesc", "flowCode", "flowDesc", "partnerCode", "partnerISO", "partnerDesc", "partner2Code",
      "partner2ISO", "partner2Desc", "classificationCode", "classificationSearchCode",
      "isOriginalClassification", "cmdCode", "cmdDesc", "aggrLevel", "isLeaf", "customsCode", "customsDesc",
      "mosCode", "motCode", "motDesc", "qtyUnitCode", "qtyUnitAbbr", "qty", "isQtyEstimated", "altQtyUnitCode",
      "altQtyUnitAbbr", "altQty", "isAltQtyEstimated", "netWgt", "isNetWgtEstimated", "grossWgt",
      "isGrossWgtEstimated", "cifvalue", "fobvalue", "primaryValue", "legacyEstimationFlag", "isReported",
      "isAggregate");

  /** Without these a row cannot be placed or valued, nor told apart from its breakdowns. */
  static final List<String> REQUIRED = List.of(
      "freqCode", "refYear", "refMonth", "reporterCode", "flowCode", "partnerCode", "partner2Code",
      "classificationCode", "cmdCode", "customsCode", "motCode", "primaryValue");

  /**
   * The legacy layout (the API and downloads before 2023: "Trade Flow Code", "Commodity Code", "Trade Value
   * (US$)"): each name with the column that holds the same field today, where its rows land in bronze as
   * published. Such a row has no freqCode, refMonth or typeCode: its period tells a month from a year, it is
   * goods, its flow is a number (1 import, 2 export, 3 re-export, 4 re-import), and a blank customs procedure,
   * transport mode or second partner is the total. "Period Desc." repeats the period in words and is not kept.
   */
  static final Map<String, String> LEGACY_NAMES = Map.ofEntries(
      Map.entry("Classification", "classificationCode"), Map.entry("Year", "refYear"), Map.entry("Period", "period"),
      Map.entry("Aggregate Level", "aggrLevel"), Map.entry("Is Leaf Code", "isLeaf"),
      Map.entry("Trade Flow Code", "flowCode"), Map.entry("Trade Flow", "flowDesc"),
      Map.entry("Reporter Code", "reporterCode"), Map.entry("Reporter", "reporterDesc"),
      Map.entry("Reporter ISO", "reporterISO"), Map.entry("Partner Code", "partnerCode"),
      Map.entry("Partner", "partnerDesc"), Map.entry("Partner ISO", "partnerISO"),
      Map.entry("2nd Partner Code", "partner2Code"), Map.entry("2nd Partner", "partner2Desc"),
      Map.entry("2nd Partner ISO", "partner2ISO"), Map.entry("Customs Proc. Code", "customsCode"),
      Map.entry("Customs", "customsDesc"), Map.entry("Mode of Transport Code", "motCode"),
      Map.entry("Mode of Transport", "motDesc"), Map.entry("Commodity Code", "cmdCode"),
      Map.entry("Commodity", "cmdDesc"), Map.entry("Qty Unit Code", "qtyUnitCode"),
      Map.entry("Qty Unit", "qtyUnitAbbr"), Map.entry("Qty", "qty"), Map.entry("Alt Qty Unit Code", "altQtyUnitCode"),
      Map.entry("Alt Qty Unit", "altQtyUnitAbbr"), Map.entry("Alt Qty", "altQty"),
      Map.entry("Netweight (kg)", "netWgt"), Map.entry("Gross weight (kg)", "grossWgt"),
      Map.entry("Trade Value (US$)", "primaryValue"), Map.entry("CIF Trade Value (US$)", "cifvalue"),
      Map.entry("FOB Trade Value (US$)", "fobvalue"), Map.entry("Flag", "legacyEstimationFlag"));

  /** Today's layout: each column under its own name. */
  private static final Map<String, String> CURRENT_NAMES = COLUMNS.stream()
      .collect(java.util.stream.Collectors.toUnmodifiableMap(c -> c, c -> c));

  /** Without these a legacy row cannot be placed or valued. */
  static final List<String> LEGACY_REQUIRED = List.of("Classification", "Year", "Period", "Trade Flow Code",
      "Reporter Code", "Partner Code", "Commodity Code", "Trade Value (US$)");

  /** The legacy flow numbers, as today's codes. */
  private static final Map<String, String> LEGACY_FLOWS = Map.of("1", "M", "2", "X", "3", "RX", "4", "RM");

  /** What {@link #interpret} reads: the other columns are descriptions and estimation flags. */
  static final List<String> INTERPRETED = List.of(
      "typeCode", "freqCode", "refPeriodId", "refYear", "refMonth", "period", "reporterCode", "flowCode", "partnerCode",
      "partner2Code", "classificationCode", "cmdCode", "customsCode", "mosCode", "motCode", "qtyUnitCode",
      "qtyUnitAbbr", "qty", "altQty", "netWgt", "grossWgt", "cifvalue", "fobvalue", "primaryValue");

  /** Comtrade's flow codes: exports and imports, and the others (re-exports, processing, ...), excluded. */
  private static final Set<String> FLOWS = Set.of("X", "M", "RX", "RM", "DX", "FM", "XIP", "MIP", "XOP", "MOP",
      "XIF", "MIF");

  /** Classifications other than HS (SITC, BEC, services): kept in bronze, excluded from trade_flows. */
  private static final Set<String> OTHER_CLASSIFICATIONS = Set.of("S1", "S2", "S3", "S4", "B4", "B5", "EB",
      "EB02", "EB10", "EB10S");

  /** Comtrade's quantity units: -1 none, 1 no quantity, 2 m², 3 1000 kWh, 4 m, 5 items, ..., 8 kg, 13 carats. */
  private static final Set<String> UNIT_CODES = Set.of("-1", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10",
      "11", "12", "13");

  private static final Map<String, String> HS_EDITIONS = Map.of(
      "H0", "HS1992", "H1", "HS1996", "H2", "HS2002", "H3", "HS2007", "H4", "HS2012", "H5", "HS2017",
      "H6", "HS2022");

  public ComtradeFormat() {
    super(Source.COMTRADE, COLUMNS);
  }

  @Override
  public List<String> interpretedColumns() {
    return INTERPRETED;
  }

  /** CSVs saved from the Comtrade website are Windows-1252 ("Côte d'Ivoire" as one byte 0xF4). */
  @Override
  public Charset fallbackCharset() {
    return Charset.forName("windows-1252");
  }

  @Override
  public FileParser open(String header, FileContext file) throws FileLayoutException {
    char delimiter = CsvLine.detectDelimiter(header);
    List<String> names = headerNames(header, delimiter);
    Map<String, Integer> positions = positions(names, CURRENT_NAMES);
    List<String> missing = REQUIRED.stream().filter(c -> !positions.containsKey(c)).toList();
    if (missing.isEmpty()) {
      return lineParser(delimiter, names, positions, (fields, values) -> { });
    }
    Map<String, Integer> legacy = positions(names, LEGACY_NAMES);
    List<String> legacyMissing = LEGACY_REQUIRED.stream().filter(c -> !legacy.containsKey(LEGACY_NAMES.get(c)))
        .toList();
    if (legacyMissing.isEmpty()) {
      return lineParser(delimiter, names, legacy, (fields, values) -> { });
    }
    if (legacy.size() > positions.size()) {
      throw new FileLayoutException("expected a legacy UN Comtrade header (Classification, Year, Period, Trade "
          + "Flow Code, ..., Trade Value (US$)); missing " + String.join(", ", legacyMissing));
    }
    throw new FileLayoutException("expected a UN Comtrade final-data header (" + COLUMNS.size()
        + " columns such as typeCode, freqCode, refYear, reporterCode, cmdCode, primaryValue); missing "
        + String.join(", ", missing));
  }

  /** Each bronze column's position in the header, its published name matched whatever its case. */
  private static Map<String, Integer> positions(List<String> names, Map<String, String> columnOfName) {
    Map<String, Integer> positions = new HashMap<>();
    for (int i = 0; i < names.size(); i++) {
      String name = names.get(i).trim();
      for (Map.Entry<String, String> e : columnOfName.entrySet()) {
        if (e.getKey().equalsIgnoreCase(name)) {
          positions.put(e.getValue(), i);
        }
      }
    }
    return positions;
  }

  @Override
  public List<SourceRecord> interpret(List<String> fields) throws RowRejected {
    // Only a legacy header lacks both (they are required of today's): see LEGACY_NAMES.
    boolean legacy = field(fields, "freqCode") == null && field(fields, "refMonth") == null;
    String type = legacy ? "C" : field(fields, "typeCode");
    if (!"C".equals(type) && !"S".equals(type)) {
      throw new RowRejected(Reason.UNKNOWN_VOCABULARY, "typeCode must be C (goods) or S (services), not '"
          + type + "'");
    }
    String freq;
    int month;
    int year = Fields.integer(field(fields, "refYear"), "refYear", Reason.BAD_PERIOD);
    if (legacy) {
      String p = field(fields, "period");
      if (p == null || !Fields.isDigits(p) || p.length() != 6 && p.length() != 4) {
        throw new RowRejected(Reason.BAD_PERIOD, "Period must be YYYYMM (a month) or YYYY (a year), not '" + p
            + "'");
      }
      freq = p.length() == 6 ? "M" : "A";
      month = p.length() == 6 ? Integer.parseInt(p.substring(4)) : 52;
      if (p.length() == 6 && (month < 1 || month > 12)) {
        throw new RowRejected(Reason.BAD_PERIOD, "Period '" + p + "' has no month " + p.substring(4));
      }
    } else {
      freq = field(fields, "freqCode");
      month = Fields.integer(field(fields, "refMonth"), "refMonth", Reason.BAD_PERIOD);
    }
    if (year < 1962 || year > 2100) {
      throw new RowRejected(Reason.BAD_PERIOD, "refYear " + year + " is out of range");
    }
    String exclusion = null;
    if ("A".equals(freq) || month == 52) {
      exclusion = "annual_figure";
      month = 1;
    } else if (!"M".equals(freq)) {
      throw new RowRejected(Reason.BAD_PERIOD, "freqCode must be M or A, not '" + freq + "'");
    } else if (month < 1 || month > 12) {
      throw new RowRejected(Reason.BAD_PERIOD, "refMonth must be 1-12 or 52, not " + month);
    }
    // yyyymm and yyyymm01 as numbers: the year has four digits here, and a formatter per row cost more than the
    // rest of the parse.
    int yearMonth = year * 100 + month;
    String period = field(fields, "period");
    if (exclusion == null && period != null && !period.isEmpty()
        && !period.equals(String.valueOf(yearMonth))) {
      throw new RowRejected(Reason.BAD_PERIOD, "period '" + period + "' disagrees with refYear " + year
          + " and refMonth " + month);
    }
    String periodId = field(fields, "refPeriodId");
    if (exclusion == null && periodId != null && !periodId.isEmpty()
        && !periodId.equals(String.valueOf(yearMonth * 100 + 1))) {
      throw new RowRejected(Reason.BAD_PERIOD, "refPeriodId '" + periodId + "' disagrees with refYear " + year
          + " and refMonth " + month);
    }
    String reporter = Fields.digits(field(fields, "reporterCode"), "reporterCode");
    String partner = Fields.digits(field(fields, "partnerCode"), "partnerCode");
    String partner2 = Fields.digits(breakdown(fields, "partner2Code", "0", legacy), "partner2Code");
    String flowCode = nonEmpty(field(fields, "flowCode"), "flowCode");
    if (legacy) {
      if (!LEGACY_FLOWS.containsKey(flowCode)) {
        throw new RowRejected(Reason.UNKNOWN_VOCABULARY, "Trade Flow Code '" + flowCode + "' is not a legacy "
            + "Comtrade flow (1 import, 2 export, 3 re-export, 4 re-import)");
      }
      flowCode = LEGACY_FLOWS.get(flowCode);
    }
    if (!FLOWS.contains(flowCode.toUpperCase(Locale.ROOT))) {
      throw new RowRejected(Reason.UNKNOWN_VOCABULARY, "flowCode '" + flowCode + "' is not a Comtrade flow "
          + "(X, M, RX, RM, DX, FM, XIP, MIP, XOP, MOP, XIF, MIF)");
    }
    String flow = switch (flowCode.toUpperCase(Locale.ROOT)) {
      case "X" -> SourceRecord.EXPORT;
      case "M" -> SourceRecord.IMPORT;
      default -> null;
    };
    if ("S".equals(type) && exclusion == null) {
      exclusion = "services";
    }
    if (flow == null && exclusion == null) {
      exclusion = "flow_" + flowCode.toLowerCase(Locale.ROOT);
    }
    String classification = nonEmpty(field(fields, "classificationCode"), "classificationCode");
    String system = classification.toUpperCase(Locale.ROOT);
    boolean hs = system.equals("HS") || HS_EDITIONS.containsKey(system);
    if (!hs && !OTHER_CLASSIFICATIONS.contains(system)) {
      throw new RowRejected(Reason.UNKNOWN_VOCABULARY, "classificationCode '" + classification + "' is not an "
          + "HS edition (H0-H6, HS) nor another Comtrade classification (SITC S1-S4, BEC B4/B5, services EB)");
    }
    String cmd = nonEmpty(field(fields, "cmdCode"), "cmdCode");
    String code;
    if (cmd.equalsIgnoreCase("TOTAL")) {
      code = "TOTAL";
      exclusion = exclusion == null ? "all_commodities_total" : exclusion;
    } else if (!hs) {
      code = Fields.code(cmd, "cmdCode", 1, 2, 3, 4, 5, 6);
      exclusion = exclusion == null ? "classification_" + system.toLowerCase(Locale.ROOT) : exclusion;
    } else {
      code = Fields.code(cmd, "cmdCode", 2, 4, 6);
    }
    String customs = nonEmpty(breakdown(fields, "customsCode", "C00", legacy), "customsCode");
    if (customs.length() != 3 || customs.charAt(0) != 'C' || !Fields.isDigits(customs.substring(1))) {
      throw new RowRejected(Reason.UNKNOWN_VOCABULARY, "customsCode '" + customs + "' is not a Comtrade customs "
          + "procedure code (C00-C99)");
    }
    String mot = nonEmpty(breakdown(fields, "motCode", "0", legacy), "motCode");
    String mos = breakdown(fields, "mosCode", "0", legacy);
    if (!Fields.isDigits(mot) || mos != null && !mos.isEmpty() && !Fields.isDigits(mos)) {
      throw new RowRejected(Reason.UNKNOWN_VOCABULARY, "motCode '" + mot + "' and mosCode '" + mos + "' must be "
          + "Comtrade's numeric transport and supply codes");
    }
    if (exclusion == null && (!customs.equals("C00") || !mot.equals("0") || !partner2.equals("0"))) {
      exclusion = "breakdown_row";
    }
    double value = Fields.value(field(fields, "primaryValue"), "primaryValue");
    Fields.quantity(field(fields, "cifvalue"), "cifvalue");
    Fields.quantity(field(fields, "fobvalue"), "fobvalue");
    Double netWeight = Fields.quantity(field(fields, "netWgt"), "netWgt");
    Fields.quantity(field(fields, "grossWgt"), "grossWgt");
    Fields.quantity(field(fields, "altQty"), "altQty");
    String unitCode = field(fields, "qtyUnitCode");
    if (unitCode != null && !unitCode.isEmpty() && !UNIT_CODES.contains(unitCode)) {
      throw new RowRejected(Reason.UNKNOWN_VOCABULARY, "qtyUnitCode '" + unitCode + "' is not a Comtrade unit "
          + "code (-1, 1-13)");
    }
    Double qty = Fields.quantity(field(fields, "qty"), "qty");
    String unit = SourceRecord.canonicalUnit(field(fields, "qtyUnitAbbr"));
    if ("-1".equals(unitCode)) {
      qty = null;
      unit = null;
    } else if ("8".equals(unitCode)) {
      unit = "kg";
    } else if ("5".equals(unitCode) && unit == null) {
      unit = "u"; // bulk files may leave qtyUnitAbbr out; code 5 is a number of items
    }
    if (netWeight == null) {
      netWeight = SourceRecord.kilograms(qty, unit);
    }
    String edition = HS_EDITIONS.getOrDefault(classification.toUpperCase(Locale.ROOT), classification);
    String codeSystem = "HS" + code.length() + "-" + classification.toUpperCase(Locale.ROOT);
    String key = String.join("|", reporter, partner, partner2, flowCode, String.valueOf(year),
        String.valueOf(month), freq, classification, cmd, customs, mot, String.valueOf(mos));
    return List.of(new SourceRecord(reporter, partner, flow == null ? flowCode.toLowerCase(Locale.ROOT) : flow,
        LocalDate.of(year, month, 1), 1, code, codeSystem, edition, qty, unit, netWeight, value, "USD",
        flow == null ? null : SourceRecord.valuationOf(flow), key, null, exclusion));
  }

  /** A breakdown code; a legacy row leaves blank the breakdowns it does not make, which is the total's code. */
  private String breakdown(List<String> fields, String column, String total, boolean legacy) {
    String value = field(fields, column);
    return legacy && (value == null || value.isEmpty()) ? total : value;
  }

  private static String nonEmpty(String value, String name) throws RowRejected {
    if (value == null || value.isEmpty()) {
      throw new RowRejected(Reason.BAD_FIELD, name + " is empty");
    }
    return value;
  }
}
