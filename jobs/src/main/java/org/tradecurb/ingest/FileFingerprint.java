package org.tradecurb.ingest;

import java.io.Serializable;

/**
 * What the first pass over a file learns: its checksum and size, the encoding it decodes in, its header, and
 * — for an uncompressed file — how many lines end before each block boundary, so that tasks can read it in
 * byte ranges and still number every line exactly. Or why it cannot be read at all.
 *
 * @param size bytes as stored (compressed for .gz)
 * @param textBytes bytes of text (uncompressed)
 * @param blockSize the spacing of {@code linesBeforeBlock}
 * @param linesBeforeBlock element k: newlines in bytes [0, k × blockSize); null for a file read whole (gzip,
 *     UTF-16, CR line ends)
 * @param year the file's year for formats that publish one year per file, else null
 */
public record FileFingerprint(
    InputFile file, String sha256, long size, String charset, String header, long headerLine, String error,
    long textBytes, long blockSize, long[] linesBeforeBlock, Integer year)
    implements Serializable {

  /** A file that could not be read, with the one-line reason. */
  static FileFingerprint unreadable(InputFile file, String sha256, long size, String charset, String error) {
    return new FileFingerprint(file, sha256, size, charset, null, 0, error, 0, 0, null, null);
  }

  public boolean readable() {
    return error == null;
  }

  /** Whether tasks can read it in byte ranges: uncompressed and scanned with block line counts. */
  public boolean splittable() {
    return linesBeforeBlock != null && linesBeforeBlock.length > 1;
  }

  /** The file's context for its parser, with the year the scan found. */
  CustomsFormat.FileContext context() {
    return new CustomsFormat.FileContext(file.relativePath(), file.fileName(), file.flow(), year);
  }
}
