package dev.jobrunner.cluster.control;

import dev.jobrunner.events.CallResent;
import dev.jobrunner.events.RunEnded;
import dev.jobrunner.runs.entity.RunStatus;
import dev.jobrunner.runs.entity.Trigger;
import dev.jobrunner.storage.JobRunnerDataSource;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Settles the runs that an instance no longer alive was sending. Runs it had not sent are not here:
 * they stay queued, owned by no one, and any live instance sends them. A run that was sending may
 * have reached its target, so its job's delivery guarantee decides: {@code at_least_once} records
 * it as interrupted and sends the occurrence again at once as its next attempt (the retry path:
 * same identity, the in-flight slot passed on); {@code at_most_once} records it as interrupted and
 * stops there. Manual runs are never sent again: their caller saw the failure and decides. Each
 * update is guarded by the run still {@code running}, so settling twice, or from two instances,
 * changes nothing the second time.
 */
@ApplicationScoped
public class OrphanedRuns {
  private static final Logger LOG = Logger.getLogger(OrphanedRuns.class.getName());
  static final String MANUAL =
      "Interrupted: the server running it stopped before the call ended; not re-sent";
  static final String AT_MOST_ONCE =
      "Interrupted: the server sending it stopped before the call ended; not re-sent (delivery_guarantee at_most_once)";
  static final String AT_LEAST_ONCE =
      "Interrupted: the server sending it stopped before the call ended; sent again (delivery_guarantee at_least_once)";

  @Resource(lookup = JobRunnerDataSource.JNDI_NAME)
  DataSource db;

  /** Told after the settlement commits: metrics, run log lines, alerts. */
  @Inject Event<RunEnded> runEnded;

  @Inject Event<CallResent> resentCalls;

  /** A run being settled, as read before it is. */
  private record Orphan(
      String runId,
      String jobId,
      Trigger trigger,
      Instant scheduledAt,
      int attempt,
      Instant startedAt,
      boolean atMostOnce) {
    boolean resent() {
      return trigger == Trigger.SCHEDULE && !atMostOnce;
    }

    String why() {
      return trigger == Trigger.MANUAL ? MANUAL : atMostOnce ? AT_MOST_ONCE : AT_LEAST_ONCE;
    }
  }

  /** What settling one instance's runs did. */
  public record Settled(String owner, int resent, int interrupted) {
    public int total() {
      return resent + interrupted;
    }
  }

  /** Settles the running runs of every owner that is not a live instance. */
  public List<Settled> settleAll(Instant now) {
    List<Settled> settled = new ArrayList<>();
    for (String owner : orphanOwners()) {
      Settled one = settle(owner, now);
      if (one.total() > 0) {
        LOG.warning(
            () ->
                "Instance "
                    + owner
                    + " is gone: "
                    + one.resent()
                    + " calls it was sending are sent again, "
                    + one.interrupted()
                    + " recorded as interrupted");
        settled.add(one);
      }
    }
    return settled;
  }

  private List<String> orphanOwners() {
    String sql =
        "SELECT DISTINCT r.owner FROM job_run r WHERE r.status = 'RUNNING' AND r.owner IS NOT NULL"
            + " AND NOT EXISTS (SELECT 1 FROM scheduler_instance i WHERE i.id = r.owner AND i.state = 'LIVE')";
    try (Connection c = db.getConnection();
        var query = c.prepareStatement(sql);
        var rows = query.executeQuery()) {
      List<String> owners = new ArrayList<>();
      while (rows.next()) {
        owners.add(rows.getString(1));
      }
      return owners;
    } catch (SQLException e) {
      throw new IllegalStateException("finding orphaned runs failed", e);
    }
  }

  /**
   * In one transaction: manual runs, then at-most-once jobs' runs, then the rest (at least once).
   */
  public Settled settle(String owner, Instant now) {
    String running = " WHERE owner = ? AND status = 'RUNNING'";
    List<Orphan> orphans;
    Settled settled;
    try (Connection c = db.getConnection()) {
      c.setAutoCommit(false);
      orphans = orphans(c, owner);
      int interrupted =
          update(
              c,
              "UPDATE job_run SET status = 'INTERRUPTED', error = ?, in_flight = NULL"
                  + running
                  + " AND trigger_kind = 'MANUAL'",
              MANUAL,
              owner);
      interrupted +=
          update(
              c,
              "UPDATE job_run SET status = 'INTERRUPTED', error = ?, in_flight = NULL"
                  + running
                  + " AND job_id IN (SELECT id FROM job WHERE delivery_guarantee = 'AT_MOST_ONCE')",
              AT_MOST_ONCE,
              owner);
      // Due at once on the retry path, which inserts the next attempt as queued and hands over
      // in_flight.
      int resent;
      try (var resend =
          c.prepareStatement(
              "UPDATE job_run SET status = 'INTERRUPTED', error = ?, retry_at = ?" + running)) {
        resend.setString(1, AT_LEAST_ONCE);
        resend.setLong(2, now.toEpochMilli());
        resend.setString(3, owner);
        resent = resend.executeUpdate();
      }
      c.commit();
      settled = new Settled(owner, resent, interrupted);
    } catch (SQLException e) {
      throw new IllegalStateException("settling the runs of instance " + owner + " failed", e);
    }
    for (Orphan orphan : orphans) {
      runEnded.fire(
          RunEnded.notCalled(
              orphan.jobId(),
              orphan.runId(),
              orphan.trigger(),
              orphan.scheduledAt(),
              orphan.attempt(),
              orphan.startedAt(),
              RunStatus.INTERRUPTED,
              orphan.why()));
      if (orphan.resent()) {
        resentCalls.fire(
            new CallResent(
                orphan.jobId(),
                orphan.runId(),
                orphan.scheduledAt(),
                orphan.attempt() + 1,
                orphan.why()));
      }
    }
    return settled;
  }

  /**
   * The owner's running runs, locked until the settlement commits (a second settler then finds
   * none).
   */
  private static List<Orphan> orphans(Connection c, String owner) throws SQLException {
    String sql =
        "SELECT id, job_id, trigger_kind, scheduled_at, attempt, started_at FROM job_run"
            + " WHERE owner = ? AND status = 'RUNNING' FOR UPDATE";
    String atMostOnce = "SELECT 1 FROM job WHERE id = ? AND delivery_guarantee = 'AT_MOST_ONCE'";
    try (var query = c.prepareStatement(sql);
        var guarantee = c.prepareStatement(atMostOnce)) {
      query.setString(1, owner);
      List<Orphan> orphans = new ArrayList<>();
      try (var rows = query.executeQuery()) {
        while (rows.next()) {
          long scheduled = rows.getLong(4);
          Instant scheduledAt = rows.wasNull() ? null : Instant.ofEpochMilli(scheduled);
          String jobId = rows.getString(2);
          guarantee.setString(1, jobId);
          boolean mostOnce;
          try (var found = guarantee.executeQuery()) {
            mostOnce = found.next();
          }
          orphans.add(
              new Orphan(
                  rows.getString(1),
                  jobId,
                  Trigger.valueOf(rows.getString(3)),
                  scheduledAt,
                  rows.getInt(5),
                  Instant.ofEpochMilli(rows.getLong(6)),
                  mostOnce));
        }
      }
      return orphans;
    }
  }

  private static int update(Connection c, String sql, String error, String owner)
      throws SQLException {
    try (var update = c.prepareStatement(sql)) {
      update.setString(1, error);
      update.setString(2, owner);
      return update.executeUpdate();
    }
  }
}
