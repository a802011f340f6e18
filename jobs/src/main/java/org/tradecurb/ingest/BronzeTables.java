package org.tradecurb.ingest;

import java.util.Map;
import org.apache.spark.sql.types.DataTypes;
import org.tradecurb.spark.TableSpec;

/** The bronze tables: each source's rows exactly as published, as text, with their lineage. */
public final class BronzeTables {

  private static final Map<String, String> COMTRADE_COMMENTS = Map.ofEntries(
      Map.entry("typeCode", "C = goods, S = services"),
      Map.entry("freqCode", "M = monthly, A = annual"),
      Map.entry("refPeriodId", "First day of the period, YYYYMMDD"),
      Map.entry("refMonth", "Month 1-12; 52 = annual figure"),
      Map.entry("period", "YYYY (annual) or YYYYMM (monthly)"),
      Map.entry("reporterCode", "Reporter, UN M49-based Comtrade code (156 China, 392 Japan)"),
      Map.entry("flowCode", "M import, X export, RM re-import, RX re-export (plus processing sub-flows); "
          + "legacy files: 1 import, 2 export, 3 re-export, 4 re-import"),
      Map.entry("partnerCode", "Partner, Comtrade code (0 = World, 490 = Other Asia nes, i.e. Taiwan)"),
      Map.entry("partner2Code", "Second partner (consignment); 0 on the totals row"),
      Map.entry("classificationCode", "HS edition: H5 = HS2017, H6 = HS2022"),
      Map.entry("cmdCode", "Commodity code (HS 2, 4 or 6 digits, or TOTAL)"),
      Map.entry("customsCode", "Customs procedure; C00 on the totals row"),
      Map.entry("motCode", "Mode of transport; 0 on the totals row"),
      Map.entry("qtyUnitCode", "Quantity unit: 8 = kg, 5 = items, -1 = not available"),
      Map.entry("qty", "Quantity in qtyUnitAbbr units"),
      Map.entry("netWgt", "Net weight in kg"),
      Map.entry("cifvalue", "Value CIF in USD (imports)"),
      Map.entry("fobvalue", "Value FOB in USD (exports)"),
      Map.entry("primaryValue", "The headline value in USD: CIF for imports, FOB for exports"),
      Map.entry("isReported", "True when reported by the country, false when estimated by UN Comtrade"));

  private static final Map<String, String> JAPAN_COMMENTS = Map.of(
      "exp_or_imp", "Exp or Imp as published: 1 = export, 2 = import",
      "year", "Year as published",
      "custom", "Custom (customs office) as published; null unless the file is port-level",
      "hs", "HS as published: 9-digit statistical code, usually with a leading apostrophe",
      "country", "Country as published: Japan Customs 3-digit code; null in national-total files",
      "unit1", "Unit1 as published (KG, NO, MT, or blank)",
      "unit2", "Unit2 as published");

  private static final Map<String, String> CHINA_COMMENTS = Map.ofEntries(
      Map.entry("period", "数据年月 / Date of data as published, or taken from the file's name or folder"),
      Map.entry("commodity_code", "商品编码 / Commodity code (8-digit national code)"),
      Map.entry("commodity_name", "商品名称 / Commodity"),
      Map.entry("partner_code", "贸易伙伴编码 / Trading partner code (GACC 3-digit); null in world-total files"),
      Map.entry("partner_name", "贸易伙伴名称 / Trading partner"),
      Map.entry("regime_code", "贸易方式编码 / Customs Regime code (10 ordinary trade, 14/15 processing, ...)"),
      Map.entry("regime_name", "贸易方式名称 / Customs Regime"),
      Map.entry("province_code", "注册地编码 / Locations of importers and exporters code"),
      Map.entry("province_name", "注册地名称 / Locations of importers and exporters"),
      Map.entry("quantity1", "第一数量 / Quantity as published (thousands separators kept, ? = none)"),
      Map.entry("unit1", "第一计量单位 / Unit"),
      Map.entry("quantity2", "第二数量 / Supplementary Quantity as published"),
      Map.entry("unit2", "第二计量单位 / Supplementary Unit"),
      Map.entry("value", "人民币 or 美元 / Renminbi Yuan or US dollar value as published"),
      Map.entry("currency", "CNY or USD, from the value column's header"),
      Map.entry("flow", "export or import, from the folder the file sat in (GACC files do not carry it)"),
      Map.entry("period_origin", "column when the file has a period column, file_name when taken from its name "
          + "or folder"),
      Map.entry("header_language", "zh or en: the language of the file's header"),
      Map.entry("other_columns", "JSON object of any columns the format does not know, so nothing is lost"));

  private BronzeTables() {}

  public static TableSpec of(Source source) {
    TableSpec.Builder b = TableSpec.builder(source.rawTable)
        .layer("bronze")
        .grain("one row per accepted data line of an input file")
        .lineage("input folder " + source.folder + "/")
        .comment(switch (source) {
          case COMTRADE -> "UN Comtrade final data rows as published (all 47 columns as text), every row "
              + "including breakdown and annual rows; normalize keeps the monthly totals rows.";
          case JAPAN_CUSTOMS -> "Trade Statistics of Japan rows as published: one row per year x HS x country "
              + "(x port) with twelve months side by side, values in thousands of yen.";
          case CHINA_CUSTOMS -> "China Customs (GACC) query-export rows as published, with the flow taken from "
              + "the folder and the currency from the value column's header.";
        });
    b.column("source_file", DataTypes.StringType, false, "File path below the input root")
        .column("source_line", DataTypes.LongType, false, "1-based line number in the file (header is line 1)")
        .column("file_checksum", DataTypes.StringType, false, "SHA-256 of the file's bytes as stored")
        .column("ingest_run_id", DataTypes.StringType, false, "Pipeline run that ingested the file")
        .column("ingested_at", DataTypes.TimestampType, false, "When that run started (UTC)")
        .column("ref_year", DataTypes.IntegerType, false, "Calendar year of the row's period (partition key)");
    for (String column : Formats.of(source).bronzeColumns()) {
      String comment = switch (source) {
        case COMTRADE -> "Comtrade " + column + " as published"
            + (COMTRADE_COMMENTS.containsKey(column) ? ": " + COMTRADE_COMMENTS.get(column) : "");
        case JAPAN_CUSTOMS -> JAPAN_COMMENTS.containsKey(column)
            ? JAPAN_COMMENTS.get(column) : japanFigureComment(column);
        case CHINA_CUSTOMS -> CHINA_COMMENTS.get(column);
      };
      b.column(column, DataTypes.StringType, true, comment);
    }
    return b.partitionedBy("ref_year").statsOnFirstColumns(6).build();
  }

  private static String japanFigureComment(String column) {
    String[] parts = column.split("_");
    String what = switch (parts[0]) {
      case "quantity1" -> "Quantity1 (in Unit1)";
      case "quantity2" -> "Quantity2 (in Unit2)";
      default -> "Value in thousands of yen";
    };
    String when = parts[1].equals("year") ? "for the year" : "for " + parts[1];
    return what + " " + when + ", as published";
  }
}
