package org.tradecurb.generate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.tradecurb.ingest.Reason;

/**
 * Where malformed rows are planted: each is an extra line, a broken copy of the data row it precedes, so
 * the true figures stay complete. Files and rows are drawn with the run's seed; the reasons take turns.
 */
public final class BadRows {

  static final List<Reason> REASONS = List.of(Reason.BAD_NUMBER, Reason.BAD_CODE, Reason.NEGATIVE_VALUE);

  /**
   * One planted row.
   *
   * @param before the index of the data row it precedes and copies
   * @param line its 1-based line number in the written file (the header is line 1)
   */
  public record Planted(String path, int before, long line, Reason reason) {}

  private BadRows() {}

  /** Plants {@code count} rows over the files, in file order, then line order. */
  static List<Planted> plan(List<GeneratedFile> files, int count, long seed) {
    SplittableRandom random = CellRandom.of(seed, "bad-rows");
    List<List<int[]>> byFile = new ArrayList<>();
    files.forEach(f -> byFile.add(new ArrayList<>()));
    for (int n = 0; n < count; n++) {
      int file = random.nextInt(files.size());
      byFile.get(file).add(new int[] {random.nextInt(files.get(file).rows()), n % REASONS.size()});
    }
    List<Planted> planted = new ArrayList<>();
    for (int f = 0; f < files.size(); f++) {
      List<int[]> rows = byFile.get(f);
      rows.sort(Comparator.comparingInt(r -> r[0]));
      for (int k = 0; k < rows.size(); k++) {
        int before = rows.get(k)[0];
        // Header, the data rows before it, and the planted rows already above it.
        long line = 1 + before + k + 1;
        planted.add(new Planted(files.get(f).path(), before, line, REASONS.get(rows.get(k)[1])));
      }
    }
    return planted;
  }
}
