package dev.jobrunner.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jobrunner.testing.Clock;
import dev.jobrunner.testing.JobRows;
import dev.jobrunner.testing.PrivatePostgres;
import dev.jobrunner.testing.ServerProcess;
import dev.jobrunner.testing.TargetServer;
import dev.jobrunner.testing.TestTokens;
import jakarta.json.JsonObject;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * One instance on PostgreSQL, with the default 64 workers and a target that answers in 200 ms, hit
 * by a burst of 3,000 calls due at one instant: first killed (SIGKILL) 3 s into the burst, then, on
 * its restart, stopped (SIGTERM) 3 s into a second burst. What a crash may cost is the calls that
 * were sending (at most the workers' count): re-sent with the same identity (at least once) or
 * recorded as interrupted (at most once). A clean stop costs nothing and doubles nothing.
 */
class CrashAndStopIT {
  private static final int BURST = 3_000;
  private static final int WORKERS = 64;

  @Test
  void aKillCostsOnlyTheCallsOnTheWireAndACleanStopCostsNothing() throws SQLException {
    try (var pg = PrivatePostgres.start();
        var target = TargetServer.start();
        Connection db = pg.connect()) {
      Map<String, String> env = new HashMap<>(pg.env());
      env.put(
          "JOBRUNNER_DATA_DIR",
          Path.of("target/it-data/crash-" + System.nanoTime()).toAbsolutePath().toString());
      env.put("JOBRUNNER_INSTANCE_NAME", "crash-node");
      // A 200 ms call on a loaded machine must not time out: a second call here comes from a fault
      // only.
      env.put("JOBRUNNER_HTTP_TOTAL_TIMEOUT_MS", "30000");

      ServerProcess first = ServerProcess.start("crash-1", env);
      Instant slot = Clock.minuteAtLeast(Duration.ofSeconds(10));
      // Written in alternating groups of 16: the queue keeps the order the claims were made in, so
      // the calls on the wire at the kill are of both guarantees.
      List<String> atLeastOnce = new ArrayList<>();
      List<String> atMostOnce = new ArrayList<>();
      for (int i = 0; i < BURST / 2; i += 16) {
        int group = Math.min(16, BURST / 2 - i);
        atLeastOnce.addAll(
            JobRows.insert(db, group, slot, target.url("/delay/200/alo"), "AT_LEAST_ONCE"));
        atMostOnce.addAll(
            JobRows.insert(db, group, slot, target.url("/delay/200/amo"), "AT_MOST_ONCE"));
      }
      Clock.sleepUntil(slot.plusSeconds(3));
      first.kill();
      Instant killed = Instant.now();
      int beforeCrash = target.received().size();
      assertTrue(
          beforeCrash > 0 && beforeCrash < BURST,
          "the kill must land mid-burst: " + beforeCrash + " calls made");

      ServerProcess second = ServerProcess.start("crash-2", env);
      assertTrue(
          Clock.await(Duration.ofSeconds(90), () -> JobRows.settled(db, slot, BURST)),
          () -> "not settled: " + JobRows.statuses(db, slot));
      Map<String, String> status = lastStatusByJob(db, slot);

      Deliveries alo = Deliveries.of(target.received(), "/delay/200/alo");
      assertTrue(
          atLeastOnce.stream().allMatch(job -> alo.calls(job) >= 1),
          "an at-least-once occurrence was never called");
      assertTrue(
          atLeastOnce.stream().allMatch(job -> "SUCCESS".equals(status.get(job))),
          "an at-least-once run did not end in success");
      assertTrue(alo.oneIdentityPerJob(), "a re-sent call did not carry its occurrence's identity");
      Set<String> resent = interruptedJobs(db, slot);
      assertTrue(
          alo.byJob().keySet().stream()
              .filter(job -> alo.calls(job) > 1)
              .allMatch(resent::contains),
          "a call was doubled that was not sending when the server died");
      assertTrue(
          alo.duplicates() <= WORKERS,
          "more duplicates than calls on the wire: " + alo.duplicates());

      Deliveries amo = Deliveries.of(target.received(), "/delay/200/amo");
      assertEquals(0, amo.duplicates(), "an at-most-once call was sent twice");
      List<String> notCalled = atMostOnce.stream().filter(job -> amo.calls(job) == 0).toList();
      assertTrue(
          notCalled.stream().allMatch(job -> "INTERRUPTED".equals(status.get(job))),
          "an at-most-once occurrence was neither called nor recorded as interrupted");
      long interruptedAmo =
          atMostOnce.stream().filter(job -> "INTERRUPTED".equals(status.get(job))).count();
      assertTrue(
          interruptedAmo <= WORKERS, "more interrupted than calls on the wire: " + interruptedAmo);
      assertTrue(
          interruptedAmo > 0 && alo.duplicates() > 0,
          "the kill must cut calls of both guarantees: "
              + interruptedAmo
              + " at-most-once interrupted, "
              + alo.duplicates()
              + " at-least-once re-sent");

      JsonObject late = lastRun(second, atLeastOnce.get(atLeastOnce.size() - 1));
      Instant lastCall = alo.of(atLeastOnce.get(atLeastOnce.size() - 1)).getLast().at();
      if (lastCall.isAfter(killed)) {
        assertTrue(
            late.getJsonNumber("lateness_ms").longValue()
                >= Duration.between(slot, killed).toMillis(),
            () -> "a call sent after the restart shows its real lateness: " + late);
      }
      System.out.printf(
          "kill -9 at +3 s: %d calls made before, %d re-sent duplicates, %d at-most-once interrupted"
              + " (%d never called)%n",
          beforeCrash, alo.duplicates(), interruptedAmo, notCalled.size());

      Instant slot2 = Clock.minuteAtLeast(Duration.ofSeconds(10));
      List<String> burst2 =
          JobRows.insert(db, BURST, slot2, target.url("/delay/200/term"), "AT_LEAST_ONCE");
      Clock.sleepUntil(slot2.plusSeconds(3));
      second.signalStop();
      Instant signalled = Instant.now();
      assertTrue(
          second.awaitExit(Duration.ofSeconds(40)),
          "the server did not stop within its drain time");
      Duration stopping = Duration.between(signalled, Instant.now());
      Deliveries stoppedServers = Deliveries.of(target.received(), "/delay/200/term");
      int beforeStop = stoppedServers.total();
      assertTrue(beforeStop < BURST, "the stop must land mid-burst: " + beforeStop + " calls made");
      assertEquals(Map.of(), sendingRuns(db, slot2), "a stopped server left calls in doubt");
      Set<String> calledBeforeStop = stoppedServers.byJob().keySet();
      String stoppedLog = second.log();
      List<String> unlogged =
          calledBeforeStop.stream()
              .filter(job -> !stoppedLog.contains("Run ended: job_id=" + job))
              .toList();
      // The JDK closes the log handlers at a stop while the server still writes outcomes.
      assertTrue(
          unlogged.isEmpty(),
          () ->
              unlogged.size()
                  + " of the "
                  + calledBeforeStop.size()
                  + " runs the stopped server made have no run line, e.g. job "
                  + unlogged.getFirst());
      assertTrue(stoppedLog.contains("Stopped cleanly in"), "the stop's own last line is missing");

      ServerProcess third = ServerProcess.start("crash-3", env);
      assertTrue(
          Clock.await(Duration.ofSeconds(90), () -> JobRows.settled(db, slot2, BURST)),
          () -> "not settled: " + JobRows.statuses(db, slot2));
      Deliveries term = Deliveries.of(target.received(), "/delay/200/term");
      assertTrue(
          burst2.stream().allMatch(job -> term.calls(job) == 1),
          () ->
              "after a clean stop every occurrence is called exactly once: "
                  + term.total()
                  + " calls for "
                  + BURST);
      System.out.printf(
          "SIGTERM at +3 s: %d calls made before, stopped in %d ms, 0 missing, 0 doubled%n",
          beforeStop, stopping.toMillis());
      third.stop();
    }
  }

  private static Map<String, String> lastStatusByJob(Connection db, Instant slot) {
    Map<String, String> status = new HashMap<>();
    try (var query =
        db.prepareStatement(
            "SELECT job_id, status FROM job_run WHERE scheduled_at = ? ORDER BY attempt")) {
      query.setLong(1, slot.toEpochMilli());
      try (var rows = query.executeQuery()) {
        while (rows.next()) {
          status.put(rows.getString(1), rows.getString(2));
        }
      }
      return status;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  static Set<String> interruptedJobs(Connection db, Instant slot) {
    try (var query =
        db.prepareStatement(
            "SELECT job_id FROM job_run WHERE scheduled_at = ? AND status = 'INTERRUPTED'")) {
      query.setLong(1, slot.toEpochMilli());
      try (var rows = query.executeQuery()) {
        Set<String> jobs = new java.util.HashSet<>();
        while (rows.next()) {
          jobs.add(rows.getString(1));
        }
        return jobs;
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Runs marked as sending and not ended, by owner. */
  static Map<String, Integer> sendingRuns(Connection db, Instant slot) {
    try (var query =
        db.prepareStatement(
            "SELECT owner, COUNT(*) FROM job_run WHERE scheduled_at = ? AND status = 'RUNNING' AND sent_at IS NOT NULL"
                + " GROUP BY owner")) {
      query.setLong(1, slot.toEpochMilli());
      try (var rows = query.executeQuery()) {
        Map<String, Integer> sending = new HashMap<>();
        while (rows.next()) {
          sending.put(rows.getString(1), rows.getInt(2));
        }
        return sending;
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static JsonObject lastRun(ServerProcess server, String jobId) {
    var runs =
        server
            .api()
            .get("2026-02-01/job-runner/" + jobId + "/runs.json", TestTokens.readWrite())
            .json()
            .getJsonArray("elements")
            .getValuesAs(JsonObject.class);
    return runs.getFirst();
  }

  static String describe(Map<String, Integer> counts) {
    return counts.entrySet().stream()
        .map(e -> e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining(", "));
  }
}
