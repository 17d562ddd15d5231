package dev.jobrunner.storage;

import java.nio.file.Path;
import java.util.Optional;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Which database to use. With no {@code jobrunner.db.url} ({@code JOBRUNNER_DB_URL}): embedded H2
 * in files under {@code jobrunner.data-dir} ({@code JOBRUNNER_DATA_DIR}, default {@code ./data}),
 * so data survives restarts. With a {@code jdbc:postgresql:} URL: PostgreSQL, with {@code
 * JOBRUNNER_DB_USER} and {@code JOBRUNNER_DB_PASSWORD}.
 */
public record DatabaseSettings(String url, String user, String password) {

  public static DatabaseSettings fromConfig() {
    Config config = ConfigProvider.getConfig(DatabaseSettings.class.getClassLoader());
    Optional<String> url =
        config.getOptionalValue("jobrunner.db.url", String.class).filter(u -> !u.isBlank());
    String user = config.getOptionalValue("jobrunner.db.user", String.class).orElse(null);
    String password = config.getOptionalValue("jobrunner.db.password", String.class).orElse(null);
    if (url.isPresent()) {
      return new DatabaseSettings(url.get(), user, password);
    }
    String dataDir = config.getOptionalValue("jobrunner.data-dir", String.class).orElse("data");
    return embedded(Path.of(dataDir));
  }

  static DatabaseSettings embedded(Path dataDir) {
    Path file = dataDir.toAbsolutePath().normalize().resolve("jobrunner");
    // PostgreSQL mode: the scheduler's claims use INSERT ... ON CONFLICT DO NOTHING on both
    // databases. WRITE_DELAY=0: a commit reaches the file at once (H2 otherwise waits up to
    // 500 ms), so a claim or a 'running' record survives the process being killed right after
    // it; it also stops H2's background writer, whose housekeeping EmbeddedFileHousekeeping does
    // instead. DB_CLOSE_ON_EXIT=FALSE: H2's own shutdown hook would close the database while a
    // clean stop still writes the outcomes of its last calls; a process that exits unclosed loses
    // no committed data.
    return new DatabaseSettings(
        "jdbc:h2:file:" + file + ";MODE=PostgreSQL;WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE",
        "jobrunner",
        "");
  }

  public boolean isPostgres() {
    return url.startsWith("jdbc:postgresql:");
  }

  public DataSource open() {
    if (isPostgres()) {
      var postgres = new org.postgresql.ds.PGSimpleDataSource();
      // Bounded waits when the database is unreachable (the driver waits forever for an answer by
      // default); the URL's own parameters win.
      postgres.setConnectTimeout(5);
      postgres.setSocketTimeout(60);
      postgres.setURL(url);
      if (user != null) {
        postgres.setUser(user);
      }
      if (password != null) {
        postgres.setPassword(password);
      }
      return postgres;
    }
    if (url.startsWith("jdbc:h2:")) {
      var h2 = new org.h2.jdbcx.JdbcDataSource();
      h2.setURL(url);
      h2.setUser(user == null ? "" : user);
      h2.setPassword(password == null ? "" : password);
      return h2;
    }
    throw new IllegalStateException(
        "Unsupported JOBRUNNER_DB_URL (use jdbc:postgresql://host:port/db or leave it unset for the embedded database)");
  }

  /** The URL without credentials, for logs. */
  public String describe() {
    int query = url.indexOf('?');
    return query < 0 ? url : url.substring(0, query);
  }
}
