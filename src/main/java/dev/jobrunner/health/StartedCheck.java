package dev.jobrunner.health;

import dev.jobrunner.cluster.control.ThisInstance;
import dev.jobrunner.delivery.boundary.CallerWarmUp;
import dev.jobrunner.scheduling.boundary.SlotTimers;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Startup;

/**
 * Startup: the schema was migrated (deployment waits for it) and the slot timers were built from
 * the database once, a few seconds after deployment. Until then a probe waits instead of judging
 * liveness. Its data also says what the HTTP client's warm-up exchange at deployment gave.
 */
@Startup
@ApplicationScoped
public class StartedCheck implements HealthCheck {
  @EJB SlotTimers slotTimers;
  @EJB CallerWarmUp warmUp;
  @Inject HealthSettings settings;
  @Inject ThisInstance instance;

  @Override
  public HealthCheckResponse call() {
    var response =
        HealthCheckResponse.named("started")
            .withData("instance_id", instance.id())
            .withData("deployed_at", settings.started().toString());
    warmUp
        .result()
        .ifPresent(
            warmed ->
                response
                    .withData("http_client_warmed_up_at", warmed.at().toString())
                    .withData("http_client_warm_up", warmed.outcome()));
    return slotTimers
        .lastReconciled()
        .map(Instant::toString)
        .map(at -> response.up().withData("slot_timers_built_at", at))
        .orElseGet(() -> response.down().withData("waiting_for", "the first slot timer reconcile"))
        .build();
  }
}
