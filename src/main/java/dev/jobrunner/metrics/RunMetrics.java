package dev.jobrunner.metrics;

import dev.jobrunner.cluster.control.ThisInstance;
import dev.jobrunner.events.RunEnded;
import dev.jobrunner.runs.entity.Trigger;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Counts runs and measures their lateness and duration from the core's events. Outcomes: each
 * attempt is counted once, as its status ({@code success}, {@code failure}, {@code timeout}, {@code
 * unreachable}, {@code blocked}, {@code missed}, {@code skipped}, {@code interrupted}), except a
 * failed attempt that will be tried again, counted as {@code retried}: so the other outcomes are
 * what occurrences finally came to. Lateness is measured on first attempts of scheduled runs (a
 * retry is late on purpose).
 *
 * <p>No MicroProfile Metrics type appears in this class's signatures: it loads on any server, and
 * binds to the API only when the server provides it.
 */
@ApplicationScoped
public class RunMetrics {
  private static final Logger LOG = Logger.getLogger(RunMetrics.class.getName());
  static final String METRICS_API = "org.eclipse.microprofile.metrics.MetricRegistry";
  static final List<String> OUTCOMES =
      List.of(
          "success",
          "failure",
          "timeout",
          "unreachable",
          "blocked",
          "missed",
          "skipped",
          "interrupted",
          "retried");

  /** A manual run is never missed nor retried. */
  static final List<String> SCHEDULED_ONLY = List.of("missed", "retried");

  static final List<String> NOTIFICATION_OUTCOMES = List.of("sent", "failed", "blocked", "dropped");

  @Inject Gauges gauges;
  @Inject ThisInstance instance;
  @Inject dev.jobrunner.alerts.control.Notifier notifier;

  /**
   * The registry is looked up through an injected {@code Instance}, not {@code CDI.current()}:
   * Payara's registry producer reads the injection point, which a lookup through {@code
   * CDI.current()} lacks.
   */
  @Inject Instance<Object> beans;

  private final EarlyMeters early = new EarlyMeters();
  private volatile Meters meters = early;

  void atDeployment(@Observes @Initialized(ApplicationScoped.class) Object started) {
    Meters registered = Meters.NONE;
    if (!metricsApiPresent()) {
      LOG.info("This server has no MicroProfile Metrics: the jobrunner_ metrics are not exported");
    } else {
      try {
        registered = MicroProfileMeters.register(beans, gauges, notifier::pending, instance.id());
      } catch (RuntimeException | LinkageError e) {
        LOG.log(
            Level.WARNING, "Registering the jobrunner_ metrics failed; they are not exported", e);
      }
    }
    early.handOver(registered);
    meters = registered;
  }

  boolean metricsApiPresent() {
    try {
      Class<?> registry = Class.forName(METRICS_API, false, RunMetrics.class.getClassLoader());
      return beans.select(registry).isResolvable();
    } catch (ClassNotFoundException | LinkageError | IllegalStateException absent) {
      return false;
    }
  }

  void ended(@Observes(during = TransactionPhase.AFTER_SUCCESS) RunEnded run) {
    try {
      String trigger = run.trigger().word();
      meters.run(trigger, outcome(run));
      run.ms()
          .ifPresent(
              ms -> meters.callDuration(trigger, Duration.ofNanos(Math.round(ms * 1_000_000))));
      if (run.trigger() == Trigger.SCHEDULE && run.attempt() == 1 && run.ms().isPresent()) {
        run.lateness().filter(lateness -> !lateness.isNegative()).ifPresent(meters::lateness);
      }
    } catch (RuntimeException e) {
      // A metric must never break the delivery path that reported the run.
    }
  }

  void notified(@Observes dev.jobrunner.alerts.entity.NotificationOutcome outcome) {
    try {
      meters.notification(outcome.word());
    } catch (RuntimeException e) {
      // as above
    }
  }

  static String outcome(RunEnded run) {
    return run.willRetry() ? "retried" : run.status().word();
  }
}
