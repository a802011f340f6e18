package org.tradecurb.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.tradecurb.SparkTestBase;

class SessionsTest extends SparkTestBase {

  @Test
  void deltaSqlExtensionsAreActive() {
    Path dir = newDir("delta-smoke");
    String path = dir.resolve("t").toString();
    spark().range(3).write().format("delta").save(path);
    // DESCRIBE HISTORY only parses when Delta's SQL extension is installed.
    long versions = sql("DESCRIBE HISTORY delta.`" + path + "`").count();
    assertEquals(1, versions);
  }
}
