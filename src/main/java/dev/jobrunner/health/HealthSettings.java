package dev.jobrunner.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The checks' limits (each a setting) and when this deployment started. */
@ApplicationScoped
public class HealthSettings {
  @Inject
  @ConfigProperty(name = "jobrunner.health.database-timeout-ms", defaultValue = "2000")
  long databaseTimeoutMs;

  /**
   * The minute sweep must have completed within this; a dispatcher silent for longer is not ready.
   */
  @Inject
  @ConfigProperty(name = "jobrunner.health.sweep-max-age-seconds", defaultValue = "180")
  long sweepMaxAgeSeconds;

  /** A sweep at work for longer than this is stuck (a lock, a hung database call). */
  @Inject
  @ConfigProperty(name = "jobrunner.health.sweep-stall-seconds", defaultValue = "120")
  long sweepStallSeconds;

  /**
   * Reconciles run at start and every 10 minutes; older than this, the timers are not known to be
   * right.
   */
  @Inject
  @ConfigProperty(name = "jobrunner.health.reconcile-max-age-seconds", defaultValue = "1800")
  long reconcileMaxAgeSeconds;

  @Inject
  @ConfigProperty(name = "jobrunner.health.max-backlog", defaultValue = "20000")
  int maxBacklog;

  private volatile Instant started = Instant.now();

  void atDeployment(@Observes @Initialized(ApplicationScoped.class) Object deployed) {
    started = Instant.now();
  }

  Instant started() {
    return started;
  }

  Duration databaseTimeout() {
    return Duration.ofMillis(databaseTimeoutMs);
  }

  Duration sweepMaxAge() {
    return Duration.ofSeconds(sweepMaxAgeSeconds);
  }

  Duration sweepStall() {
    return Duration.ofSeconds(sweepStallSeconds);
  }

  Duration reconcileMaxAge() {
    return Duration.ofSeconds(reconcileMaxAgeSeconds);
  }

  int maxBacklog() {
    return maxBacklog;
  }
}
