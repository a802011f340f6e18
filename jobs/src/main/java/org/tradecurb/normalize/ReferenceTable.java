package org.tradecurb.normalize;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.tradecurb.TradecurbException;
import org.tradecurb.ingest.CsvLine;

/**
 * A small reference CSV (crosswalk, exchange rates, catalogue): shipped in the jar under reference/, or the
 * user's replacement file named in the configuration. Parsed on the driver; the tables are a few hundred rows.
 */
public record ReferenceTable(String origin, List<String> header, List<List<String>> rows, String sha256) {

  public static ReferenceTable load(String resourceName, Optional<String> userFile) {
    String origin;
    byte[] bytes;
    try {
      if (userFile.isPresent()) {
        origin = userFile.get();
        Path path = Path.of(origin);
        if (!Files.isRegularFile(path)) {
          throw TradecurbException.badConfig("reference file not found: " + origin);
        }
        bytes = Files.readAllBytes(path);
      } else {
        origin = "reference/" + resourceName + " (in the jar)";
        try (InputStream in = ReferenceTable.class.getClassLoader()
            .getResourceAsStream("reference/" + resourceName)) {
          if (in == null) {
            throw new IllegalStateException("reference data missing from the jar: reference/" + resourceName);
          }
          bytes = in.readAllBytes();
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("reading reference table " + resourceName, e);
    }
    List<List<String>> rows = new ArrayList<>();
    List<String> header = null;
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(
        new java.io.ByteArrayInputStream(bytes), StandardCharsets.UTF_8))) {
      String line;
      int n = 0;
      while ((line = reader.readLine()) != null) {
        n++;
        if (line.isBlank()) {
          continue;
        }
        List<String> fields = CsvLine.parse(n == 1 && line.startsWith("\uFEFF") ? line.substring(1) : line);
        if (header == null) {
          header = fields.stream().map(String::trim).toList();
        } else if (fields.size() != header.size()) {
          throw TradecurbException.badConfig(origin + " line " + n + ": expected " + header.size()
              + " fields (" + String.join(",", header) + "), found " + fields.size());
        } else {
          rows.add(fields.stream().map(String::trim).toList());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (header == null) {
      throw TradecurbException.badConfig(origin + " is empty");
    }
    return new ReferenceTable(origin, header, rows, sha256(bytes));
  }

  /** Refuses a file whose header lacks a column the pipeline reads. */
  public ReferenceTable require(String... columns) {
    for (String c : columns) {
      if (!header.contains(c)) {
        throw TradecurbException.badConfig(origin + " has no column '" + c + "'; expected columns "
            + String.join(",", columns));
      }
    }
    return this;
  }

  public int column(String name) {
    return header.indexOf(name);
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
