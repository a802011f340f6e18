package org.tradecurb.ingest;

import java.io.Serializable;

/**
 * What one cheap pass over a file learns: its checksum and size, the encoding to read it in, and its
 * header, or why it cannot be read at all.
 */
public record FileFingerprint(
    InputFile file, String sha256, long size, String charset, String header, long headerLine, String error)
    implements Serializable {

  public boolean readable() {
    return error == null;
  }
}
