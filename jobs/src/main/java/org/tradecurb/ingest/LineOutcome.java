package org.tradecurb.ingest;

import java.io.Serializable;
import java.util.List;

/**
 * What one data line became: the source's fields as published (in the bronze column order) with the
 * reference year the row belongs to, or a quarantine reason with a message naming the field.
 */
public record LineOutcome(List<String> fields, int refYear, Reason reason, String message) implements Serializable {

  public static LineOutcome accepted(List<String> fields, int refYear) {
    return new LineOutcome(fields, refYear, null, null);
  }

  public static LineOutcome rejected(Reason reason, String message) {
    return new LineOutcome(null, 0, reason, message);
  }

  public boolean isAccepted() {
    return reason == null;
  }
}
