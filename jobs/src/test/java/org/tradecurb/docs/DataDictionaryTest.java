package org.tradecurb.docs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.tradecurb.SharedReference;
import org.tradecurb.Tables;
import org.tradecurb.spark.TableSpec;

/**
 * docs/tables.md is what the specs render (no drift), and the specs are complete. DataDictionaryIT checks the
 * specs against the tables a real run writes.
 *
 * <p>After changing a spec, rewrite docs/tables.md with
 * {@code mvn -B test -Dtest='DataDictionaryTest#docsMatchTheSpecs' -Dtradecurb.regenerate=true}.
 */
class DataDictionaryTest {

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
  void theReadmeListsEveryQuarantineReasonWithItsMeaning() throws IOException {
    String readme = Files.readString(SharedReference.repoRoot().resolve("README.md"), StandardCharsets.UTF_8);
    for (org.tradecurb.ingest.Reason r : org.tradecurb.ingest.Reason.values()) {
      Assertions.assertTrue(readme.contains("| `" + r.name() + "` | " + r.meaning + " |"), r.name());
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
