package dev.jobrunner.scheduling.control;

import dev.jobrunner.storage.JobRunnerDataSource;
import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import javax.sql.DataSource;

/**
 * Up to when occurrences have been dispatched, kept in the database: after downtime, a dispatch
 * starts from here and so sees every occurrence that passed meanwhile. It only moves forward,
 * whoever moves it.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class Watermark {
  private static final String NAME = "slots";

  @Resource(lookup = JobRunnerDataSource.JNDI_NAME)
  DataSource db;

  /** The recorded instant; on a fresh database, {@code initial} is recorded and returned. */
  public Instant dispatchedUntil(Instant initial) {
    try (Connection c = db.getConnection()) {
      try (var insert =
          c.prepareStatement(
              "INSERT INTO scheduler_state (name, dispatched_until) VALUES (?, ?) ON CONFLICT DO NOTHING")) {
        insert.setString(1, NAME);
        insert.setLong(2, initial.toEpochMilli());
        insert.executeUpdate();
      }
      try (var select =
          c.prepareStatement("SELECT dispatched_until FROM scheduler_state WHERE name = ?")) {
        select.setString(1, NAME);
        try (var row = select.executeQuery()) {
          row.next();
          return Instant.ofEpochMilli(row.getLong(1));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("reading the dispatch watermark failed", e);
    }
  }

  public void advanceTo(Instant until) {
    try (Connection c = db.getConnection();
        var update =
            c.prepareStatement(
                "UPDATE scheduler_state SET dispatched_until = ? WHERE name = ? AND dispatched_until < ?")) {
      update.setLong(1, until.toEpochMilli());
      update.setString(2, NAME);
      update.setLong(3, until.toEpochMilli());
      update.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("moving the dispatch watermark failed", e);
    }
  }
}
