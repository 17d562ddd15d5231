package dev.jobrunner.background;

import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs a task at each whole second or minute of the wall clock, on the container's managed
 * scheduled executor, until cancelled. Not an EJB timer: Payara ran those in a container
 * transaction whatever their attribute, and expunged a timer whose transaction a database outage
 * had marked for rollback, so a heartbeat or a sweep could die with the outage it had to outlive.
 * Here a failed run never stops the next, and a run that overlaps the next tick makes that tick
 * wait instead of piling up.
 */
public final class Repeat {
  private static final Logger LOG = Logger.getLogger(Repeat.class.getName());

  private final ManagedScheduledExecutorService executor;
  private final String name;
  private final ChronoUnit unit;
  private final Runnable task;
  private volatile ScheduledFuture<?> next;
  private volatile boolean cancelled;

  private Repeat(
      ManagedScheduledExecutorService executor, String name, ChronoUnit unit, Runnable task) {
    this.executor = executor;
    this.name = name;
    this.unit = unit;
    this.task = task;
  }

  public static Repeat everySecond(
      ManagedScheduledExecutorService executor, String name, Runnable task) {
    return new Repeat(executor, name, ChronoUnit.SECONDS, task).schedule();
  }

  public static Repeat everyMinute(
      ManagedScheduledExecutorService executor, String name, Runnable task) {
    return new Repeat(executor, name, ChronoUnit.MINUTES, task).schedule();
  }

  public void cancel() {
    cancelled = true;
    ScheduledFuture<?> pending = next;
    if (pending != null) {
      pending.cancel(false);
    }
  }

  private Repeat schedule() {
    Instant now = Instant.now();
    return scheduleAt(now.truncatedTo(unit).plus(1, unit), now);
  }

  /**
   * The executor waits on the monotonic clock, which can run ahead of the wall clock: a tick that
   * wakes before its boundary waits again for what is left, so a minute's work never runs at 59.997
   * and misses the occurrences due at 0.
   */
  private Repeat scheduleAt(Instant boundary, Instant now) {
    if (!cancelled) {
      next =
          executor.schedule(
              () -> tick(boundary),
              Duration.between(now, boundary).toMillis() + 1,
              TimeUnit.MILLISECONDS);
    }
    return this;
  }

  private void tick(Instant boundary) {
    Instant now = Instant.now();
    if (now.isBefore(boundary)) {
      scheduleAt(boundary, now);
      return;
    }
    try {
      task.run();
    } catch (Throwable e) {
      LOG.log(Level.WARNING, name + " failed; it runs again at the next tick", e);
    } finally {
      try {
        schedule();
      } catch (RuntimeException stopping) {
        // the executor refuses new work: the application is stopping
      }
    }
  }
}
