package dev.jobrunner.idempotency;

import dev.jobrunner.storage.JobRunnerDataSource;
import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import javax.sql.DataSource;

/**
 * Idempotency-Key records: the first request with a key reserves it (an INSERT under the primary
 * key, so the database decides between concurrent twins), its answer is stored when it completes,
 * and later requests with the key get that answer back. A reservation whose request died without
 * answering is taken over after {@link #ABANDONED_AFTER}.
 */
@Stateless
public class IdempotencyRecords {
  static final Duration ABANDONED_AFTER = Duration.ofMinutes(10);

  /** How long a key is remembered, as Stripe does. */
  public static final Duration KEPT_FOR = Duration.ofHours(24);

  @Resource(lookup = JobRunnerDataSource.JNDI_NAME)
  DataSource db;

  /** What to do with a request that carries a key. */
  public sealed interface Decision {
    /**
     * The key was free and is now reserved: handle the request, then {@link #complete} or {@link
     * #release}.
     */
    record Proceed() implements Decision {}

    record Replay(int status, String body, String location) implements Decision {}

    record StillRunning() implements Decision {}

    record OtherRequest() implements Decision {}
  }

  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public Decision reserve(String scope, IdempotencyKey key, String fingerprint) {
    long now = Instant.now().toEpochMilli();
    try (Connection c = db.getConnection()) {
      try (var insert =
          c.prepareStatement(
              "INSERT INTO idempotency_record (scope, idem_key, fingerprint, created_at) VALUES (?, ?, ?, ?)"
                  + " ON CONFLICT DO NOTHING")) {
        insert.setString(1, scope);
        insert.setString(2, key.value());
        insert.setString(3, fingerprint);
        insert.setLong(4, now);
        if (insert.executeUpdate() == 1) {
          return new Decision.Proceed();
        }
      }
      try (var select =
          c.prepareStatement(
              "SELECT fingerprint, response_status, response_body, location, created_at FROM idempotency_record"
                  + " WHERE scope = ? AND idem_key = ?")) {
        select.setString(1, scope);
        select.setString(2, key.value());
        try (var row = select.executeQuery()) {
          if (!row.next()) {
            return new Decision
                .StillRunning(); // released between our insert and select: the client retries
          }
          if (!row.getString(1).equals(fingerprint)) {
            return new Decision.OtherRequest();
          }
          int status = row.getInt(2);
          if (!row.wasNull()) {
            return new Decision.Replay(status, row.getString(3), row.getString(4));
          }
          long reservedAt = row.getLong(5);
          if (now - reservedAt > ABANDONED_AFTER.toMillis()
              && takeOver(c, scope, key, reservedAt, now)) {
            return new Decision.Proceed();
          }
          return new Decision.StillRunning();
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("reserving an idempotency key failed", e);
    }
  }

  private static boolean takeOver(
      Connection c, String scope, IdempotencyKey key, long reservedAt, long now)
      throws SQLException {
    try (var update =
        c.prepareStatement(
            "UPDATE idempotency_record SET created_at = ? WHERE scope = ? AND idem_key = ? AND created_at = ?"
                + " AND response_status IS NULL")) {
      update.setLong(1, now);
      update.setString(2, scope);
      update.setString(3, key.value());
      update.setLong(4, reservedAt);
      return update.executeUpdate() == 1;
    }
  }

  /**
   * Stores the answer; joins the caller's transaction, so a create and its record commit together.
   */
  public void complete(String scope, IdempotencyKey key, int status, String body, String location) {
    try (Connection c = db.getConnection();
        var update =
            c.prepareStatement(
                "UPDATE idempotency_record SET response_status = ?, response_body = ?, location = ?"
                    + " WHERE scope = ? AND idem_key = ?")) {
      update.setInt(1, status);
      update.setString(2, body);
      update.setString(3, location);
      update.setString(4, scope);
      update.setString(5, key.value());
      update.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("storing an idempotent answer failed", e);
    }
  }

  /**
   * Frees the key of a request that was refused, so that a corrected retry with the same key can
   * proceed.
   */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public void release(String scope, IdempotencyKey key) {
    try (Connection c = db.getConnection();
        var delete =
            c.prepareStatement(
                "DELETE FROM idempotency_record WHERE scope = ? AND idem_key = ? AND response_status IS NULL")) {
      delete.setString(1, scope);
      delete.setString(2, key.value());
      delete.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("releasing an idempotency key failed", e);
    }
  }

  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public int pruneOlderThan(Instant before) {
    try (Connection c = db.getConnection();
        var delete = c.prepareStatement("DELETE FROM idempotency_record WHERE created_at < ?")) {
      delete.setLong(1, before.toEpochMilli());
      return delete.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("pruning idempotency keys failed", e);
    }
  }
}
