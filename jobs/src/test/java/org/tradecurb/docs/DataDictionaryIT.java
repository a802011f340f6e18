package org.tradecurb.docs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.tradecurb.SampleWarehouse;
import org.tradecurb.SparkTestBase;
import org.tradecurb.Tables;
import org.tradecurb.spark.TableSpec;

/**
 * The specs are what the warehouse really holds: every table the README's run writes from data-samples/ has
 * the spec's columns, a comment on each (DESCRIBE TABLE), and the tradecurb properties (SHOW TBLPROPERTIES).
 */
class DataDictionaryIT extends SparkTestBase {

  private static final List<String> REQUIRED_PROPERTIES = List.of("tradecurb.owner", "tradecurb.grain",
      "tradecurb.source", "tradecurb.pipeline_version");

  /** The specs whose table the sample warehouse holds; each one it lacks is recorded as a problem. */
  private List<TableSpec> tablesInTheSampleWarehouse(List<String> problems) {
    List<TableSpec> present = new ArrayList<>();
    for (TableSpec t : Tables.all()) {
      if (spark().catalog().tableExists(t.name())) {
        present.add(t);
      } else {
        problems.add(t.name() + ": not in the sample warehouse");
      }
    }
    return present;
  }

  /** Every column of every real table has a non-empty comment in DESCRIBE TABLE. */
  @Test
  void everyColumnOfTheWarehouseHasAComment() {
    SampleWarehouse.get(spark());
    List<String> problems = new ArrayList<>();
    for (TableSpec t : tablesInTheSampleWarehouse(problems)) {
      Set<String> described = new LinkedHashSet<>();
      for (Row r : spark().sql("DESCRIBE TABLE `" + t.name() + "`").collectAsList()) {
        String column = r.getString(0);
        if (column == null || column.isBlank() || column.startsWith("#")) {
          break; // partition information and the rest repeat columns already seen
        }
        described.add(column);
        String comment = r.isNullAt(2) ? "" : r.getString(2);
        if (comment.isBlank()) {
          problems.add(t.name() + "." + column + ": no comment in DESCRIBE TABLE");
        }
      }
      if (described.isEmpty()) {
        problems.add(t.name() + ": DESCRIBE TABLE shows no columns");
      }
    }
    Assertions.assertTrue(problems.isEmpty(), String.join("\n", problems));
  }

  /** SHOW TBLPROPERTIES has the tradecurb properties, with the spec's values; the table comment is the spec's. */
  @Test
  void everyTableOfTheWarehouseHasItsProperties() {
    SampleWarehouse.get(spark());
    List<String> problems = new ArrayList<>();
    for (TableSpec t : tablesInTheSampleWarehouse(problems)) {
      Map<String, String> shown = new HashMap<>();
      for (Row r : spark().sql("SHOW TBLPROPERTIES `" + t.name() + "`").collectAsList()) {
        shown.put(r.getString(0), r.getString(1));
      }
      for (String key : REQUIRED_PROPERTIES) {
        String v = shown.get(key);
        if (v == null || v.isBlank()) {
          problems.add(t.name() + ": SHOW TBLPROPERTIES has no " + key);
        }
      }
      for (Map.Entry<String, String> p : t.properties().entrySet()) {
        if (shown.containsKey(p.getKey()) && !shown.get(p.getKey()).equals(p.getValue())) {
          problems.add(t.name() + ": " + p.getKey() + " is '" + shown.get(p.getKey()) + "', the spec says '"
              + p.getValue() + "'");
        } else if (!shown.containsKey(p.getKey())) {
          problems.add(t.name() + ": property " + p.getKey() + " of the spec is missing");
        }
      }
      String comment = null;
      for (Row r : spark().sql("DESCRIBE TABLE EXTENDED `" + t.name() + "`").collectAsList()) {
        if ("Comment".equals(r.getString(0))) {
          comment = r.getString(1);
        }
      }
      if (comment == null || !comment.equals(t.comment())) {
        problems.add(t.name() + ": table comment is '" + comment + "', the spec says '" + t.comment() + "'");
      }
    }
    Assertions.assertTrue(problems.isEmpty(), String.join("\n", problems));
  }

  /** The specs' columns are the real tables' columns: names in order, types, nullability and comments. */
  @Test
  void specColumnsAreTheWarehouseColumns() {
    Path warehouse = SampleWarehouse.get(spark());
    List<String> problems = new ArrayList<>();
    for (TableSpec t : tablesInTheSampleWarehouse(problems)) {
      StructType real = spark().table("`" + t.name() + "`").schema();
      List<String> specNames = List.of(t.schema().fieldNames());
      List<String> realNames = List.of(real.fieldNames());
      if (!specNames.equals(realNames)) {
        problems.add(t.name() + ": columns differ\n    spec:  " + specNames + "\n    table: " + realNames);
        continue;
      }
      for (StructField f : t.schema().fields()) {
        StructField r = real.apply(f.name());
        if (!f.dataType().sameType(r.dataType())) {
          problems.add(t.name() + "." + f.name() + ": spec type " + f.dataType().catalogString() + ", table type "
              + r.dataType().catalogString());
        }
        if (f.nullable() != r.nullable()) {
          problems.add(t.name() + "." + f.name() + ": spec nullable " + f.nullable() + ", table nullable "
              + r.nullable());
        }
        if (!DataDictionary.comment(f).equals(DataDictionary.comment(r))) {
          problems.add(t.name() + "." + f.name() + ": spec comment '" + DataDictionary.comment(f)
              + "', table comment '" + DataDictionary.comment(r) + "'");
        }
      }
    }
    Set<String> declared = new TreeSet<>();
    Tables.all().forEach(t -> declared.add(t.name()));
    try (Stream<Path> dirs = Files.list(warehouse)) {
      dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString())
          .filter(n -> !n.startsWith(".") && !n.startsWith("_") && !declared.contains(n))
          .forEach(n -> problems.add(n + ": a table folder in the warehouse with no spec in Tables.all()"));
    } catch (IOException e) {
      problems.add("cannot list " + warehouse + ": " + e);
    }
    Assertions.assertTrue(problems.isEmpty(), String.join("\n", problems));
  }
}
