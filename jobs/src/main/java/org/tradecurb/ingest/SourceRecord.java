package org.tradecurb.ingest;

import java.io.Serializable;
import java.time.LocalDate;

/**
 * One monthly figure read from a source, typed but not yet mapped to ISO countries or US dollars.
 * Reporter and partner stay in the source's own code scheme; the normalizer maps them.
 *
 * @param reporterCode the reporter in the source's scheme (Comtrade M49 code; Japan and China are fixed)
 * @param partnerCode the partner in the source's scheme, or {@code WLD} when the file is a world total
 * @param period the first day of the month (of the first month, for a combined Jan+Feb figure)
 * @param periodMonths 1, or 2 for a figure China Customs published for January and February together
 * @param value the trade value in {@code currency} units (yen, not thousands of yen)
 * @param recordKey the record's identity within its source, to find the same record in two files
 * @param breakdown null for a national figure; else the sub-national split it belongs to (a customs port,
 *     a trade regime and province), which sums to the national figure when no national file has it
 * @param exclusion why a valid record is deliberately kept out of trade_flows, or null
 */
public record SourceRecord(
    String reporterCode,
    String partnerCode,
    String flow,
    LocalDate period,
    int periodMonths,
    String code,
    String codeSystem,
    String hsVintage,
    Double quantity,
    String quantityUnit,
    Double netWeightKg,
    double value,
    String currency,
    String valuation,
    String recordKey,
    String breakdown,
    String exclusion)
    implements Serializable {

  public static final String EXPORT = "export";
  public static final String IMPORT = "import";

  /** Exports are valued free on board at the border, imports with cost, insurance and freight. */
  static String valuationOf(String flow) {
    return EXPORT.equals(flow) ? "FOB" : "CIF";
  }

  /** The HS edition a national tariff of that year follows. */
  static String hsVintageOfYear(int year) {
    if (year >= 2022) {
      return "HS2022";
    } else if (year >= 2017) {
      return "HS2017";
    } else if (year >= 2012) {
      return "HS2012";
    } else if (year >= 2007) {
      return "HS2007";
    }
    return "HS2002";
  }

  /** Kilograms from a quantity in a customs unit, or null when the unit is not a mass. */
  static Double kilograms(Double quantity, String unit) {
    if (quantity == null || unit == null) {
      return null;
    }
    return switch (unit) {
      case "kg" -> quantity;
      case "t" -> quantity * 1000.0;
      case "g" -> quantity / 1000.0;
      default -> null;
    };
  }

  /** Customs unit names in English, Japanese-customs and Chinese spellings, to one short form. */
  static String canonicalUnit(String raw) {
    String u = Fields.trimToNull(raw);
    if (u == null || Fields.isMissing(u)) {
      return null;
    }
    return switch (u.toLowerCase(java.util.Locale.ROOT)) {
      case "kg", "kgs", "kilogram", "kilograms", "千克", "公斤" -> "kg";
      case "mt", "t", "ton", "tons", "tonne", "metric ton", "吨" -> "t";
      case "gr", "g", "gram", "grams", "克" -> "g";
      case "no", "u", "number", "number of item", "number of items", "items", "个", "件", "台", "套" -> "u";
      default -> u.toLowerCase(java.util.Locale.ROOT);
    };
  }
}
