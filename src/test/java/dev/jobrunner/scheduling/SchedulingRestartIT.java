package dev.jobrunner.scheduling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jobrunner.jobs.entity.ScheduleTime;
import dev.jobrunner.scheduling.control.Slot;
import dev.jobrunner.testing.Api;
import dev.jobrunner.testing.Clock;
import dev.jobrunner.testing.ServerProcess;
import dev.jobrunner.testing.TargetServer;
import dev.jobrunner.testing.TestTokens;
import jakarta.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.function.IntFunction;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * What happens to schedules across stops, crashes and restarts, with the jar run as a process on
 * one data directory: container timers do not survive a stop on Payara Micro, the database does.
 */
class SchedulingRestartIT {
  private final String token = TestTokens.readWrite();
  private final Map<String, String> env =
      Map.of(
          "JOBRUNNER_DATA_DIR",
          Path.of("target/it-data/restart-" + System.nanoTime()).toAbsolutePath().toString(),
          "JOBRUNNER_SCHEDULE_GRACE_SECONDS",
          "5");

  @Test
  void downtimeFollowsThePolicyAndALaterTimeStillFires() {
    try (var target = TargetServer.start()) {
      String onTime;
      String runOnce;
      String skip;
      Instant duringDowntime;
      Instant afterRestart;
      try (var server = ServerProcess.start("schedule-1", env)) {
        duringDowntime = Clock.minuteAtLeast(Duration.ofSeconds(15));
        afterRestart = duringDowntime.plus(Duration.ofMinutes(1));
        onTime = job(server.api(), target, "/on-time", afterRestart, "run_once");
        runOnce = job(server.api(), target, "/run-once", duringDowntime, "run_once");
        skip = job(server.api(), target, "/skip", duringDowntime, "skip");
        server.stop();
      }
      Clock.sleepUntil(
          duringDowntime.plusSeconds(8)); // past its time and its grace, with nothing running

      try (var server = ServerProcess.start("schedule-2", env)) {
        Api api = server.api();
        assertTrue(
            Instant.now().isBefore(afterRestart), "restart too slow for this test's timeline");
        assertTrue(
            Clock.await(Duration.ofSeconds(30), () -> target.received("/run-once").size() == 1),
            "run_once not caught up");
        JsonObject late = lastRun(api, runOnce);
        assertEquals(duringDowntime.toString(), late.getString("scheduled_at"));
        assertTrue(late.getJsonNumber("lateness_ms").longValue() > 5_000, late::toString);

        assertTrue(
            Clock.await(
                Duration.ofSeconds(10),
                () -> "missed".equals(lastRun(api, skip).getString("status", ""))));
        assertTrue(target.received("/skip").isEmpty(), "a skip job was called for a missed time");
        assertEquals(duringDowntime.toString(), lastRun(api, skip).getString("scheduled_at"));

        Clock.sleepUntil(afterRestart.plusSeconds(2));
        assertTrue(
            Clock.await(Duration.ofSeconds(10), () -> target.received("/on-time").size() == 1),
            "job after restart not called");
        JsonObject run = lastRun(api, onTime);
        assertEquals(afterRestart.toString(), run.getString("scheduled_at"));
        assertTrue(run.getJsonNumber("lateness_ms").longValue() < 5_000, run::toString);
        assertEquals(1, target.received("/run-once").size(), "run_once ran more than once");
        server.stop();
      }
    }
  }

