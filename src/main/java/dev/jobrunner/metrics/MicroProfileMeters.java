package dev.jobrunner.metrics;

import jakarta.enterprise.inject.Instance;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntSupplier;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.Timer;

/**
 * The binding to MicroProfile Metrics (application registry): the only class that names the API,
 * loaded only when {@link RunMetrics} has found it. Every counter exists from the start at 0, so
 * that a rate is defined before the first run of its kind.
 */
final class MicroProfileMeters implements Meters {
  private final MetricRegistry registry;
  private final Map<String, Counter> runs = new ConcurrentHashMap<>();
  private final Map<String, Timer> durations = new ConcurrentHashMap<>();
  private final Map<String, Counter> notifications = new ConcurrentHashMap<>();
  private final Timer lateness;

  private MicroProfileMeters(MetricRegistry registry) {
    this.registry = registry;
    this.lateness =
        registry.timer(
            metadata(
                "jobrunner_run_lateness",
                "How long after its scheduled instant a scheduled run started (first attempts)",
                MetricUnits.SECONDS));
  }

  static Meters register(
      Instance<Object> beans, Gauges gauges, IntSupplier notificationsPending, String instanceId) {
    var meters = new MicroProfileMeters(beans.select(MetricRegistry.class).get());
    RunMetrics.OUTCOMES.forEach(outcome -> meters.runCounter("schedule", outcome));
    RunMetrics.OUTCOMES.stream()
        .filter(outcome -> !RunMetrics.SCHEDULED_ONLY.contains(outcome))
        .forEach(outcome -> meters.runCounter("manual", outcome));
    meters.durationTimer("schedule");
    meters.durationTimer("manual");
    RunMetrics.NOTIFICATION_OUTCOMES.forEach(meters::notificationCounter);
    MetricRegistry r = meters.registry;
    r.gauge(
        metadata(
            "jobrunner_backlog",
            "Claimed scheduled calls waiting for a delivery worker on this instance",
            MetricUnits.NONE),
        gauges,
        Gauges::backlog);
    r.gauge(
        metadata(
            "jobrunner_calls_in_flight",
            "Calls on the wire now from this instance, scheduled and manual",
            MetricUnits.NONE),
        gauges,
        Gauges::callsInFlight);
    r.gauge(
        metadata(
            "jobrunner_retries_waiting",
            "Failed occurrences waiting for their next attempt (all instances)",
            MetricUnits.NONE),
        gauges,
        Gauges::retriesWaiting);
    Metadata jobs =
        metadata(
            "jobrunner_jobs",
            "Jobs by state (all instances): active, paused, auto_paused",
            MetricUnits.NONE);
    r.gauge(jobs, gauges, Gauges::activeJobs, new Tag("state", "active"));
    r.gauge(jobs, gauges, Gauges::pausedJobs, new Tag("state", "paused"));
    r.gauge(jobs, gauges, Gauges::autoPausedJobs, new Tag("state", "auto_paused"));
    r.gauge(
        metadata("jobrunner_slot_timers", "Slots with a timer on this instance", MetricUnits.NONE),
        gauges,
        Gauges::slotTimers);
    r.gauge(
        metadata(
            "jobrunner_notifications_pending",
            "Notifications queued or waiting for a retry on this instance",
            MetricUnits.NONE),
        notificationsPending,
        IntSupplier::getAsInt);
    r.gauge(
        metadata("jobrunner_instance_info", "This instance, by its id", MetricUnits.NONE),
        instanceId,
        id -> 1,
        new Tag("instance_id", instanceId));
    return meters;
  }

  private static Metadata metadata(String name, String description, String unit) {
    return Metadata.builder().withName(name).withDescription(description).withUnit(unit).build();
  }

  private Counter runCounter(String trigger, String outcome) {
    return runs.computeIfAbsent(
        trigger + "/" + outcome,
        key ->
            registry.counter(
                metadata(
                    "jobrunner_runs", "Runs (attempts) by trigger and outcome", MetricUnits.NONE),
                new Tag("trigger", trigger),
                new Tag("outcome", outcome)));
  }

  private Timer durationTimer(String trigger) {
    return durations.computeIfAbsent(
        trigger,
        key ->
            registry.timer(
                metadata(
                    "jobrunner_call_duration",
                    "Wall time of outbound calls, by trigger",
                    MetricUnits.SECONDS),
                new Tag("trigger", trigger)));
  }

  private Counter notificationCounter(String outcome) {
    return notifications.computeIfAbsent(
        outcome,
        key ->
            registry.counter(
                metadata(
                    "jobrunner_notifications",
                    "Alert notifications by outcome: sent, failed, blocked, dropped",
                    MetricUnits.NONE),
                new Tag("outcome", outcome)));
  }

  @Override
  public void run(String trigger, String outcome) {
    runCounter(trigger, outcome).inc();
  }

  @Override
  public void lateness(Duration late) {
    lateness.update(late);
  }

  @Override
  public void callDuration(String trigger, Duration duration) {
    durationTimer(trigger).update(duration);
  }

  @Override
  public void notification(String outcome) {
    notificationCounter(outcome).inc();
  }
}
