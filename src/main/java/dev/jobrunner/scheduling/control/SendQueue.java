package dev.jobrunner.scheduling.control;

import dev.jobrunner.storage.DatabaseSettings;
import dev.jobrunner.storage.JobRunnerDataSource;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javax.sql.DataSource;

/**
 * The queue of claimed occurrences waiting to be sent, kept in the database: a claimed run row with
 * {@code queued_at} set and no owner. Taking from it marks a batch as sending, with its owner and
 * the time, in one transaction, before any of the batch's requests leaves: from then on those calls
 * may have reached their targets. Oldest first. On PostgreSQL the rows are locked with {@code SKIP
 * LOCKED}, so instances taking at once each get different rows, as many as they have free workers:
 * the work is shared by capacity, and two instances drain a burst faster than one.
 */
@ApplicationScoped
public class SendQueue {
  /**
   * Queued: {@code queued_at >= 0} rather than {@code IS NOT NULL}, which H2 cannot seek in the
   * index: it walked every sent run's NULL entry first, so each take cost more as history grew
   * (10,000 entries read to find 14).
   */
  private static final String QUEUED = "queued_at >= 0";

  private static final String WAITING =
      "SELECT "
          + DueJob.COLUMNS
          + ", r.id, r.scheduled_at, r.attempt"
          + " FROM job_run r JOIN job j ON j.id = r.job_id"
          + " WHERE r."
          + QUEUED
          + " ORDER BY r.queued_at, r.id";

  @Resource(lookup = JobRunnerDataSource.JNDI_NAME)
  DataSource db;

  private String take;

  @PostConstruct
  void start() {
    // One process at a time opens the embedded database, and one thread per process takes: no lock
    // needed.
    take =
        WAITING
            + " LIMIT ?"
            + (DatabaseSettings.fromConfig().isPostgres() ? " FOR UPDATE OF r SKIP LOCKED" : "");
  }

  /** Claimed calls waiting to be sent, by any instance: the service's backlog. */
  public long backlog() {
    try (Connection c = db.getConnection();
        var query = c.prepareStatement("SELECT COUNT(*) FROM job_run WHERE " + QUEUED);
        var row = query.executeQuery()) {
      row.next();
      return row.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException("counting queued runs failed", e);
    }
  }

  /**
   * Takes up to {@code max} queued runs for {@code owner}, marked as sending now, in {@code c}'s
   * transaction: they are taken once it commits.
   */
  public List<Claim> takeIn(Connection c, String owner, int max) throws SQLException {
    List<Claim> taken = select(c, max);
    if (!taken.isEmpty()) {
      markSending(c, taken, owner, Instant.now());
    }
    return taken;
  }

  private List<Claim> select(Connection c, int max) throws SQLException {
    try (var query = c.prepareStatement(take)) {
      query.setInt(1, max);
      List<Claim> taken = new ArrayList<>();
      try (var rows = query.executeQuery()) {
        while (rows.next()) {
          int n = DueJob.COLUMN_COUNT;
          taken.add(
              new Claim(
                  rows.getString(n + 1),
                  DueJob.read(rows),
                  Instant.ofEpochMilli(rows.getLong(n + 2)),
                  rows.getInt(n + 3)));
        }
      }
      return taken;
    }
  }

  private static void markSending(Connection c, List<Claim> taken, String owner, Instant now)
      throws SQLException {
    // started_at stays the claim's until the outcome sets the call's: two fewer index entries to
    // move per run (history and status) on the hot path.
    String sql =
        "UPDATE job_run SET queued_at = NULL, owner = ?, sent_at = ? WHERE id IN ("
            + String.join(", ", Collections.nCopies(taken.size(), "?"))
            + ")";
    try (var update = c.prepareStatement(sql)) {
      update.setString(1, owner);
      update.setLong(2, now.toEpochMilli());
      for (int i = 0; i < taken.size(); i++) {
        update.setString(3 + i, taken.get(i).runId());
      }
      update.executeUpdate();
    }
  }
}