  /**
   * A retry wait is a row in the database, not a sleeping thread: a restart in the middle keeps it.
   */
  @Test
  void aRetryWaitSurvivesARestart() {
    try (var target = TargetServer.start()) {
      String retrying;
      Instant slot;
      try (var server = ServerProcess.start("retry-1", env)) {
        slot = Clock.minuteAtLeast(Duration.ofSeconds(10));
        retrying =
            server
                .api()
                .createOk(
                    token,
                    """
                {"title":"retry across restart","method":"GET","url":"%s","schedulation":["%s"],"retries":1}"""
                        .formatted(
                            target.url("/status/503?retry_after=40"), Clock.hhmm(slot, "UTC")));
        Clock.sleepUntil(slot);
        assertTrue(
            Clock.await(Duration.ofSeconds(10), () -> target.received("/status/503").size() == 1),
            "first attempt not made");
        assertTrue(
            Clock.await(
                Duration.ofSeconds(5),
                () ->
                    lastRun(server.api(), retrying).containsKey("retry_at")
                        && !lastRun(server.api(), retrying).isNull("retry_at")));
        server.stop();
      }
      try (var server = ServerProcess.start("retry-2", env)) {
        // Whether the server is back before or after the retry time, the wait spanned the downtime.
        assertTrue(
            Clock.await(Duration.ofSeconds(60), () -> target.received("/status/503").size() == 2),
            "the retry was lost");
        var calls = target.received("/status/503");
        assertEquals(
            calls.get(0).headers().get("Idempotency-key"),
            calls.get(1).headers().get("Idempotency-key"));
        JsonObject second = lastRun(server.api(), retrying);
        assertEquals(2, second.getInt("attempt"));
        assertEquals(slot.toString(), second.getString("scheduled_at"));
        assertTrue(
            Instant.parse(second.getString("started_at")).isAfter(slot.plusSeconds(39)),
            second::toString);
        server.stop();
      }
    }
  }

  @Test
  void aRunCutByKillMinus9IsMarkedInterrupted() {
    try (var target = TargetServer.start()) {
      String hanging;
      try (var server = ServerProcess.start("crash-1", env)) {
        hanging =
            server
                .api()
                .createOk(
                    token,
                    "{\"title\":\"hangs\",\"method\":\"GET\",\"url\":\""
                        + target.url("/hang")
                        + "\"}");
        var call = CompletableFuture.runAsync(() -> server.api().run(token, hanging));
        assertTrue(Clock.await(Duration.ofSeconds(10), () -> !target.received("/hang").isEmpty()));
        server.kill();
        call.exceptionally(e -> null);
      }
      try (var server = ServerProcess.start("crash-2", env)) {
        assertTrue(
            Clock.await(
                Duration.ofSeconds(120),
                () -> "interrupted".equals(lastRun(server.api(), hanging).getString("status", ""))),
            () -> "still " + lastRun(server.api(), hanging));
        assertEquals(1, target.received("/hang").size(), "an interrupted run was re-sent");
        server.stop();
      }
    }
  }

  /**
   * A start rebuilds the slot timers from the database, one per zone and set of minutes (hours with
   * the same minutes share one): the readiness data counts the slots and the container timers, and
   * the next firing is the next real slot. A delete and a create then keep the timers exact.
   */
  @Test
  void slotTimersAreRebuiltGroupedAtStart() {
    ZoneId zone = ZoneId.of("Asia/Kathmandu");
    String all;
    String two;
    String eleven;
    try (var target = TargetServer.start()) {
      try (var server = ServerProcess.start("groups-1", env)) {
        // hours 08, 09, 10 with minutes 05 and 35: one timer; 11:05 another
        all =
            zoned(server.api(), target, zone, "08:05", "08:35", "09:05", "09:35", "10:05", "10:35");
        two = zoned(server.api(), target, zone, "08:05", "10:35");
        eleven = zoned(server.api(), target, zone, "11:05");
        server.stop();
      }
      try (var server = ServerProcess.start("groups-2", env)) {
        Api api = server.api();
        assertTrue(
            Clock.await(
                Duration.ofSeconds(30),
                () -> !"never".equals(slotTimers(api).getString("last_reconciled"))),
            () -> slotTimers(api).toString());
        assertTimers(
            api, zone, 7, 2, "08:05", "08:35", "09:05", "09:35", "10:05", "10:35", "11:05");

        String lone = zoned(api, target, zone, "12:05");
        assertTimers(
            api, zone, 8, 3, "08:05", "08:35", "09:05", "09:35", "10:05", "10:35", "11:05",
            "12:05");
        assertEquals(200, api.delete(token, lone).status());
        assertTimers(
            api, zone, 7, 2, "08:05", "08:35", "09:05", "09:35", "10:05", "10:35", "11:05");

        assertEquals(200, api.delete(token, eleven).status());
        assertTimers(api, zone, 6, 1, "08:05", "08:35", "09:05", "09:35", "10:05", "10:35");
        // 08:05 and 10:35 are still used by another job: their timer stays whole
        assertEquals(200, api.delete(token, two).status());
        assertTimers(api, zone, 6, 1, "08:05", "08:35", "09:05", "09:35", "10:05", "10:35");
        assertEquals(200, api.delete(token, all).status());
        JsonObject none = slotTimers(api);
        assertEquals(0, count(none, "slot_timers"), none::toString);
        assertEquals(0, count(none, "container_timers"), none::toString);
        assertEquals("none", none.getString("next_firing"), none::toString);

        // Jobs created and deleted side by side in the same slots keep its count exact: the
        // timer goes with the last of them, not before.
        List<String> side = inParallel(24, i -> zoned(api, target, zone, "13:05", "13:35"));
        assertTimers(api, zone, 2, 1, "13:05", "13:35");
        assertEquals(
            Collections.nCopies(23, 200),
            inParallel(23, i -> api.delete(token, side.get(i)).status()));
        assertTimers(api, zone, 2, 1, "13:05", "13:35");
        assertEquals(200, api.delete(token, side.getLast()).status());
        assertEquals(0, count(slotTimers(api), "slot_timers"), () -> slotTimers(api).toString());
        server.stop();
      }
    }
  }

