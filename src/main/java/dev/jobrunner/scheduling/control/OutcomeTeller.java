package dev.jobrunner.scheduling.control;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Tells written outcomes (metrics, run log lines, alerts) on one thread of its own, in the order
 * they were handed over, so the writer does not wait for them. Bounded: with more than {@code
 * limit} outcomes waiting, the writer waits, so a slow log sink slows the sending instead of
 * growing the queue without bound. Once closed, what is handed over is told on the caller's thread.
 */
final class OutcomeTeller {
  private final ExecutorService thread;
  private final int limit;
  private final AtomicInteger untold = new AtomicInteger();

  OutcomeTeller(ThreadFactory threads, int limit) {
    this.thread = Executors.newSingleThreadExecutor(threads);
    this.limit = limit;
  }

  /** Tells {@code count} outcomes with {@code telling}, after those handed over before. */
  void tell(int count, Runnable telling) {
    untold.addAndGet(count);
    while (untold.get() > limit
        && !thread.isShutdown()
        && !Thread.currentThread().isInterrupted()) {
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
    }
    Runnable counted =
        () -> {
          try {
            telling.run();
          } finally {
            untold.addAndGet(-count);
          }
        };
    try {
      thread.execute(counted);
    } catch (RejectedExecutionException closed) {
      counted.run();
    }
  }

  /** Outcomes handed over and not yet told. */
  int untold() {
    return untold.get();
  }

  /**
   * Takes no more and waits up to {@code wait} for what was handed over; true when all of it was
   * told.
   */
  boolean close(Duration wait) {
    thread.shutdown();
    try {
      return thread.awaitTermination(wait.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
