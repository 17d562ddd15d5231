package dev.jobrunner.storage;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.util.logging.Logger;
import org.flywaydb.core.Flyway;

/**
 * Brings the schema up to date (Flyway, scripts in {@code db/migration}) before anything else
 * touches the database. On PostgreSQL Flyway holds a lock, so instances starting together migrate
 * once.
 */
@Startup
@Singleton
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class SchemaMigration {
  private static final Logger LOG = Logger.getLogger(SchemaMigration.class.getName());

  @PostConstruct
  void migrate() {
    DatabaseSettings settings = DatabaseSettings.fromConfig();
    Flyway flyway =
        Flyway.configure(SchemaMigration.class.getClassLoader())
            .dataSource(settings.open())
            .locations("classpath:db/migration")
            .load();
    int applied = flyway.migrate().migrationsExecuted;
    String version = flyway.info().current().getVersion().getVersion();
    LOG.info(
        () ->
            "Database "
                + settings.describe()
                + " at schema version "
                + version
                + " ("
                + applied
                + " migrations applied now)");
  }
}