  /** {@code count} calls of {@code call}, 8 at a time; their results in order. */
  private static <T> List<T> inParallel(int count, IntFunction<T> call) {
    var pool = Executors.newFixedThreadPool(8);
    try {
      List<CompletableFuture<T>> calls =
          IntStream.range(0, count)
              .mapToObj(i -> CompletableFuture.supplyAsync(() -> call.apply(i), pool))
              .toList();
      return calls.stream().map(CompletableFuture::join).toList();
    } finally {
      pool.shutdown();
    }
  }

  private void assertTimers(Api api, ZoneId zone, int slots, int timers, String... times) {
    Instant before = Instant.now();
    JsonObject data = slotTimers(api);
    Instant after = Instant.now();
    assertEquals(slots, count(data, "slot_timers"), data::toString);
    assertEquals(timers, count(data, "container_timers"), data::toString);
    List<Slot> expected =
        Arrays.stream(times)
            .map(time -> new Slot(ScheduleTime.parse(time).orElseThrow(), zone))
            .toList();
    Instant next = Instant.parse(data.getString("next_firing"));
    assertTrue(
        next.equals(firstAfter(expected, before)) || next.equals(firstAfter(expected, after)),
        () -> "next firing " + next + ", next slot " + firstAfter(expected, before));
  }

  /** A number in a health check's data (Payara writes them as strings). */
  private static int count(JsonObject data, String key) {
    return Integer.parseInt(data.get(key).toString().replace("\"", ""));
  }

  private static Instant firstAfter(List<Slot> slots, Instant after) {
    return slots.stream().map(slot -> slot.next(after)).min(Instant::compareTo).orElseThrow();
  }

  /** The slot-timers check's data, whatever the overall readiness. */
  private static JsonObject slotTimers(Api api) {
    return api.readiness("slot-timers");
  }

  private String zoned(Api api, TargetServer target, ZoneId zone, String... times) {
    return api.createOk(
        token,
        """
        {"title":"grouped","method":"GET","url":"%s","schedulation":["%s"],"timezone":"%s"}"""
            .formatted(target.url("/grouped"), String.join("\",\"", times), zone.getId()));
  }

  private String job(Api api, TargetServer target, String path, Instant at, String policy) {
    return api.createOk(
        token,
        """
        {"title":"%s","method":"GET","url":"%s","schedulation":["%s"],"missed_run_policy":"%s"}"""
            .formatted(path, target.url(path), Clock.hhmm(at, "UTC"), policy));
  }

  private JsonObject lastRun(Api api, String jobId) {
    List<JsonObject> runs =
        api.get("2026-02-01/job-runner/" + jobId + "/runs.json", token)
            .json()
            .getJsonArray("elements")
            .getValuesAs(JsonObject.class);
    return runs.isEmpty() ? JsonObject.EMPTY_JSON_OBJECT : runs.getFirst();
  }
}
