package org.tradecurb.docs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
import org.tradecurb.SharedReference;
import org.tradecurb.SparkTestBase;
import org.tradecurb.Tables;
import org.tradecurb.spark.TableSpec;

/**
 * docs/tables.md is what the specs render (no drift), and the specs are what the warehouse really holds: every
 * table of a warehouse built from data-samples/ has the spec's columns, a comment on each, and the tradecurb
 * properties.
 *
 * <p>After changing a spec, rewrite docs/tables.md with
 * {@code mvn -B test -Dtest='DataDictionaryTest#docsMatchTheSpecs' -Dtradecurb.regenerate=true}.
 */
class DataDictionaryTest extends SparkTestBase {

  private static final List<String> REQUIRED_PROPERTIES = List.of("tradecurb.owner", "tradecurb.grain",
      "tradecurb.source", "tradecurb.pipeline_version");

  private static Path docs() {
    return SharedReference.repoRoot().resolve(DataDictionary.PATH);
  }

  @Test
  void docsMatchTheSpecs() throws IOException {
    String rendered = DataDictionary.render();
    if (Boolean.getBoolean("tradecurb.regenerate")) {
      Files.createDirectories(docs().getParent());
      Files.writeString(docs(), rendered, StandardCharsets.UTF_8);
      return;
    }
    Assertions.assertTrue(Files.exists(docs()), docs() + " is missing; generate it with: " + DataDictionary.REGENERATE);
    String committed = Files.readString(docs(), StandardCharsets.UTF_8).replace("\r\n", "\n");
    if (!committed.equals(rendered)) {
      Assertions.fail(DataDictionary.PATH + " differs from what the table specs render ("
          + firstDifference(committed, rendered) + "); regenerate it with: " + DataDictionary.REGENERATE);
    }
  }

  @Test
  void everyTableIsDocumented() {
    String rendered = DataDictionary.render();
    for (TableSpec t : Tables.all()) {
      Assertions.assertTrue(rendered.contains("\n## " + t.name() + "\n"), "no section for " + t.name());
      for (StructField f : t.schema().fields()) {
        Assertions.assertTrue(rendered.contains("| `" + f.name() + "` | `" + f.dataType().catalogString() + "` |"),
            t.name() + "." + f.name() + " is not in the column table");
      }
    }
  }

  @Test
  void specsAreComplete() {
    List<String> problems = new ArrayList<>();
    Set<String> names = new LinkedHashSet<>();
    for (TableSpec t : Tables.all()) {
      if (!names.add(t.name())) {
        problems.add(t.name() + ": declared twice in Tables.all()");
      }
      Stream.of("layer", "comment", "grain", "lineage").forEach(what -> {
        String v = switch (what) {
          case "layer" -> t.layer();
          case "comment" -> t.comment();
          case "grain" -> t.grain();
          default -> t.lineage();
        };
        if (v == null || v.isBlank()) {
          problems.add(t.name() + ": no " + what);
        }
      });
      Set<String> columns = new TreeSet<>();
      for (StructField f : t.schema().fields()) {
        if (!columns.add(f.name())) {
          problems.add(t.name() + "." + f.name() + ": declared twice");
        }
        if (DataDictionary.comment(f).isBlank()) {
          problems.add(t.name() + "." + f.name() + ": no comment");
        }
      }
      for (String p : t.partitionColumns()) {
        if (!columns.contains(p)) {
          problems.add(t.name() + ": partition column " + p + " is not a column");
        }
      }
    }
    Assertions.assertTrue(problems.isEmpty(), String.join("\n", problems));
  }

  /** Every column of every real table has a non-empty comment in DESCRIBE TABLE. */
  @Test
  void everyColumnOfTheWarehouseHasAComment() {
    SampleWarehouse.get(spark());
    List<String> problems = new ArrayList<>();
    for (TableSpec t : Tables.all()) {
      if (!spark().catalog().tableExists(t.name())) {
        problems.add(t.name() + ": not in the sample warehouse");
        continue;
      }
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
    for (TableSpec t : Tables.all()) {
      if (!spark().catalog().tableExists(t.name())) {
        problems.add(t.name() + ": not in the sample warehouse");
        continue;
      }
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
    for (TableSpec t : Tables.all()) {
      if (!spark().catalog().tableExists(t.name())) {
        problems.add(t.name() + ": not in the sample warehouse");
        continue;
      }
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

  private static String firstDifference(String committed, String rendered) {
    String[] a = committed.split("\n", -1);
    String[] b = rendered.split("\n", -1);
    for (int i = 0; i < Math.max(a.length, b.length); i++) {
      String x = i < a.length ? a[i] : "<end of file>";
      String y = i < b.length ? b[i] : "<end of file>";
      if (!x.equals(y)) {
        return "first difference at line " + (i + 1) + ": file has '" + x + "', specs render '" + y + "'";
      }
    }
    return "line endings differ";
  }
}
