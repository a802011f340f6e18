package org.tradecurb.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * Work items packed into a few Spark tasks of about equal size. Every task pays a fixed cost (its closure
 * and Hadoop configuration deserialized, its code generated, a Parquet file and Delta statistics opened):
 * seventy small files are cheaper as four tasks than as seventy.
 */
public final class TaskGroups {

  private TaskGroups() {}

  /**
   * At most {@code groups} lists: the largest item first, each to the lightest list so far (within a few
   * percent of the best split for such lists).
   */
  public static <T extends Serializable> List<ArrayList<T>> pack(List<T> items, ToLongFunction<T> size,
      int groups) {
    int n = Math.max(1, Math.min(groups, items.size()));
    List<T> ordered = new ArrayList<>(items);
    ordered.sort(Comparator.comparingLong(size).reversed());
    List<ArrayList<T>> packed = new ArrayList<>();
    long[] load = new long[n];
    for (int i = 0; i < n; i++) {
      packed.add(new ArrayList<>());
    }
    for (T item : ordered) {
      int lightest = 0;
      for (int i = 1; i < n; i++) {
        if (load[i] < load[lightest]) {
          lightest = i;
        }
      }
      packed.get(lightest).add(item);
      load[lightest] += size.applyAsLong(item);
    }
    packed.removeIf(List::isEmpty);
    return packed;
  }

  /**
   * How many tasks a parse of {@code totalBytes} needs: two per core so no core idles on the last one, more
   * when the input is so large that a task would read more than {@code taskBytes}.
   */
  public static int count(long totalBytes, int cores, long taskBytes) {
    long bySize = (totalBytes + taskBytes - 1) / Math.max(1, taskBytes);
    return (int) Math.min(Integer.MAX_VALUE, Math.max(2L * Math.max(1, cores), bySize));
  }
}
