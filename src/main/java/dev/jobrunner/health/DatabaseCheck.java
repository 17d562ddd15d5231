package dev.jobrunner.health;

import dev.jobrunner.cluster.control.ThisInstance;
import dev.jobrunner.storage.JobRunnerDataSource;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * The database answers a validity check, through the application's own pool, within the timeout.
 * The check runs on another thread so that a hung connection makes it DOWN after the timeout
 * instead of hanging the probe.
 */
@Readiness
@ApplicationScoped
public class DatabaseCheck implements HealthCheck {
  @Resource(lookup = JobRunnerDataSource.JNDI_NAME)
  DataSource db;

  @Resource ManagedExecutorService executor;
  @Inject HealthSettings settings;
  @Inject ThisInstance instance;

  @Override
  public HealthCheckResponse call() {
    long timeoutMs = settings.databaseTimeout().toMillis();
    var response =
        HealthCheckResponse.named("database")
            .withData("instance_id", instance.id())
            .withData("timeout_ms", timeoutMs);
    long started = System.nanoTime();
    Future<Boolean> answer = executor.submit(this::valid);
    try {
      boolean valid = answer.get(timeoutMs, TimeUnit.MILLISECONDS);
      response.withData(
          "answered_in_ms", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
      return valid
          ? response.up().build()
          : response.down().withData("error", "the connection is not valid").build();
    } catch (TimeoutException slow) {
      answer.cancel(true);
      return response.down().withData("error", "no answer within " + timeoutMs + " ms").build();
    } catch (ExecutionException failed) {
      return response.down().withData("error", Messages.of(failed.getCause())).build();
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      return response.down().withData("error", "interrupted").build();
    }
  }

  private boolean valid() throws Exception {
    try (Connection c = db.getConnection()) {
      return c.isValid((int) Math.max(1, settings.databaseTimeout().toSeconds()));
    }
  }
}
