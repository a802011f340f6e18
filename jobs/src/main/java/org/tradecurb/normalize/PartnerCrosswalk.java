package org.tradecurb.normalize;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.tradecurb.TradecurbException;
import org.tradecurb.config.TradecurbConfig;

/**
 * Country codes of the three sources (UN M49 as Comtrade uses it, China Customs partner codes, Japan
 * Customs country codes) to ISO 3166-1 alpha-3. A code missing here is quarantined, never guessed.
 */
public final class PartnerCrosswalk {

  public static final String M49 = "m49";
  public static final String GACC = "gacc";
  public static final String JAPAN = "japan";

  public static final StructType SCHEMA = new StructType()
      .add("scheme", DataTypes.StringType, false)
      .add("code", DataTypes.StringType, false)
      .add("iso3", DataTypes.StringType, false)
      .add("country_name", DataTypes.StringType, true);

  private static final Pattern ISO3 = Pattern.compile("[A-Z]{3}");

  private PartnerCrosswalk() {}

  /** The shipped crosswalks, or the user's replacements from reference.partners-*. */
  public static List<ReferenceTable> load(TradecurbConfig config) {
    return List.of(
        ReferenceTable.load("partners_m49.csv", config.referenceFile("partners-m49"))
            .require("m49_code", "iso3", "name"),
        ReferenceTable.load("partners_gacc.csv", config.referenceFile("partners-gacc"))
            .require("gacc_code", "iso3", "name"),
        ReferenceTable.load("partners_japan.csv", config.referenceFile("partners-japan"))
            .require("japan_code", "iso3", "name"));
  }

  public static Dataset<Row> toDataset(SparkSession spark, List<ReferenceTable> tables) {
    List<Row> rows = new ArrayList<>();
    String[] schemes = {M49, GACC, JAPAN};
    String[] codeColumns = {"m49_code", "gacc_code", "japan_code"};
    for (int i = 0; i < tables.size(); i++) {
      ReferenceTable t = tables.get(i);
      int code = t.column(codeColumns[i]);
      int iso = t.column("iso3");
      int name = t.column("name");
      for (List<String> r : t.rows()) {
        if (!ISO3.matcher(r.get(iso)).matches()) {
          throw TradecurbException.badConfig(t.origin() + ": '" + r.get(iso) + "' for code " + r.get(code)
              + " is not an ISO 3166 alpha-3 code");
        }
        // Codes compare as numbers: Comtrade writes 4 where a crosswalk may write 004.
        rows.add(RowFactory.create(schemes[i], String.valueOf(Integer.parseInt(r.get(code))), r.get(iso),
            r.get(name)));
      }
    }
    return spark.createDataFrame(rows, SCHEMA);
  }
}
