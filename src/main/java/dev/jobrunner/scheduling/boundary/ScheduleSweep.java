package dev.jobrunner.scheduling.boundary;

import dev.jobrunner.audit.AuditLog;
import dev.jobrunner.background.Repeat;
import dev.jobrunner.delivery.control.HttpCaller;
import dev.jobrunner.idempotency.IdempotencyRecords;
import dev.jobrunner.runs.control.RunLog;
import dev.jobrunner.scheduling.control.Dispatcher;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * At second 0 of every minute, on every instance (so no instance depends on another's): the safety
 * net under the slot timers (dispatch what is due, which also catches up anything a slot timer
 * missed), runs left {@code running} by a version that recorded no owner marked {@code
 * interrupted}, timers reconciled, and the run history pruned.
 */
@Startup
@Singleton
@DependsOn("SlotTimers")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class ScheduleSweep {
  private static final Logger LOG = Logger.getLogger(ScheduleSweep.class.getName());

  @Inject Dispatcher dispatcher;
  @EJB SlotTimers slotTimers;
  @EJB RunLog runs;

  @Inject HttpCaller caller;
  @EJB AuditLog audit;
  @EJB IdempotencyRecords idempotency;

  @Inject
  @ConfigProperty(name = "jobrunner.runs.max-age-days", defaultValue = "30")
  long maxAgeDays;

  @Inject
  @ConfigProperty(name = "jobrunner.runs.max-per-job", defaultValue = "1000")
  int maxPerJob;

  @Resource ManagedScheduledExecutorService executor;

  /**
   * For the readiness check: when the last sweep completed, and since when the current one runs.
   */
  private volatile Instant lastCompleted;

  private volatile Instant runningSince;

  private Repeat repeat;

  @PostConstruct
  void start() {
    repeat = Repeat.everyMinute(executor, "The minute sweep", this::everyMinute);
  }

  @PreDestroy
  void stop() {
    repeat.cancel();
  }

  private void everyMinute() {
    try {
      Instant now = Instant.now();
      runningSince = now;
      dispatcher.dispatchDue(now);
      // A call cannot outlive its total timeout: a run still 'running' well past it has lost its
      // server.
      runs.markInterrupted(now.minusMillis(caller.totalTimeoutMs()).minusSeconds(30));
      if (now.getEpochSecond() / 60 % 10 == 0) {
        slotTimers.reconcile();
      }
      if (now.getEpochSecond() / 60 % 60 == 7) {
        runs.pruneOlderThan(now.minus(Duration.ofDays(maxAgeDays)));
        runs.pruneBeyond(maxPerJob);
        audit.pruneOlderThan(now.minus(Duration.ofDays(maxAgeDays)));
        idempotency.pruneOlderThan(now.minus(IdempotencyRecords.KEPT_FOR));
      }
      lastCompleted = Instant.now();
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Sweep failed; the next one retries", e);
    } finally {
      runningSince = null;
    }
  }

  /** When a sweep last completed without failing; empty before the first. */
  public java.util.Optional<Instant> lastCompleted() {
    return java.util.Optional.ofNullable(lastCompleted);
  }

  /** When the sweep now at work started; empty between sweeps. */
  public java.util.Optional<Instant> runningSince() {
    return java.util.Optional.ofNullable(runningSince);
  }
}
