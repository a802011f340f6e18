package org.tradecurb.spark;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.MetadataBuilder;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * A table's definition, declared once: name, what one row is, where the data comes from, columns with
 * comments, and partitioning. The writer creates tables from it, the docs generator documents them from it,
 * and tests check against it.
 */
public record TableSpec(
    String name,
    String layer,
    String comment,
    String grain,
    String lineage,
    StructType schema,
    List<String> partitionColumns,
    int statsColumns) {

  public static final String PIPELINE_VERSION = "0.1.0";
  public static final String OWNER = "tradecurb";

  /** Table properties shown by DESCRIBE TABLE EXTENDED and SHOW TBLPROPERTIES. */
  public Map<String, String> properties() {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("tradecurb.owner", OWNER);
    p.put("tradecurb.layer", layer);
    p.put("tradecurb.grain", grain);
    p.put("tradecurb.source", lineage);
    p.put("tradecurb.pipeline_version", PIPELINE_VERSION);
    if (statsColumns > 0) {
      p.put("delta.dataSkippingNumIndexedCols", String.valueOf(statsColumns));
    }
    return p;
  }

  /** Silver and gold tables are derived from bronze: a table of an outdated layout is rebuilt, not migrated. */
  public boolean derived() {
    return layer.equals("silver") || layer.equals("gold");
  }

  public static Builder builder(String name) {
    return new Builder(name);
  }

  /** Column-by-column declaration that keeps each comment next to its column. */
  public static final class Builder {
    private final String name;
    private String layer = "";
    private String comment = "";
    private String grain = "";
    private String lineage = "";
    private final List<StructField> fields = new ArrayList<>();
    private final List<String> partitions = new ArrayList<>();
    private int statsColumns;

    private Builder(String name) {
      this.name = name;
    }

    public Builder layer(String layer) {
      this.layer = layer;
      return this;
    }

    public Builder comment(String comment) {
      this.comment = comment;
      return this;
    }

    public Builder grain(String grain) {
      this.grain = grain;
      return this;
    }

    public Builder lineage(String lineage) {
      this.lineage = lineage;
      return this;
    }

    public Builder column(String column, DataType type, boolean nullable, String columnComment) {
      Metadata md = new MetadataBuilder().putString("comment", columnComment).build();
      fields.add(new StructField(column, type, nullable, md));
      return this;
    }

    public Builder columns(StructType more) {
      for (StructField f : more.fields()) {
        fields.add(f);
      }
      return this;
    }

    public Builder partitionedBy(String... columns) {
      partitions.addAll(List.of(columns));
      return this;
    }

    /**
     * Delta collects file statistics (data skipping) on the first {@code n} columns only: wide bronze tables
     * would otherwise pay min/max of 32 text columns on every write for no reader that uses them.
     */
    public Builder statsOnFirstColumns(int n) {
      statsColumns = n;
      return this;
    }

    public TableSpec build() {
      return new TableSpec(name, layer, comment, grain, lineage,
          new StructType(fields.toArray(new StructField[0])), List.copyOf(partitions), statsColumns);
    }
  }
}
