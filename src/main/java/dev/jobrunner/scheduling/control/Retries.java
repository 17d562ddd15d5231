package dev.jobrunner.scheduling.control;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;

/**
 * Starts the retries whose time has come. Waits are rows in the database (a run's {@code
 * retry_at}), not sleeping threads, so they survive a restart; any instance may take a due retry,
 * and the database lets exactly one have it.
 */
@ApplicationScoped
public class Retries {
  private static final int BATCH = 500;
  static final String PAUSED = "Not retried: the job was paused";

  @EJB ScheduleStore store;
  @Inject Sender sender;

  public int dispatchDue(Instant now) {
    int started = 0;
    for (ScheduleStore.DueRetry retry : store.dueRetries(now, BATCH)) {
      if (retry.paused()) {
        store.cancelRetry(retry, PAUSED);
        continue;
      }
      Claim next = retry.previous().nextAttempt(retry.job());
      if (store.claimRetry(retry, next)) {
        started++;
      }
    }
    if (started > 0) {
      sender.wake();
    }
    return started;
  }
}
