package org.tradecurb.ingest;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What one parse task reports back besides the bronze rows it writes: the lines of its split read,
 * accepted and refused, the years touched, and the refused lines themselves — up to a bound, past which the
 * split is marked and read again for its quarantine. Tasks report through a
 * {@link org.tradecurb.spark.KeyedAccumulator} keyed by split, so a task run twice is counted once.
 */
public final class SplitReport implements Serializable {

  /** Refused lines a split reports inline; more than this are read again after the write. */
  static final int MAX_KEPT = 10_000;

  /** A refused line: its number, text and reason. */
  public record Refused(long line, String raw, String reason, String message) implements Serializable {}

  final int split;
  final String file;
  long dataLines;
  long accepted;
  long quarantined;
  final Set<Integer> years = new TreeSet<>();
  final List<Refused> refused = new ArrayList<>();
  boolean overflow;

  SplitReport(int split, String file) {
    this.split = split;
    this.file = file;
  }

  void refuse(Refused line) {
    quarantined++;
    if (refused.size() < MAX_KEPT) {
      refused.add(line);
    } else {
      overflow = true;
    }
  }
}
