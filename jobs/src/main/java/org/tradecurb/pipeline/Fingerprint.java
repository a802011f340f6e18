package org.tradecurb.pipeline;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** A short, stable digest of settings or reference rows: equal fingerprints mean nothing to redo. */
public final class Fingerprint {

  private Fingerprint() {}

  /** The first 16 hex digits of the SHA-256 of the values' text forms. */
  public static String of(Object... values) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      for (Object v : values) {
        digest.update(String.valueOf(v).getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
      }
      return HexFormat.of().formatHex(digest.digest()).substring(0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
