package org.tradecurb.tag;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import java.io.Serializable;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.tradecurb.TradecurbException;
import org.tradecurb.config.TradecurbConfig;
import org.tradecurb.spark.TableSpec;

/**
 * A curb whose effect the impact stage measures: when it took effect, which destinations it targets, which
 * catalogue instruments' codes it treats, and when markets could first anticipate it.
 */
public record CurbEvent(String id, String label, LocalDate date, List<String> destinations,
    List<String> instruments, LocalDate anticipation) implements Serializable {

  public static final String ALL = "ALL";
  public static final String WHOLE_CATALOGUE = "*";
  private static final Set<String> KEYS = Set.of("id", "label", "date", "destinations", "instruments",
      "anticipation");

  public static final TableSpec TABLE = TableSpec.builder("curb_events")
      .layer("reference")
      .comment("The curbs the impact tables measure, from the configuration (events and extra-events).")
      .grain("one row per event")
      .lineage("configuration keys events and extra-events")
      .column("event_id", DataTypes.StringType, false, "Event identifier used in every impact table")
      .column("label", DataTypes.StringType, false, "What the curb is")
      .column("event_date", DataTypes.DateType, false, "Date the curb took effect")
      .column("event_month", DataTypes.DateType, false, "First day of the month the curb took effect")
      .column("anticipation_date", DataTypes.DateType, true, "Date the curb could first be anticipated, if any")
      .column("destinations", DataTypes.createArrayType(DataTypes.StringType, true), false,
          "Targeted destinations (ISO3), or ALL")
      .column("instruments", DataTypes.createArrayType(DataTypes.StringType, true), false,
          "Catalogue instruments whose codes are treated; * = the whole catalogue")
      .build();

  public LocalDate eventMonth() {
    return date.withDayOfMonth(1);
  }

  public boolean targetsAllDestinations() {
    return destinations.contains(ALL);
  }

  public boolean treatsWholeCatalogue() {
    return instruments.contains(WHOLE_CATALOGUE);
  }

  /** The configured events (events, then extra-events), validated. */
  public static List<CurbEvent> fromConfig(TradecurbConfig config) {
    List<CurbEvent> events = new ArrayList<>();
    for (String key : List.of("events", "extra-events")) {
      List<? extends Config> list = config.typed(key, config.raw()::getConfigList);
      for (int i = 0; i < list.size(); i++) {
        events.add(parse(list.get(i), key + "[" + i + "]"));
      }
    }
    Set<String> ids = new HashSet<>();
    for (CurbEvent e : events) {
      if (!ids.add(e.id())) {
        throw TradecurbException.badConfig("event id '" + e.id() + "' is defined twice");
      }
    }
    return events;
  }

  private static CurbEvent parse(Config c, String where) {
    for (String key : c.root().keySet()) {
      if (!KEYS.contains(key)) {
        throw TradecurbException.badConfig("unknown key '" + key + "' in " + where + " ("
            + c.origin().description() + "); allowed: " + KEYS);
      }
    }
    try {
      String id = c.getString("id");
      if (!id.matches("[a-z0-9_]+")) {
        throw TradecurbException.badConfig(where + ": event id '" + id + "' must be lower-case snake case");
      }
      LocalDate date = LocalDate.parse(c.getString("date"));
      LocalDate anticipation = c.hasPath("anticipation") ? LocalDate.parse(c.getString("anticipation")) : null;
      if (anticipation != null && anticipation.isAfter(date)) {
        throw TradecurbException.badConfig(where + ": anticipation " + anticipation + " is after the event date "
            + date);
      }
      List<String> destinations = c.getStringList("destinations");
      List<String> instruments = c.getStringList("instruments");
      if (destinations.isEmpty() || instruments.isEmpty()) {
        throw TradecurbException.badConfig(where + ": destinations and instruments must not be empty");
      }
      String label = c.hasPath("label") ? c.getString("label") : id;
      return new CurbEvent(id, label, date, List.copyOf(destinations), List.copyOf(instruments), anticipation);
    } catch (ConfigException e) {
      throw TradecurbException.badConfig(where + ": " + e.getMessage());
    } catch (DateTimeParseException e) {
      throw TradecurbException.badConfig(where + ": dates are YYYY-MM-DD (" + e.getParsedString() + ")");
    }
  }

  public static Dataset<Row> toDataset(SparkSession spark, List<CurbEvent> events) {
    List<Row> rows = new ArrayList<>();
    for (CurbEvent e : events) {
      rows.add(RowFactory.create(e.id(), e.label(), java.sql.Date.valueOf(e.date()),
          java.sql.Date.valueOf(e.eventMonth()), e.anticipation() == null ? null : java.sql.Date.valueOf(e.anticipation()),
          e.destinations().toArray(new String[0]), e.instruments().toArray(new String[0])));
    }
    return spark.createDataFrame(rows, TABLE.schema());
  }
}
