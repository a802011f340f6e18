package org.tradecurb.normalize;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.tradecurb.TradecurbException;
import org.tradecurb.config.TradecurbConfig;

/**
 * Monthly average exchange rates (units of currency per US dollar). A China Customs figure published for
 * January and February together is converted at the mean of the two months' rates.
 */
public final class FxRates {

  public static final StructType SCHEMA = new StructType()
      .add("currency", DataTypes.StringType, false)
      .add("period", DataTypes.DateType, false)
      .add("period_months", DataTypes.IntegerType, false)
      .add("units_per_usd", DataTypes.DoubleType, false)
      .add("fx_quality", DataTypes.StringType, false);

  private FxRates() {}

  public static ReferenceTable load(TradecurbConfig config) {
    return ReferenceTable.load("fx_monthly.csv", config.referenceFile("fx-rates"))
        .require("period", "currency", "units_per_usd", "quality");
  }

  public static Dataset<Row> toDataset(SparkSession spark, ReferenceTable table) {
    int period = table.column("period");
    int currency = table.column("currency");
    int rate = table.column("units_per_usd");
    int quality = table.column("quality");
    Map<String, Row> single = new HashMap<>();
    List<Row> rows = new ArrayList<>();
    for (List<String> r : table.rows()) {
      LocalDate month;
      double units;
      try {
        month = LocalDate.parse(r.get(period) + "-01");
        units = Double.parseDouble(r.get(rate));
      } catch (RuntimeException e) {
        throw TradecurbException.badConfig(table.origin() + ": bad row " + r + " (expected YYYY-MM and a rate)");
      }
      if (!(units > 0)) {
        throw TradecurbException.badConfig(table.origin() + ": rate for " + r.get(currency) + " " + r.get(period)
            + " must be positive");
      }
      Row row = RowFactory.create(r.get(currency), Date.valueOf(month), 1, units, r.get(quality));
      if (single.put(r.get(currency) + month, row) != null) {
        throw TradecurbException.badConfig(table.origin() + ": two rates for " + r.get(currency) + " "
            + r.get(period));
      }
      rows.add(row);
    }
    for (Row jan : List.copyOf(single.values())) {
      LocalDate month = jan.getDate(1).toLocalDate();
      Row feb = single.get(jan.getString(0) + month.plusMonths(1));
      if (month.getMonthValue() == 1 && feb != null) {
        String q = jan.getString(4).equals(feb.getString(4)) ? jan.getString(4) : "approximate";
        rows.add(RowFactory.create(jan.getString(0), jan.getDate(1), 2,
            (jan.getDouble(3) + feb.getDouble(3)) / 2.0, q));
      }
    }
    return spark.createDataFrame(rows, SCHEMA);
  }
}
