package org.tradecurb.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;

/**
 * Runs independent driver-side work side by side: Delta commits to different tables and small Spark jobs
 * spend much of their time planning, listing and waiting, so a few at once finish sooner than in turn.
 */
public final class Parallel {

  /** At most this many at once: beyond it, commits only queue for the same cores. */
  private static final int THREADS = 4;

  private Parallel() {}

  /** {@code f} of each item, side by side, in the items' order; failures as {@link #run}. */
  public static <T, R> List<R> map(List<T> items, java.util.function.Function<T, R> f) {
    List<R> results = new ArrayList<>(java.util.Collections.nCopies(items.size(), null));
    run(items.size(), i -> results.set(i, f.apply(items.get(i))));
    return results;
  }

  /** Runs {@code task(0..n-1)}; the first failure is rethrown after the others have stopped. */
  public static void run(int n, IntConsumer task) {
    if (n == 0) {
      return;
    }
    if (n == 1) {
      task.accept(0);
      return;
    }
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(n, THREADS), r -> {
      // Spark walks query plans recursively: the stack of the command's own thread (see Main).
      Thread t = new Thread(null, r, "tradecurb-parallel", 64L << 20);
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<?>> pending = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        int index = i;
        pending.add(pool.submit(() -> task.accept(index)));
      }
      RuntimeException failure = null;
      for (Future<?> f : pending) {
        try {
          f.get();
        } catch (ExecutionException e) {
          RuntimeException cause = e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
          if (failure == null) {
            failure = cause;
          } else {
            failure.addSuppressed(cause);
          }
        }
      }
      if (failure != null) {
        throw failure;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } finally {
      pool.shutdownNow();
    }
  }
}
