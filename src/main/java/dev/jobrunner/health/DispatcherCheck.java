package dev.jobrunner.health;

import dev.jobrunner.cluster.control.ThisInstance;
import dev.jobrunner.scheduling.boundary.ScheduleSweep;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * The dispatcher is alive: its minute sweep (the safety net under the slot timers) completed
 * recently and the one at work, if any, is not stuck. A sweep that fails every time (the database
 * refuses) or never runs (the timer service stopped), or hangs (a lock held elsewhere), all end
 * here as DOWN.
 */
@Readiness
@ApplicationScoped
public class DispatcherCheck implements HealthCheck {
  @EJB ScheduleSweep sweep;
  @Inject HealthSettings settings;
  @Inject ThisInstance instance;

  @Override
  public HealthCheckResponse call() {
    Instant now = Instant.now();
    Optional<Instant> last = sweep.lastCompleted();
    Optional<Instant> running = sweep.runningSince();
    var response =
        HealthCheckResponse.named("dispatcher")
            .withData("instance_id", instance.id())
            .withData("last_sweep", last.map(Instant::toString).orElse("none yet"));
    running.ifPresent(since -> response.withData("sweep_running_since", since.toString()));
    if (running.isPresent()
        && Duration.between(running.get(), now).compareTo(settings.sweepStall()) > 0) {
      return response
          .down()
          .withData(
              "error",
              "the sweep has been at work for over " + settings.sweepStall().toSeconds() + " s")
          .build();
    }
    Instant reference = last.orElse(settings.started());
    if (Duration.between(reference, now).compareTo(settings.sweepMaxAge()) > 0) {
      return response
          .down()
          .withData(
              "error",
              "no sweep completed in the last " + settings.sweepMaxAge().toSeconds() + " s")
          .build();
    }
    return response.up().build();
  }
}
