package org.tradecurb.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

class ParallelTest {

  @Test
  void mapGivesResultsInTheItemsOrderWhicheverFinishesFirst() {
    CountDownLatch secondDone = new CountDownLatch(1);
    List<String> out = Parallel.map(List.of("first", "second"), item -> {
      if (item.equals("first")) {
        await(secondDone); // the first finishes last
      } else {
        secondDone.countDown();
      }
      return item.toUpperCase();
    });
    assertEquals(List.of("FIRST", "SECOND"), out);
  }

  @Test
  void aFailureIsRethrownOnceTheOthersHaveRun() {
    List<String> ran = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
    IllegalStateException e = Assertions.assertThrows(IllegalStateException.class, () -> Parallel.map(
        List.of(1, 2, 3), i -> {
          if (i == 2) {
            throw new IllegalStateException("item 2 failed");
          }
          ran.add("item " + i);
          return i;
        }));
    assertEquals("item 2 failed", e.getMessage());
    assertEquals(java.util.Set.of("item 1", "item 3"), new java.util.HashSet<>(ran));
  }

  private static void await(CountDownLatch latch) {
    try {
      Assertions.assertTrue(latch.await(10, TimeUnit.SECONDS));
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }
}
