package dev.jobrunner.alerts.control;

import dev.jobrunner.alerts.entity.Notification;
import dev.jobrunner.alerts.entity.NotificationType;
import dev.jobrunner.api.RandomId;
import dev.jobrunner.cluster.control.ThisInstance;
import dev.jobrunner.events.CallResent;
import dev.jobrunner.events.JobAutoPaused;
import dev.jobrunner.events.RunEnded;
import dev.jobrunner.runs.entity.Trigger;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.time.Instant;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Turns the core's events into notifications and hands them to the {@link Notifier}'s queue:
 * nothing here blocks or touches the network or the database, since it runs on the thread that
 * recorded the run.
 */
@ApplicationScoped
public class Alerts {
  /** Consecutive failed occurrences that make a job "failing" (told once per streak). */
  @Inject
  @ConfigProperty(name = "jobrunner.notify.failure-streak", defaultValue = "3")
  int failureStreak;

  @Inject Notifier notifier;
  @Inject ThisInstance instance;

  void ended(@Observes(during = TransactionPhase.AFTER_SUCCESS) RunEnded run) {
    try {
      AlertRules.typeOf(run, Math.max(1, failureStreak))
          .ifPresent(
              type ->
                  notifier.enqueue(
                      new Notification(
                          RandomId.next(),
                          type,
                          Instant.now(),
                          run.jobId(),
                          null,
                          run.runId(),
                          run.trigger().word(),
                          run.scheduledAt().orElse(null),
                          run.attempt(),
                          run.status().word(),
                          run.detail(),
                          AlertRules.failuresAfter(run),
                          instance.id())));
    } catch (RuntimeException e) {
      // An alert must never break the delivery path that reported the run.
    }
  }

  void autoPaused(@Observes(during = TransactionPhase.AFTER_SUCCESS) JobAutoPaused paused) {
    try {
      notifier.enqueue(
          new Notification(
              RandomId.next(),
              NotificationType.JOB_AUTO_PAUSED,
              paused.at(),
              paused.jobId(),
              null,
              null,
              null,
              null,
              null,
              "paused",
              paused.reason(),
              null,
              instance.id()));
    } catch (RuntimeException e) {
      // as above
    }
  }

  void resent(@Observes(during = TransactionPhase.AFTER_SUCCESS) CallResent resent) {
    try {
      notifier.enqueue(
          new Notification(
              RandomId.next(),
              NotificationType.RUN_RESENT,
              Instant.now(),
              resent.jobId(),
              null,
              resent.runId(),
              Trigger.SCHEDULE.word(),
              resent.scheduledAt(),
              resent.attempt(),
              "resent",
              resent.reason(),
              null,
              instance.id()));
    } catch (RuntimeException e) {
      // as above
    }
  }
}
