package org.tradecurb.ingest;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * A share of the parse: a file, or a byte range of a large uncompressed one (a task reads a few, see
 * {@link org.tradecurb.spark.TaskGroups}). The range owns the
 * lines that start in it; {@code linesBefore} is the number of newlines before {@code start}, so every line
 * keeps its exact number in the file.
 *
 * @param id unique within one parse
 */
public record ParseSplit(int id, FileFingerprint file, long start, long end, long linesBefore)
    implements Serializable {

  /**
   * The splits of the files: a splittable file larger than {@code splitBytes} is cut at block boundaries into
   * ranges of about that size; a compressed one stays whole. (Tasks take them largest first: TaskGroups.)
   */
  public static List<ParseSplit> plan(List<FileFingerprint> files, long splitBytes) {
    List<ParseSplit> splits = new ArrayList<>();
    for (FileFingerprint f : files) {
      if (!f.splittable() || f.textBytes() <= splitBytes) {
        splits.add(new ParseSplit(splits.size(), f, 0, Long.MAX_VALUE, 0));
        continue;
      }
      long blocksPerSplit = Math.max(1, splitBytes / f.blockSize());
      long[] lines = f.linesBeforeBlock();
      for (int k = 0; k < lines.length; k += (int) blocksPerSplit) {
        long start = k * f.blockSize();
        long end = k + blocksPerSplit >= lines.length ? Long.MAX_VALUE : (k + blocksPerSplit) * f.blockSize();
        splits.add(new ParseSplit(splits.size(), f, start, end, lines[k]));
      }
    }
    return splits;
  }

  /** Bytes of text the split covers. */
  public long bytes() {
    return Math.min(end, file.textBytes()) - start;
  }

  /**
   * The split size for a parse: about two tasks per core over the whole input, between one block and
   * {@code maxBytes}, so one large file keeps every core busy and small ones stay whole.
   */
  public static long sizeFor(List<FileFingerprint> files, int cores, long maxBytes, long blockSize) {
    long total = files.stream().mapToLong(FileFingerprint::textBytes).sum();
    long perTask = total / Math.max(1, 2L * cores);
    return Math.max(blockSize, Math.min(maxBytes, perTask / blockSize * blockSize));
  }
}
