package dev.jobrunner.health;

import dev.jobrunner.cluster.control.ThisInstance;
import dev.jobrunner.storage.JobRunnerDataSource;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;

/**
 * Flyway finds no migration of this build pending in the database. Once none is, none can be again
 * (the schema only moves forward, when an instance starts), so that answer is kept; until then it
 * is read at most once a minute.
 */
@Readiness
@ApplicationScoped
public class MigrationsCheck implements HealthCheck {
  private static final Duration FRESH_FOR = Duration.ofMinutes(1);

  @Resource(lookup = JobRunnerDataSource.JNDI_NAME)
  DataSource db;

  @Resource ManagedExecutorService executor;
  @Inject HealthSettings settings;
  @Inject ThisInstance instance;

  record Schema(Instant at, String version, int pending) {}

  private volatile Schema last;

  @Override
  public HealthCheckResponse call() {
    var response = HealthCheckResponse.named("migrations").withData("instance_id", instance.id());
    Schema schema = last;
    boolean settled = schema != null && schema.pending() == 0;
    if (!settled
        && (schema == null
            || Duration.between(schema.at(), Instant.now()).compareTo(FRESH_FOR) > 0)) {
      Future<Schema> read = executor.submit(this::read);
      try {
        schema = read.get(settings.databaseTimeout().toMillis() * 2, TimeUnit.MILLISECONDS);
        last = schema;
      } catch (TimeoutException slow) {
        read.cancel(true);
        return response.down().withData("error", "the database did not answer in time").build();
      } catch (ExecutionException failed) {
        return response.down().withData("error", Messages.of(failed.getCause())).build();
      } catch (InterruptedException interrupted) {
        Thread.currentThread().interrupt();
        return response.down().withData("error", "interrupted").build();
      }
    }
    response
        .withData("schema_version", schema.version())
        .withData("pending", schema.pending())
        .withData("checked_at", schema.at().toString());
    return (schema.pending() == 0 ? response.up() : response.down()).build();
  }

  private Schema read() {
    var info =
        Flyway.configure(MigrationsCheck.class.getClassLoader())
            .dataSource(db)
            .locations("classpath:db/migration")
            .load()
            .info();
    MigrationInfo current = info.current();
    return new Schema(
        Instant.now(),
        current == null ? "none" : current.getVersion().getVersion(),
        info.pending().length);
  }
}
