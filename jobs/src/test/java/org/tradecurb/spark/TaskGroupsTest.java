package org.tradecurb.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TaskGroupsTest {

  @Test
  void itemsArePackedLargestFirstIntoTheLightestGroup() {
    List<Long> sizes = List.of(1L, 9L, 1L, 10L, 8L, 1L, 1L);
    List<ArrayList<Long>> groups = TaskGroups.pack(sizes, Long::longValue, 3);
    // 10 | 9 | 8, then the ones to the lightest: 8+1, 9+1, 8+1+1... → loads 11, 10, 10
    assertEquals(List.of(List.of(10L, 1L), List.of(9L, 1L), List.of(8L, 1L, 1L)), groups);
    assertEquals(1, TaskGroups.pack(List.of(5L), Long::longValue, 4).size(), "never more groups than items");
    assertEquals(List.of(), TaskGroups.pack(List.<Long>of(), Long::longValue, 4));
  }

  @Test
  void twoTasksPerCoreUnlessTheInputNeedsMore() {
    assertEquals(4, TaskGroups.count(2_000_000, 2, 128L << 20), "a small input: two per core");
    assertEquals(16, TaskGroups.count(2L << 30, 2, 128L << 20), "2 GiB in 128 MiB tasks");
    assertEquals(17, TaskGroups.count((2L << 30) + 1, 2, 128L << 20));
  }
}
