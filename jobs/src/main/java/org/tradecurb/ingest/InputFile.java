package org.tradecurb.ingest;

import java.io.Serializable;

/**
 * A file found under the input root, with the source its folder implies.
 *
 * @param uri the full path as the file system names it (file:/…, s3a://…)
 * @param relativePath the path below the input root, used as the file's identity in every table
 * @param flow export/import for China Customs files (from their folder), else null
 * @param size bytes, as listed
 * @param modified last modification time, as listed (epoch milliseconds)
 */
public record InputFile(Source source, String uri, String relativePath, String flow, long size, long modified)
    implements Serializable {

  public String fileName() {
    int slash = relativePath.lastIndexOf('/');
    return slash < 0 ? relativePath : relativePath.substring(slash + 1);
  }

  public boolean gzipped() {
    return relativePath.toLowerCase(java.util.Locale.ROOT).endsWith(".gz");
  }

  /** A zip archive holding the file (as bulk downloads of the legacy Comtrade API came). */
  public boolean zipped() {
    return relativePath.toLowerCase(java.util.Locale.ROOT).endsWith(".zip");
  }

  /** Compressed: read as one stream, whole by one task. */
  public boolean compressed() {
    return gzipped() || zipped();
  }

  CustomsFormat.FileContext context() {
    return new CustomsFormat.FileContext(relativePath, fileName(), flow);
  }

  public CustomsFormat format() {
    return Formats.of(source);
  }
}
