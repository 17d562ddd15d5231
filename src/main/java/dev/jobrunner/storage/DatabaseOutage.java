package dev.jobrunner.storage;

import jakarta.resource.ResourceException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * Tells a failure caused by the database being out of reach (stopped, restarting, unreachable, out
 * of connections) from any other, by its causes: a connection-class SQL state ({@code 08}:
 * connection exception, {@code 57P}: the server shutting down, {@code 53300}: too many
 * connections), the JDBC connection exceptions, or the container's pool failing to hand out a
 * connection.
 */
public final class DatabaseOutage {
  private DatabaseOutage() {}

  public static boolean causes(Throwable failure) {
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Throwable t = failure; t != null && seen.add(t); t = next(t)) {
      if (t instanceof SQLTransientConnectionException
          || t instanceof SQLNonTransientConnectionException
          || t instanceof ResourceException) {
        return true;
      }
      if (t instanceof SQLException sql && connectionState(sql.getSQLState())) {
        return true;
      }
      if (t instanceof SQLException sql
          && sql.getNextException() != null
          && causes(sql.getNextException())) {
        return true;
      }
    }
    return false;
  }

  private static Throwable next(Throwable t) {
    return t.getCause();
  }

  private static boolean connectionState(String state) {
    return state != null
        && (state.startsWith("08") || state.startsWith("57P") || state.equals("53300"));
  }
}
