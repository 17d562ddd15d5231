package dev.jobrunner.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jobrunner.testing.Api;
import dev.jobrunner.testing.Clock;
import dev.jobrunner.testing.JobRows;
import dev.jobrunner.testing.PrivatePostgres;
import dev.jobrunner.testing.ServerProcess;
import dev.jobrunner.testing.TargetServer;
import dev.jobrunner.testing.TestTokens;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL stopped for 30 s while calls are on the wire and across a slot. The service stays up
 * and answers 503 with a JSON error; the outcomes of the calls that ended meanwhile are kept and
 * written on the database's return; what fell due meanwhile runs within 10 s of its return; nothing
 * is doubled.
 */
class DatabaseOutageIT {
  private static final Duration OUTAGE = Duration.ofSeconds(30);

  @Test
  void thirtySecondsWithoutTheDatabaseLoseAndDoubleNothing() throws Exception {
    try (var pg = PrivatePostgres.start();
        var target = TargetServer.start();
        Connection db = pg.connect()) {
      Map<String, String> env = new HashMap<>(pg.env());
      env.put(
          "JOBRUNNER_DATA_DIR",
          Path.of("target/it-data/outage-" + System.nanoTime()).toAbsolutePath().toString());
      env.put("JOBRUNNER_INSTANCE_NAME", "outage-node");
      // The slow calls below last 50 s: through the outage's start and past it.
      env.put("JOBRUNNER_HTTP_TOTAL_TIMEOUT_MS", "70000");
      try (ServerProcess server = ServerProcess.start("outage", env)) {
        Api api = server.api();
        String token = TestTokens.readWrite();
        Instant burst = Clock.minuteAtLeast(Duration.ofSeconds(10));
        Instant dueDuringOutage = burst.plus(Duration.ofMinutes(1));
        // Fewer slow calls than workers, so the fast ones never wait behind them.
        List<String> slow =
            JobRows.insert(db, 48, burst, target.url("/delay/50000/slow"), "AT_LEAST_ONCE");
        List<String> fast =
            JobRows.insert(db, 300, burst, target.url("/delay/100/fast"), "AT_LEAST_ONCE");
        List<String> later =
            JobRows.insert(
                db, 200, dueDuringOutage, target.url("/delay/100/later"), "AT_LEAST_ONCE");

        Clock.sleepUntil(burst.plusSeconds(40));
        assertEquals(
            slow.size(),
            Deliveries.of(target.received(), "/delay/50000/slow").total(),
            "the slow calls are on the wire");
        assertEquals(
            Map.of("RUNNING", slow.size(), "SUCCESS", fast.size()), JobRows.statuses(db, burst));
        db.close();
        pg.stop();
        Instant down = Instant.now();

        List<Integer> statuses = new ArrayList<>();
        while (Instant.now().isBefore(down.plus(OUTAGE))) {
          var list = api.list(token);
          var create =
              api.create(
                  token,
                  "{\"jobrunner\":{\"title\":\"t\",\"method\":\"GET\",\"url\":\""
                      + target.url("/ok")
                      + "\"}}");
          for (var reply : List.of(list, create)) {
            statuses.add(reply.status());
            assertEquals(503, reply.status(), () -> "while the database is down: " + reply);
            assertTrue(reply.error().contains("database"), reply::toString);
            assertEquals("5", reply.header("Retry-After"));
          }
          Clock.sleepUntil(Instant.now().plusSeconds(2));
        }
        assertTrue(Instant.now().isAfter(dueDuringOutage), "the outage spans the second slot");
        pg.startAgain();
        Instant back = Instant.now();

        assertTrue(
            Clock.await(
                Duration.ofSeconds(20),
                () -> Deliveries.of(target.received(), "/delay/100/later").total() >= later.size()),
            "the occurrences due during the outage were not all called");
        Deliveries lateCalls = Deliveries.of(target.received(), "/delay/100/later");
        Instant lastLate =
            later.stream()
                .map(job -> lateCalls.of(job).getFirst().at())
                .max(Instant::compareTo)
                .orElseThrow();
        Duration afterReturn = Duration.between(back, lastLate);
        assertTrue(
            afterReturn.compareTo(Duration.ofSeconds(10)) <= 0,
            "due during the outage, run within 10 s of the database's return: the last after "
                + afterReturn);

        try (Connection again = pg.connect()) {
          assertTrue(
              Clock.await(
                  Duration.ofSeconds(30),
                  () -> JobRows.settled(again, burst, slow.size() + fast.size())),
              () -> "burst not settled: " + JobRows.statuses(again, burst));
          assertTrue(
              Clock.await(
                  Duration.ofSeconds(30), () -> JobRows.settled(again, dueDuringOutage, 200)),
              () -> "later slot not settled: " + JobRows.statuses(again, dueDuringOutage));
          assertEquals(
              Map.of("SUCCESS", slow.size() + fast.size()),
              JobRows.statuses(again, burst),
              "the slow calls' outcomes, which came while the database was down, were written after");
          assertEquals(Map.of("SUCCESS", 200), JobRows.statuses(again, dueDuringOutage));
        }
        for (var calls :
            List.of(
                Deliveries.of(target.received(), "/delay/50000/slow"),
                Deliveries.of(target.received(), "/delay/100/fast"),
                lateCalls)) {
          assertEquals(0, calls.duplicates(), "a call was doubled");
        }
        assertEquals(200, api.list(token).status(), "the API answers again");
        System.out.printf(
            "database down %d s: %d API calls answered 503; due-during-outage calls all made %d ms"
                + " after its return%n",
            OUTAGE.toSeconds(), statuses.size(), afterReturn.toMillis());
      }
    }
  }
}
