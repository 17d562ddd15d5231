package dev.jobrunner.storage;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.logging.Logger;
import org.h2.api.ErrorCode;

/**
 * Opens a connection, waiting while the embedded database's file is still held by another process.
 * A restart can start the new server before the old one has finished stopping (a supervisor's
 * restart, the next server of a test run); H2 refuses the file at once, and without this wait the
 * deployment fails. A second server really running on the same files still fails, after the wait.
 * PostgreSQL never gives this error.
 */
final class HeldDatabaseWait {
  private static final Logger LOG = Logger.getLogger(HeldDatabaseWait.class.getName());
  static final Duration LIMIT = Duration.ofSeconds(60);
  private static final Duration POLL = Duration.ofMillis(250);

  @FunctionalInterface
  interface Opening {
    Connection open() throws SQLException;
  }

  private HeldDatabaseWait() {}

  static Connection open(Opening opening, Duration limit) throws SQLException {
    Instant deadline = Instant.now().plus(limit);
    boolean told = false;
    while (true) {
      try {
        return opening.open();
      } catch (SQLException e) {
        if (e.getErrorCode() != ErrorCode.DATABASE_ALREADY_OPEN_1
            || !Instant.now().isBefore(deadline)) {
          throw e;
        }
        if (!told) {
          LOG.warning(
              () ->
                  "The embedded database is held by another process (a previous server still stopping?):"
                      + " waiting up to "
                      + limit.toSeconds()
                      + " s for it to be released");
          told = true;
        }
        try {
          Thread.sleep(POLL);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }
}
