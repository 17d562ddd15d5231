package dev.jobrunner.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jobrunner.testing.Api;
import dev.jobrunner.testing.Clock;
import dev.jobrunner.testing.JobRows;
import dev.jobrunner.testing.PrivatePostgres;
import dev.jobrunner.testing.ServerProcess;
import dev.jobrunner.testing.ServerProcess.Grid;
import dev.jobrunner.testing.TargetServer;
import dev.jobrunner.testing.TargetServer.Received;
import dev.jobrunner.testing.TestTokens;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Two instances on one PostgreSQL, in one data grid (TCP/IP discovery on 127.0.0.1), started as an
 * operator starts them: one service. Each test leaves both running.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TwoInstancesIT {
  private static final int WORKERS = 64;
  private final String token = TestTokens.readWrite();
  private PrivatePostgres pg;
  private TargetServer target;
  private Connection db;
  private Grid grid;
  private final ServerProcess[] nodes = new ServerProcess[2];

  @BeforeAll
  void startTwoInstances() {
    pg = PrivatePostgres.start();
    target = TargetServer.start();
    db = pg.connect();
    grid = Grid.of(2);
    nodes[0] = launch(0);
    nodes[1] = launch(1);
    nodes[0].awaitReady(Duration.ofMinutes(3));
    nodes[1].awaitReady(Duration.ofMinutes(3));
  }

  @AfterAll
  void stopAll() throws SQLException {
    for (ServerProcess node : nodes) {
      if (node != null) {
        node.close();
      }
    }
    db.close();
    target.close();
    pg.close();
  }

  private ServerProcess launch(int index) {
    Map<String, String> env = new HashMap<>(pg.env());
    env.put(
        "JOBRUNNER_DATA_DIR", Path.of("target/it-data/two-" + index).toAbsolutePath().toString());
    env.put("JOBRUNNER_INSTANCE_NAME", "node-" + index);
    // A 200 ms call on a loaded machine must not time out: a second call here comes from a fault
    // only.
    env.put("JOBRUNNER_HTTP_TOTAL_TIMEOUT_MS", "30000");
    return ServerProcess.launch("two-" + index, env, grid.member(index));
  }

  private ServerProcess restart(int index) {
    nodes[index] = launch(index);
    nodes[index].awaitReady(Duration.ofMinutes(3));
    return nodes[index];
  }

  @Test
  void eachInstanceReadsWhatTheOtherWroteAtOnce() {
    Api a = nodes[0].api();
    Api b = nodes[1].api();
    String id =
        a.createOk(
            token,
            """
        {"title":"before","method":"GET","url":"%s","schedulation":["08:00"]}"""
                .formatted(target.url("/ok")));
    assertEquals("before", b.get(job(id), token).json().getString("title"));

    assertEquals(
        200,
        a.send(
                "PATCH",
                job(id),
                token,
                "application/merge-patch+json",
                "{\"jobrunner\":{\"title\":\"patched on a\"}}")
            .status());
    assertEquals(
        "patched on a",
        b.get(job(id), token).json().getString("title"),
        "GET on b after PATCH on a");
    assertTrue(
        b.list(token, "size=100").body().contains("\"patched on a\""),
        "list on b after PATCH on a");

    assertEquals(
        200,
        b.send(
                "PUT",
                job(id),
                token,
                "application/json",
                """
        {"jobrunner":{"title":"put on b","method":"POST","url":"%s","schedulation":["09:30"]}}"""
                    .formatted(target.url("/ok")))
            .status());
    var onA = a.get(job(id), token).json();
    assertEquals("put on b", onA.getString("title"), "GET on a after PUT on b");
    assertEquals("09:30", onA.getJsonArray("schedulation").getString(0));

    assertEquals(
        200,
        a.send("POST", "2026-02-01/job-runner/" + id + "/pause.json", token, null, null).status());
    assertTrue(b.get(job(id), token).json().getBoolean("paused"), "b sees the pause made on a");
    assertEquals(
        200,
        b.send("POST", "2026-02-01/job-runner/" + id + "/resume.json", token, null, null).status());
    assertEquals(
        false, a.get(job(id), token).json().getBoolean("paused"), "a sees the resume made on b");

    var key = a.createApiKeyOk(TestTokens.admin(), "two-instances", TestTokens.READ);
    assertEquals(
        200,
        b.getWithKey("2026-02-01/job-runner.json", key.key()).status(),
        "a key made on a works on b");
    assertEquals(200, a.revokeApiKey(TestTokens.admin(), key.id()).status());
    assertEquals(
        401,
        b.getWithKey("2026-02-01/job-runner.json", key.key()).status(),
        "b refuses a key revoked on a");

    assertEquals(200, b.delete(token, id).status());
    assertEquals(404, a.get(job(id), token).status(), "a sees the delete made on b");
  }

  @Test
  void aKilledInstancesWorkIsCalledByTheOtherWithinSeconds() {
    int burst = 1_900;
    Instant slot = Clock.minuteAtLeast(Duration.ofSeconds(10));
    List<String> jobs =
        JobRows.insert(db, burst, slot, target.url("/delay/200/kill"), "AT_LEAST_ONCE");
    Clock.sleepUntil(slot.plus(Duration.ofMillis(1_500)));
    nodes[0].kill();
    Instant death = Instant.now();
    Map<String, Integer> sentBeforeDeath = ownersOfSent(slot);

    assertTrue(
        Clock.await(Duration.ofSeconds(60), () -> JobRows.settled(db, slot, burst)),
        () -> "not settled: " + JobRows.statuses(db, slot));
    Deliveries calls = Deliveries.of(target.received(), "/delay/200/kill");
    assertTrue(
        jobs.stream().allMatch(job -> calls.calls(job) >= 1), "an occurrence was never called");
    assertTrue(calls.oneIdentityPerJob(), "a re-sent call did not carry its occurrence's identity");
    assertTrue(
        calls.duplicates() <= WORKERS,
        () -> "more duplicates than the dead instance's calls on the wire: " + calls.duplicates());
    Set<String> resent = CrashAndStopIT.interruptedJobs(db, slot);
    assertTrue(
        calls.byJob().keySet().stream()
            .filter(job -> calls.calls(job) > 1)
            .allMatch(resent::contains),
        "a call was doubled that was not sending when its instance died");
    Instant lastCall =
        jobs.stream()
            .map(job -> calls.of(job).getLast().at())
            .max(Instant::compareTo)
            .orElseThrow();
    Duration takeover = Duration.between(death, lastCall);
    assertTrue(
        takeover.compareTo(Duration.ofSeconds(20)) <= 0,
        "every occurrence of the dead instance is called within 20 s of its death: the last came after "
            + takeover);
    assertEquals(
        2, sentBeforeDeath.size(), "both instances took part in the burst: " + sentBeforeDeath);
    Instant firstResend =
        calls.byJob().values().stream()
            .filter(c -> c.size() > 1)
            .map(c -> c.get(1).at())
            .min(Instant::compareTo)
            .orElse(null);
    System.out.printf(
        "two instances, kill -9 at +1.5 s: sent before death by instance %s; %d duplicates;"
            + " first re-send %s ms after death; last call %d ms after death%n",
        sentBeforeDeath.values(),
        calls.duplicates(),
        firstResend == null ? "-" : String.valueOf(Duration.between(death, firstResend).toMillis()),
        takeover.toMillis());
    restart(0);
  }

  @Test
  void aRollingRestartMissesAndDoublesNothing() {
    int perSlot = 400;
    Instant first = Clock.minuteAtLeast(Duration.ofSeconds(10));
    Instant second = first.plus(Duration.ofMinutes(1));
    // Each occurrence fails once (503, Retry-After: 2) and then succeeds: retries fall due every
    // few seconds.
    List<String> jobs =
        new java.util.ArrayList<>(
            JobRows.insert(db, perSlot, first, target.url("/flaky-once/roll"), "AT_LEAST_ONCE", 1));
    jobs.addAll(
        JobRows.insert(db, perSlot, second, target.url("/flaky-once/roll"), "AT_LEAST_ONCE", 1));

    Clock.sleepUntil(first.plusSeconds(1));
    nodes[1].signalStop();
    assertTrue(nodes[1].awaitExit(Duration.ofSeconds(40)), "node 1 did not stop");
    restart(1);
    Clock.sleepUntil(second.plusSeconds(1));
    nodes[0].signalStop();
    assertTrue(nodes[0].awaitExit(Duration.ofSeconds(40)), "node 0 did not stop");
    restart(0);

    for (Instant slot : List.of(first, second)) {
      assertTrue(
          Clock.await(Duration.ofSeconds(60), () -> JobRows.settled(db, slot, perSlot)),
          () -> "not settled: " + JobRows.statuses(db, slot));
    }
    Deliveries calls = Deliveries.of(target.received(), "/flaky-once/roll");
    for (String job : jobs) {
      List<Received> made = calls.of(job);
      assertEquals(
          2,
          made.size(),
          () -> "job " + job + ": one failed call and one retry, no more, no less: " + made.size());
    }
    assertTrue(calls.oneIdentityPerJob(), "a retry did not carry its occurrence's identity");
  }

  private Map<String, Integer> ownersOfSent(Instant slot) {
    try (var query =
        db.prepareStatement(
            "SELECT owner, COUNT(*) FROM job_run WHERE scheduled_at = ? AND sent_at IS NOT NULL GROUP BY owner")) {
      query.setLong(1, slot.toEpochMilli());
      Map<String, Integer> owners = new HashMap<>();
      try (var rows = query.executeQuery()) {
        while (rows.next()) {
          owners.put(rows.getString(1), rows.getInt(2));
        }
      }
      return owners;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String job(String id) {
    return "2026-02-01/job-runner/" + id + ".json";
  }
}
