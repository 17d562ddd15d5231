package dev.jobrunner.scheduling.control;

import dev.jobrunner.jobs.entity.MissedRunPolicy;
import dev.jobrunner.jobs.entity.ScheduleTime;
import dev.jobrunner.runs.entity.RunStatus;
import dev.jobrunner.runs.entity.Trigger;
import dev.jobrunner.storage.JobRunnerDataSource;
import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.net.URI;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * The scheduler's queries, in plain SQL because they are the hot path: which slots are in use, which jobs
 * are due in a slot, and the claims. A claim is an INSERT under the unique key (job_id, scheduled_at) with
 * ON CONFLICT DO NOTHING: whichever firing (retry, second timer, other instance) inserts first owns the
 * occurrence, and every later one finds it taken.
 */
@Stateless
public class ScheduleStore {
  private static final String CLAIM =
      "INSERT INTO job_run (id, job_id, trigger_kind, scheduled_at, started_at, status, error)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING";

  @Resource(lookup = JobRunnerDataSource.JNDI_NAME)
  DataSource db;

  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public List<Slot> slotsInUse() {
    String sql = "SELECT DISTINCT t.time_of_day, j.timezone FROM job_time t JOIN job j ON j.id = t.job_id";
    try (Connection c = db.getConnection();
        var query = c.prepareStatement(sql);
        var rows = query.executeQuery()) {
      List<Slot> slots = new ArrayList<>();
      while (rows.next()) {
        slots.add(new Slot(ScheduleTime.parse(rows.getString(1)).orElseThrow(), ZoneId.of(rows.getString(2))));
      }
      return slots;
    } catch (SQLException e) {
      throw new IllegalStateException("listing slots failed", e);
    }
  }

  /** Jobs in this slot that existed at {@code at} and whose occurrence nobody has claimed yet. */
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public List<DueJob> unclaimed(Slot slot, Instant at) {
    String sql =
        "SELECT j.id, j.method, j.url, j.content_type, j.body, j.missed_run_policy"
            + " FROM job_time t JOIN job j ON j.id = t.job_id"
            + " WHERE t.time_of_day = ? AND j.timezone = ? AND j.created_at <= ?"
            + " AND NOT EXISTS (SELECT 1 FROM job_run r WHERE r.job_id = j.id AND r.scheduled_at = ?)";
    try (Connection c = db.getConnection();
        var query = c.prepareStatement(sql)) {
      query.setString(1, slot.time().toString());
      query.setString(2, slot.zone().getId());
      query.setLong(3, at.toEpochMilli());
      query.setLong(4, at.toEpochMilli());
      List<DueJob> due = new ArrayList<>();
      try (var rows = query.executeQuery()) {
        while (rows.next()) {
          due.add(
              new DueJob(
                  rows.getString(1),
                  rows.getString(2),
                  URI.create(rows.getString(3)),
                  rows.getString(4),
                  rows.getString(5),
                  MissedRunPolicy.valueOf(rows.getString(6))));
        }
      }
      return due;
    } catch (SQLException e) {
      throw new IllegalStateException("finding due jobs failed", e);
    }
  }

  /**
   * Inserts the claims in one transaction and returns those this call won. {@code status} is
   * {@code RUNNING} for occurrences about to be called, {@code MISSED} for ones recorded but not called.
   */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public List<Claim> claim(List<Claim> claims, RunStatus status, String error) {
    if (claims.isEmpty()) {
      return List.of();
    }
    long now = Instant.now().toEpochMilli();
    try (Connection c = db.getConnection();
        var insert = c.prepareStatement(CLAIM)) {
      for (Claim claim : claims) {
        insert.setString(1, claim.runId());
        insert.setString(2, claim.job().jobId());
        insert.setString(3, Trigger.SCHEDULE.name());
        insert.setLong(4, claim.scheduledAt().toEpochMilli());
        insert.setLong(5, now);
        insert.setString(6, status.name());
        if (error == null) {
          insert.setNull(7, Types.VARCHAR);
        } else {
          insert.setString(7, error);
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
    } catch (SQLException e) {
      throw new IllegalStateException("claiming occurrences failed", e);
    }
  }

  /** Whether any job still uses this slot (a timer whose slot is unused is cancelled). */
  public boolean inUse(Slot slot) {
    String sql =
        "SELECT 1 FROM job_time t JOIN job j ON j.id = t.job_id WHERE t.time_of_day = ? AND j.timezone = ?";
    try (Connection c = db.getConnection();
        var query = c.prepareStatement(sql)) {
      query.setString(1, slot.time().toString());
      query.setString(2, slot.zone().getId());
      query.setMaxRows(1);
      try (var rows = query.executeQuery()) {
        return rows.next();
      }
    } catch (SQLException e) {
      throw new IllegalStateException("checking a slot failed", e);
    }
  }
}
