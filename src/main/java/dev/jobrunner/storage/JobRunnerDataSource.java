package dev.jobrunner.storage;

import jakarta.annotation.sql.DataSourceDefinition;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The application's data source, declared here so the WAR needs nothing from the server. The
 * container pools and enlists its connections; which database they come from is decided by {@link
 * DatabaseSettings} (MicroProfile Config, so environment variables override the defaults).
 */
@DataSourceDefinition(
    name = JobRunnerDataSource.JNDI_NAME,
    className = "dev.jobrunner.storage.JobRunnerDataSource",
    // WildFly's pool refuses a data source class with no connection property: this one is that
    // property.
    description = "Job Runner: embedded H2 or PostgreSQL, chosen by MicroProfile Config",
    minPoolSize = 2,
    maxPoolSize = 64,
    transactional = true,
    // Payara's pool (ignored elsewhere): after the database restarts, one failed connection empties
    // the pool
    // of the dead ones, and a connection idle for a while is checked before it is handed out.
    properties = {
      "fish.payara.fail-all-connections=true",
      "fish.payara.is-connection-validation-required=true",
      "fish.payara.connection-validation-method=custom-validation",
      "fish.payara.validation-classname=org.glassfish.api.jdbc.validation.JDBC40ConnectionValidation",
      "fish.payara.validate-atmost-once-period-in-seconds=2"
    })
public class JobRunnerDataSource implements DataSource {
  public static final String JNDI_NAME = "java:app/jdbc/jobrunner";

  private volatile DataSource delegate;
  private int loginTimeout;
  private String description;

  private DataSource delegate() {
    DataSource current = delegate;
    if (current == null) {
      synchronized (this) {
        if (delegate == null) {
          delegate = DatabaseSettings.fromConfig().open();
        }
        current = delegate;
      }
    }
    return current;
  }

  @Override
  public Connection getConnection() throws SQLException {
    return HeldDatabaseWait.open(() -> delegate().getConnection(), HeldDatabaseWait.LIMIT);
  }

  /**
   * WildFly's pool asks with the annotation's user, none: the settings' own credentials apply then.
   */
  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    if (username == null || username.isEmpty()) {
      return getConnection();
    }
    return HeldDatabaseWait.open(
        () -> delegate().getConnection(username, password), HeldDatabaseWait.LIMIT);
  }

  public String getDescription() {
    return description;
  }

  public void setDescription(String description) {
    this.description = description;
  }

  @Override
  public PrintWriter getLogWriter() {
    return null;
  }

  @Override
  public void setLogWriter(PrintWriter out) {}

  @Override
  public void setLoginTimeout(int seconds) {
    loginTimeout = seconds;
  }

  @Override
  public int getLoginTimeout() {
    return loginTimeout;
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    throw new SQLFeatureNotSupportedException();
  }

  @Override
  public <T> T unwrap(Class<T> type) throws SQLException {
    if (type.isInstance(this)) {
      return type.cast(this);
    }
    return delegate().unwrap(type);
  }

  @Override
  public boolean isWrapperFor(Class<?> type) throws SQLException {
    return type.isInstance(this) || delegate().isWrapperFor(type);
  }
}
