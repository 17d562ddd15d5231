package dev.jobrunner.scheduling.boundary;

import dev.jobrunner.scheduling.control.Retries;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Every second, on every instance: start the retries that are due. One indexed query when none are; a
 * non-persistent timer, because the waits themselves are in the database.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class RetryTimer {
  private static final Logger LOG = Logger.getLogger(RetryTimer.class.getName());

  @Inject Retries retries;

  private final AtomicBoolean busy = new AtomicBoolean();

  @Schedule(second = "*", minute = "*", hour = "*", persistent = false, info = "retries")
  void everySecond() {
    if (!busy.compareAndSet(false, true)) {
      return;
    }
    try {
      retries.dispatchDue(Instant.now());
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Starting due retries failed; the next tick tries again", e);
    } finally {
      busy.set(false);
    }
  }
}
