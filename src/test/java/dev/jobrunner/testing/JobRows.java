package dev.jobrunner.testing;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Jobs written straight into a test's own PostgreSQL, thousands in a second, so that a fault test
 * spends its time on the fault and not on creating jobs (the API's create path has tests of its
 * own). Each job gets a path of its own under the target URL, so the target can tell the jobs
 * apart. Without a slot timer for them, the minute sweep dispatches them at the slot's second 0.
 */
public final class JobRows {
  private JobRows() {}

  /**
   * {@code count} jobs due daily at {@code slot} (UTC), calling {@code urlPrefix + "/" + id}, with
   * no retries (so a second call of an occurrence can only come from a fault); returns their ids.
   */
  public static List<String> insert(
      Connection db, int count, Instant slot, String urlPrefix, String deliveryGuarantee) {
    return insert(db, count, slot, urlPrefix, deliveryGuarantee, 0);
  }

  public static List<String> insert(
      Connection db,
      int count,
      Instant slot,
      String urlPrefix,
      String deliveryGuarantee,
      int retries) {
    return insert(db, count, slot, urlPrefix, true, "GET", deliveryGuarantee, retries);
  }

  /**
   * {@code count} jobs due daily at {@code slot} (UTC), each POSTing {@code {}} as JSON to exactly
   * {@code url} with the API's default delivery policy (at least once, 3 retries): the jobs a burst
   * benchmark creates through the API, written in a second. The target tells their calls apart by
   * the {@code Idempotency-Key}.
   */
  public static List<String> insertPosts(Connection db, int count, Instant slot, String url) {
    return insert(db, count, slot, url, false, "POST", "AT_LEAST_ONCE", 3);
  }

  private static List<String> insert(
      Connection db,
      int count,
      Instant slot,
      String url,
      boolean pathPerJob,
      String method,
      String deliveryGuarantee,
      int retries) {
    String time = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC).format(slot);
    List<String> ids = new ArrayList<>();
    try (var job =
            db.prepareStatement(
                "INSERT INTO job (id, title, method, url, content_type, body, created_at, version, active_since,"
                    + " delivery_guarantee, created_by, retries) VALUES (?, ?, ?, ?, ?, ?, 0, 1, 0, ?, 'fault-test', ?)");
        var times =
            db.prepareStatement(
                "INSERT INTO job_time (job_id, position, time_of_day) VALUES (?, 0, ?)")) {
      for (int i = 0; i < count; i++) {
        String id = UUID.randomUUID().toString().replace("-", "").substring(0, 24);
        ids.add(id);
        job.setString(1, id);
        job.setString(2, "fault test " + i);
        job.setString(3, method);
        job.setString(4, pathPerJob ? url + "/" + id : url);
        boolean post = method.equals("POST");
        job.setString(5, post ? "application/json" : null);
        job.setString(6, post ? "{}" : null);
        job.setString(7, deliveryGuarantee);
        job.setInt(8, retries);
        job.addBatch();
        times.setString(1, id);
        times.setString(2, time);
        times.addBatch();
      }
      job.executeBatch();
      times.executeBatch();
      // The list's count is the tally the service keeps with each create (JobTally), not COUNT(*).
      try (var tally =
          db.prepareStatement("UPDATE job_tally SET created = created + ? WHERE stripe = 0")) {
        tally.setInt(1, count);
        tally.executeUpdate();
      }
      recountSlots(db);
      if (!Instant.now().isBefore(slot.minusSeconds(2))) {
        // The minute sweep finds them at the slot's second 0 only if they are there by then.
        throw new IllegalStateException(
            "writing " + count + " jobs took too long for the slot " + slot);
      }
      return ids;
    } catch (SQLException e) {
      throw new IllegalStateException("inserting jobs failed", e);
    }
  }

  /**
   * Counts every job's slots again into {@code slot_use}, as the service keeps them with each
   * create (SlotUse), in one transaction: the dispatcher and the slot timers read the slots there.
   */
  public static void recountSlots(Connection db) throws SQLException {
    boolean autoCommit = db.getAutoCommit();
    db.setAutoCommit(false);
    try (var recount = db.createStatement()) {
      recount.executeUpdate("DELETE FROM slot_use");
      recount.executeUpdate(
          "INSERT INTO slot_use (time_of_day, timezone, stripe, jobs)"
              + " SELECT t.time_of_day, j.timezone, RIGHT(j.id, 1), COUNT(*)"
              + " FROM job_time t JOIN job j ON j.id = t.job_id"
              + " GROUP BY t.time_of_day, j.timezone, RIGHT(j.id, 1)");
      db.commit();
    } finally {
      db.setAutoCommit(autoCommit);
    }
  }

  /**
   * How many runs of the occurrences at {@code slot} are in each status (and retry waits, as
   * "retrying").
   */
  public static java.util.Map<String, Integer> statuses(Connection db, Instant slot) {
    var counts = new java.util.TreeMap<String, Integer>();
    try (var query =
        db.prepareStatement(
            "SELECT CASE WHEN retry_at IS NOT NULL THEN 'RETRYING' WHEN status = 'RUNNING' AND sent_at IS NULL"
                + " THEN 'QUEUED' ELSE status END, COUNT(*) FROM job_run WHERE scheduled_at = ? GROUP BY 1")) {
      query.setLong(1, slot.toEpochMilli());
      try (var rows = query.executeQuery()) {
        while (rows.next()) {
          counts.put(rows.getString(1), rows.getInt(2));
        }
      }
      return counts;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Whether every run of the occurrences at {@code slot} has ended, with no retry pending. */
  public static boolean settled(Connection db, Instant slot, int occurrences) {
    var counts = statuses(db, slot);
    int finals =
        counts.entrySet().stream()
            .filter(e -> !List.of("QUEUED", "RUNNING", "RETRYING").contains(e.getKey()))
            .mapToInt(java.util.Map.Entry::getValue)
            .sum();
    return !counts.containsKey("QUEUED")
        && !counts.containsKey("RUNNING")
        && !counts.containsKey("RETRYING")
        && finals >= occurrences;
  }
}
