package dev.jobrunner.cluster.control;

import dev.jobrunner.storage.JobRunnerDataSource;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The {@code scheduler_instance} table: each instance registers, beats, and ends its row as
 * stopped; a live instance declares a silent one dead. Every change is a compare-and-set on the
 * row's state (and beat count), so two instances deciding at once decide once.
 */
@ApplicationScoped
public class InstanceRegistry {
  static final String LIVE = "LIVE";
  static final String DEAD = "DEAD";
  static final String STOPPED = "STOPPED";

  @Resource(lookup = JobRunnerDataSource.JNDI_NAME)
  DataSource db;

  public void register(String id, String name, Optional<String> gridMember, Instant now) {
    String sql =
        "INSERT INTO scheduler_instance (id, name, state, started_at, heartbeat_at, beats, grid_member)"
            + " VALUES (?, ?, ?, ?, ?, 0, ?)";
    try (Connection c = db.getConnection();
        var insert = c.prepareStatement(sql)) {
      insert.setString(1, id);
      insert.setString(2, name);
      insert.setString(3, LIVE);
      insert.setLong(4, now.toEpochMilli());
      insert.setLong(5, now.toEpochMilli());
      if (gridMember.isPresent()) {
        insert.setString(6, gridMember.get());
      } else {
        insert.setNull(6, Types.VARCHAR);
      }
      insert.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("registering this instance failed", e);
    }
  }

  /** One beat; false when the row is no longer live (another instance declared this one dead). */
  public boolean beat(String id, Instant now) {
    return update(
            "UPDATE scheduler_instance SET heartbeat_at = ?, beats = beats + 1 WHERE id = ? AND state = ?",
            now.toEpochMilli(),
            id,
            LIVE)
        == 1;
  }

  public List<InstanceBeat> live() {
    String sql = "SELECT id, name, beats, grid_member FROM scheduler_instance WHERE state = ?";
    try (Connection c = db.getConnection();
        var query = c.prepareStatement(sql)) {
      query.setString(1, LIVE);
      List<InstanceBeat> live = new ArrayList<>();
      try (var rows = query.executeQuery()) {
        while (rows.next()) {
          live.add(
              new InstanceBeat(
                  rows.getString(1),
                  rows.getString(2),
                  rows.getLong(3),
                  Optional.ofNullable(rows.getString(4))));
        }
      }
      return live;
    } catch (SQLException e) {
      throw new IllegalStateException("reading the live instances failed", e);
    }
  }

  /**
   * Declares a lapsed instance dead, unless it beat since it was read; true for the one that
   * declared it.
   */
  public boolean declareDead(InstanceBeat lapsed, Instant now) {
    return update(
            "UPDATE scheduler_instance SET state = ?, ended_at = ? WHERE id = ? AND state = ? AND beats = ?",
            DEAD,
            now.toEpochMilli(),
            lapsed.id(),
            LIVE,
            lapsed.beats())
        == 1;
  }

  /**
   * Declares dead the live rows that cannot be running any more: earlier runs of this instance's
   * name (a restart; names are unique among running instances), or, on the embedded database, which
   * one process alone can open, every other one. Returns how many.
   */
  public int endPredecessors(String id, Optional<String> name, boolean soleProcess, Instant now) {
    if (soleProcess) {
      return update(
          "UPDATE scheduler_instance SET state = ?, ended_at = ? WHERE state = ? AND id <> ?",
          DEAD,
          now.toEpochMilli(),
          LIVE,
          id);
    }
    if (name.isEmpty()) {
      return 0;
    }
    return update(
        "UPDATE scheduler_instance SET state = ?, ended_at = ? WHERE state = ? AND id <> ? AND name = ?",
        DEAD,
        now.toEpochMilli(),
        LIVE,
        id,
        name.get());
  }

  /** A clean stop: the row ends, so nobody waits for its beats to lapse. */
  public void stopped(String id, Instant now) {
    update(
        "UPDATE scheduler_instance SET state = ?, ended_at = ? WHERE id = ? AND state = ?",
        STOPPED,
        now.toEpochMilli(),
        id,
        LIVE);
  }

  /** Forgets instances that ended before {@code before} and own no run any more. */
  public int prune(Instant before) {
    return update(
        "DELETE FROM scheduler_instance WHERE state <> ? AND ended_at < ?"
            + " AND NOT EXISTS (SELECT 1 FROM job_run r WHERE r.owner = scheduler_instance.id AND r.status = 'RUNNING')",
        LIVE,
        before.toEpochMilli());
  }

  private int update(String sql, Object... parameters) {
    try (Connection c = db.getConnection();
        var update = c.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        update.setObject(i + 1, parameters[i]);
      }
      return update.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("updating the instance registry failed", e);
    }
  }
}
