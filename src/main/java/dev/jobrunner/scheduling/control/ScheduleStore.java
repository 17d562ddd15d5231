package dev.jobrunner.scheduling.control;

import dev.jobrunner.events.RunEnded;
import dev.jobrunner.jobs.entity.ScheduleTime;
import dev.jobrunner.runs.entity.RunStatus;
import dev.jobrunner.runs.entity.Trigger;
import dev.jobrunner.storage.JobRunnerDataSource;
import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * The scheduler's queries, in plain SQL because they are the hot path: which slots are in use,
 * which jobs are due in a slot, and the claims. A claim is an INSERT under the unique key (job_id,
 * scheduled_at) with ON CONFLICT DO NOTHING: whichever firing (retry, second timer, other instance)
 * inserts first claims the occurrence, and every later one finds it taken. A claim to be called is
 * queued ({@code queued_at}), owned by no instance until one takes it to send it ({@link
 * SendQueue}), or, for an occurrence's first calls, claimed as sending by the instance that sends
 * them at once ({@link #claimToSend}).
 */
@Stateless
public class ScheduleStore {
  private static final String CLAIM =
      "INSERT INTO job_run"
          + " (id, job_id, trigger_kind, scheduled_at, attempt, started_at, status, error, in_flight,"
          + " queued_at, owner, sent_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING";
  static final String SKIPPED =
      "Skipped: another run of this job was in flight (overlap_policy skip)";

  @Resource(lookup = JobRunnerDataSource.JNDI_NAME)
  DataSource db;

  /** Missed and skipped occurrences, told after the claims commit. */
  @Inject Event<RunEnded> runEnded;

  /** The slots some job uses: a few rows of the counts {@link SlotUse} keeps, not every time. */
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public List<Slot> slotsInUse() {
    String sql =
        "SELECT time_of_day, timezone FROM slot_use GROUP BY time_of_day, timezone"
            + " HAVING SUM(jobs) > 0";
    try (Connection c = db.getConnection();
        var query = c.prepareStatement(sql);
        var rows = query.executeQuery()) {
      return slots(rows);
    } catch (SQLException e) {
      throw new IllegalStateException("listing slots failed", e);
    }
  }

  /** Rows of (time of day, zone) as slots. */
  private static List<Slot> slots(java.sql.ResultSet rows) throws SQLException {
    List<Slot> slots = new ArrayList<>();
    while (rows.next()) {
      slots.add(
          new Slot(
              ScheduleTime.parse(rows.getString(1)).orElseThrow(), ZoneId.of(rows.getString(2))));
    }
    return slots;
  }

  /**
   * Jobs in this slot, not paused, active at {@code at} (created, resumed or rescheduled before
   * it), whose occurrence nobody has claimed yet.
   */
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public List<DueJob> unclaimed(Slot slot, Instant at) {
    return unclaimed(slot, at, Integer.MAX_VALUE);
  }

  /** At most {@code limit} of them: the first few of a burst, claimed before the rest is read. */
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public List<DueJob> unclaimed(Slot slot, Instant at, int limit) {
    String sql =
        "SELECT "
            + DueJob.COLUMNS
            + " FROM job_time t JOIN job j ON j.id = t.job_id"
            + " WHERE t.time_of_day = ? AND j.timezone = ? AND j.paused = FALSE AND j.active_since <= ?"
            + " AND NOT EXISTS (SELECT 1 FROM job_run r WHERE r.job_id = j.id AND r.scheduled_at = ?)"
            + " LIMIT ?";
    try (Connection c = db.getConnection();
        var query = c.prepareStatement(sql)) {
      query.setString(1, slot.time().toString());
      query.setString(2, slot.zone().getId());
      query.setLong(3, at.toEpochMilli());
      query.setLong(4, at.toEpochMilli());
      query.setInt(5, limit);
      List<DueJob> due = new ArrayList<>();
      try (var rows = query.executeQuery()) {
        while (rows.next()) {
          due.add(DueJob.read(rows));
        }
      }
      return due;
    } catch (SQLException e) {
      throw new IllegalStateException("finding due jobs failed", e);
    }
  }

  /**
   * Inserts the claims in one transaction and returns those this call won. {@code status} is {@code
   * RUNNING} for occurrences to be called (queued), {@code MISSED} for ones recorded but not
   * called. A running claim of a job whose overlap policy is skip also takes the job's in-flight
   * slot (a unique index); where that slot is held, the occurrence is recorded as {@code skipped}
   * instead.
   */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public List<Claim> claim(List<Claim> claims, RunStatus status, String error) {
    return claim(claims, status, error, null);
  }

  /**
   * Claims these as sending by {@code owner}, not queued: its sender calls them as soon as this
   * commits. Like a queued claim taken at once, in one transaction instead of two.
   */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public List<Claim> claimToSend(List<Claim> claims, String owner) {
    return claim(claims, RunStatus.RUNNING, null, owner);
  }

  private List<Claim> claim(List<Claim> claims, RunStatus status, String error, String owner) {
    if (claims.isEmpty()) {
      return List.of();
    }
    try (Connection c = db.getConnection()) {
      boolean queue = status == RunStatus.RUNNING;
      List<Claim> won = insert(c, claims, status, error, queue, queue, owner);
      if (!queue) {
        announce(won, status, error);
      }
      if (queue && won.size() < claims.size()) {
        List<Claim> lostOverlapping =
            claims.stream()
                .filter(claim -> claim.job().skipsOverlap() && !won.contains(claim))
                .toList();
        announce(
            insert(c, lostOverlapping, RunStatus.SKIPPED, SKIPPED, false, false, null),
            RunStatus.SKIPPED,
            SKIPPED);
      }
      return won;
    } catch (SQLException e) {
      throw new IllegalStateException("claiming occurrences failed", e);
    }
  }

  private void announce(List<Claim> recorded, RunStatus status, String why) {
    Instant now = Instant.now();
    recorded.forEach(
        claim ->
            runEnded.fire(
                RunEnded.notCalled(
                    claim.job().jobId(),
                    claim.runId(),
                    Trigger.SCHEDULE,
                    claim.scheduledAt(),
                    claim.attempt(),
                    now,
                    status,
                    why)));
  }

  private static List<Claim> insert(
      Connection c,
      List<Claim> claims,
      RunStatus status,
      String error,
      boolean takeInFlight,
      boolean queue,
      String owner)
      throws SQLException {
    if (claims.isEmpty()) {
      return List.of();
    }
    long now = Instant.now().toEpochMilli();
    try (var insert = c.prepareStatement(CLAIM)) {
      for (Claim claim : claims) {
        insert.setString(1, claim.runId());
        insert.setString(2, claim.job().jobId());
        insert.setString(3, Trigger.SCHEDULE.name());
        insert.setLong(4, claim.scheduledAt().toEpochMilli());
        insert.setInt(5, claim.attempt());
        insert.setLong(6, now);
        insert.setString(7, status.name());
        setNullable(insert, 8, error);
        setNullable(
            insert, 9, takeInFlight && claim.job().skipsOverlap() ? claim.job().jobId() : null);
        if (queue && owner == null) {
          // Due from its scheduled instant (a retry: from now), so the queue sends the oldest
          // first.
          insert.setLong(10, claim.attempt() == 1 ? claim.scheduledAt().toEpochMilli() : now);
        } else {
          insert.setNull(10, Types.BIGINT);
        }
        setNullable(insert, 11, owner);
        if (owner == null) {
          insert.setNull(12, Types.BIGINT);
        } else {
          insert.setLong(12, now);
        }
        insert.addBatch();
      }
      int[] inserted = insert.executeBatch();
      List<Claim> won = new ArrayList<>();
      for (int i = 0; i < inserted.length; i++) {
        if (inserted[i] > 0 || inserted[i] == java.sql.Statement.SUCCESS_NO_INFO) {
          won.add(claims.get(i));
        }
      }
      return won;
    }
  }

  private static void setNullable(java.sql.PreparedStatement statement, int index, String value)
      throws SQLException {
    if (value == null) {
      statement.setNull(index, Types.VARCHAR);
    } else {
      statement.setString(index, value);
    }
  }

  /** A run whose retry is due, with its job as it is now. */
  public record DueRetry(
      String runId, Instant scheduledAt, int attempt, boolean paused, DueJob job) {
    Claim previous() {
      return new Claim(runId, job, scheduledAt, attempt);
    }
  }

  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public List<DueRetry> dueRetries(Instant now, int limit) {
    String sql =
        "SELECT "
            + DueJob.COLUMNS
            + ", r.id, r.scheduled_at, r.attempt, j.paused"
            + " FROM job_run r JOIN job j ON j.id = r.job_id WHERE r.retry_at <= ? ORDER BY r.retry_at";
    try (Connection c = db.getConnection();
        var query = c.prepareStatement(sql)) {
      query.setLong(1, now.toEpochMilli());
      query.setMaxRows(limit);
      List<DueRetry> due = new ArrayList<>();
      try (var rows = query.executeQuery()) {
        while (rows.next()) {
          due.add(
              new DueRetry(
                  rows.getString(DueJob.COLUMN_COUNT + 1),
                  Instant.ofEpochMilli(rows.getLong(DueJob.COLUMN_COUNT + 2)),
                  rows.getInt(DueJob.COLUMN_COUNT + 3),
                  rows.getBoolean(DueJob.COLUMN_COUNT + 4),
                  DueJob.read(rows)));
        }
      }
      return due;
    } catch (SQLException e) {
      throw new IllegalStateException("finding due retries failed", e);
    }
  }

  /**
   * Takes a due retry: the previous attempt lets go of its retry time and in-flight slot, and the
   * next attempt is inserted, in one transaction. Whoever clears the retry time first wins; false
   * for the others.
   */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public boolean claimRetry(DueRetry retry, Claim next) {
    try (Connection c = db.getConnection()) {
      if (!letGo(c, retry.runId(), null)) {
        return false;
      }
      return !insert(c, List.of(next), RunStatus.RUNNING, null, true, true, null).isEmpty();
    } catch (SQLException e) {
      throw new IllegalStateException("claiming a retry failed", e);
    }
  }

  /** Drops a pending retry (its job was paused meanwhile). */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public void cancelRetry(DueRetry retry, String why) {
    try (Connection c = db.getConnection()) {
      letGo(c, retry.runId(), why);
    } catch (SQLException e) {
      throw new IllegalStateException("cancelling a retry failed", e);
    }
  }

  private static boolean letGo(Connection c, String runId, String why) throws SQLException {
    String sql =
        "UPDATE job_run SET retry_at = NULL, in_flight = NULL"
            + (why == null
                ? ""
                : ", error = CASE WHEN error IS NULL THEN ? ELSE error || '. ' || ? END")
            + " WHERE id = ? AND retry_at IS NOT NULL";
    try (var update = c.prepareStatement(sql)) {
      int i = 1;
      if (why != null) {
        update.setString(i++, why);
        update.setString(i++, why);
      }
      update.setString(i, runId);
      return update.executeUpdate() == 1;
    }
  }

  /** The job's times and zone, to know its next occurrence (null if the job is gone). */
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public List<Slot> slotsOf(String jobId) {
    String sql =
        "SELECT t.time_of_day, j.timezone FROM job_time t JOIN job j ON j.id = t.job_id WHERE j.id = ?";
    try (Connection c = db.getConnection();
        var query = c.prepareStatement(sql)) {
      query.setString(1, jobId);
      try (var rows = query.executeQuery()) {
        return slots(rows);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("reading a job's times failed", e);
    }
  }

  /** Whether any job still uses this slot (a timer whose slot is unused is cancelled). */
  public boolean inUse(Slot slot) {
    String sql = "SELECT SUM(jobs) FROM slot_use WHERE time_of_day = ? AND timezone = ?";
    try (Connection c = db.getConnection();
        var query = c.prepareStatement(sql)) {
      query.setString(1, slot.time().toString());
      query.setString(2, slot.zone().getId());
      try (var rows = query.executeQuery()) {
        return rows.next() && rows.getLong(1) > 0;
      }
    } catch (SQLException e) {
      throw new IllegalStateException("checking a slot failed", e);
    }
  }
}
