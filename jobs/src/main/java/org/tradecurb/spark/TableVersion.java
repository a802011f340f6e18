package org.tradecurb.spark;

import java.util.Optional;

/**
 * A Delta table at one version, named with the table's id so that a table dropped and rebuilt (its versions
 * counting from 0 again) is never mistaken for the one a stage consumed before.
 */
public record TableVersion(String tableId, long version) {

  /** The form kept in pipeline_runs.input_fingerprint: {@code <table id>@<version>}. */
  @Override
  public String toString() {
    return tableId + "@" + version;
  }

  public static Optional<TableVersion> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    int at = text.lastIndexOf('@');
    if (at <= 0) {
      return Optional.empty();
    }
    try {
      return Optional.of(new TableVersion(text.substring(0, at), Long.parseLong(text.substring(at + 1))));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
