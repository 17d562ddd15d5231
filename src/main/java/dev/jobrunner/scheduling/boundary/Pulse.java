package dev.jobrunner.scheduling.boundary;

import dev.jobrunner.background.Repeat;
import dev.jobrunner.scheduling.control.Dispatcher;
import dev.jobrunner.scheduling.control.Retries;
import dev.jobrunner.scheduling.control.RunRecorder;
import dev.jobrunner.scheduling.control.Sender;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Every second, on every instance: the sender is woken (which also starts it with the application,
 * to send what an earlier run left queued), outcomes kept while the database was unreachable are
 * written, a dispatch that failed is tried again, and the retries that are due start (re-sends of
 * interrupted calls among them). One indexed query when there is nothing to do; all of this state
 * is in the database or in this instance's memory, so nothing needs a persistent timer.
 */
@Startup
@Singleton
@DependsOn({"SchemaMigration", "CallerWarmUp"})
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class Pulse {
  private static final Logger LOG = Logger.getLogger(Pulse.class.getName());

  @Inject Sender sender;
  @Inject RunRecorder recorder;
  @Inject Dispatcher dispatcher;
  @Inject Retries retries;

  @Resource ManagedScheduledExecutorService executor;

  private Repeat repeat;
  private boolean failing;

  @PostConstruct
  void start() {
    repeat = Repeat.everySecond(executor, "The pulse", this::everySecond);
  }

  @PreDestroy
  void stop() {
    repeat.cancel();
  }

  private void everySecond() {
    try {
      Instant now = Instant.now();
      // Starts the sender with the application (it sends what an earlier run left queued) and pokes
      // it.
      sender.wake();
      recorder.flush();
      dispatcher.payOwed(now);
      retries.dispatchDue(now);
      failing = false;
    } catch (RuntimeException e) {
      if (!failing) {
        LOG.log(
            Level.WARNING,
            "The pulse failed (database unreachable?); it tries again every second",
            e);
        failing = true;
      }
    }
  }
}
