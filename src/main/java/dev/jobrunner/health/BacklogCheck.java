package dev.jobrunner.health;

import dev.jobrunner.cluster.control.ThisInstance;
import dev.jobrunner.delivery.control.HttpCaller;
import dev.jobrunner.scheduling.control.SendQueue;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Claimed calls waiting in the database to be sent (by any instance) stay under {@code
 * jobrunner.health.max-backlog}.
 */
@Readiness
@ApplicationScoped
public class BacklogCheck implements HealthCheck {
  @Inject SendQueue queue;
  @Inject HttpCaller caller;
  @Inject HealthSettings settings;
  @Inject ThisInstance instance;

  @Override
  public HealthCheckResponse call() {
    var response =
        HealthCheckResponse.named("backlog")
            .withData("instance_id", instance.id())
            .withData("max_backlog", settings.maxBacklog())
            .withData("calls_in_flight", caller.inFlight());
    long backlog;
    try {
      backlog = queue.backlog(); // the queue is in the database
    } catch (RuntimeException unreachable) {
      return response.withData("backlog", "unknown: the database is not answering").down().build();
    }
    response.withData("backlog", backlog);
    return (backlog < settings.maxBacklog() ? response.up() : response.down()).build();
  }
}
