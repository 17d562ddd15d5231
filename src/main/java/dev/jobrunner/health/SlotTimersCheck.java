package dev.jobrunner.health;

import dev.jobrunner.cluster.control.ThisInstance;
import dev.jobrunner.scheduling.boundary.SlotTimers;
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
 * The slot timers were made to match the database: once just after start, then every 10 minutes by
 * the sweep. Not yet after a start, or not for too long, and this instance's timers are not known
 * to be right. Its data: the slots with a timer, the container timers that cover them (fewer: one
 * per zone and set of minutes), and when the next of those fires.
 */
@Readiness
@ApplicationScoped
public class SlotTimersCheck implements HealthCheck {
  @EJB SlotTimers slotTimers;
  @Inject HealthSettings settings;
  @Inject ThisInstance instance;

  @Override
  public HealthCheckResponse call() {
    Optional<Instant> last = slotTimers.lastReconciled();
    var response =
        HealthCheckResponse.named("slot-timers")
            .withData("instance_id", instance.id())
            .withData("slot_timers", slotTimers.slotTimerCount())
            .withData("container_timers", slotTimers.containerTimerCount())
            .withData("next_firing", slotTimers.nextFiring().map(Instant::toString).orElse("none"))
            .withData("last_reconciled", last.map(Instant::toString).orElse("never"));
    if (last.isEmpty()) {
      return response.down().withData("error", "not reconciled since the start").build();
    }
    if (Duration.between(last.get(), Instant.now()).compareTo(settings.reconcileMaxAge()) > 0) {
      return response
          .down()
          .withData(
              "error",
              "not reconciled for over " + settings.reconcileMaxAge().toMinutes() + " minutes")
          .build();
    }
    return response.up().build();
  }
}
