package dev.jobrunner.health;

import dev.jobrunner.cluster.control.ThisInstance;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.lang.management.ManagementFactory;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * Liveness: no threads deadlocked, the one state of this process that only a restart cures. It does
 * not look at the database: an outage there makes the instance not ready, and restarting it would
 * not help.
 */
@Liveness
@ApplicationScoped
public class DeadlockCheck implements HealthCheck {
  @Inject ThisInstance instance;

  @Override
  public HealthCheckResponse call() {
    long[] deadlocked = ManagementFactory.getThreadMXBean().findDeadlockedThreads();
    int count = deadlocked == null ? 0 : deadlocked.length;
    var response =
        HealthCheckResponse.named("deadlocks")
            .withData("instance_id", instance.id())
            .withData("deadlocked_threads", count);
    return (count == 0 ? response.up() : response.down()).build();
  }
}
