package dev.jobrunner.scheduling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jobrunner.testing.Api;
import dev.jobrunner.testing.Clock;
import dev.jobrunner.testing.DeployedApp;
import dev.jobrunner.testing.TargetServer;
import dev.jobrunner.testing.TestTokens;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The delivery policy on real scheduled occurrences, in real time: retries with backoff and
 * Retry-After (each attempt on record, the occurrence's identity the same on each), the in-flight
 * slot held while a retry waits, refusals not retried, auto-pause, and paused jobs that neither
 * fire nor catch up. The tests run with JOBRUNNER_RETRY_BASE_DELAY_MS=1000.
 */
class ScheduledDeliveryIT extends DeployedApp {
  private final String token = TestTokens.readWrite();

  @Test
  void retriesPauseAndOverlapOnAScheduledOccurrence() {
    try (var target = TargetServer.start()) {
      Instant slot = Clock.minuteAtLeast(Duration.ofSeconds(25));
      String at = "\"" + Clock.hhmm(slot, "UTC") + "\"";
      String flaky = job(target, "/flaky/2/a", at, "\"retries\":3,\"signed\":true");
      String retryAfter = job(target, "/status/503?retry_after=4", at, "\"retries\":1");
      String refused = job(target, "/status/404", at, "\"retries\":3");
      String autoPaused = job(target, "/status/500", at, "\"retries\":0,\"auto_pause_after\":1");
      String paused = job(target, "/paused", at, "");
      String resumed = job(target, "/resumed", at, "");
      post(paused, "pause.json");
      post(resumed, "pause.json");
      post(resumed, "resume.json");

      Clock.sleepUntil(slot.plusSeconds(1));
      // While the Retry-After wait runs, the occurrence is still in flight: a manual run is
      // skipped.
      assertTrue(
          Clock.await(Duration.ofSeconds(5), () -> target.received("/status/503").size() == 1));
      JsonObject manual = api().run(token, retryAfter).json();
      assertEquals("skipped", manual.getString("status"));
      post(paused, "resume.json"); // after its occurrence: it must not be run late

      assertTrue(
          Clock.await(Duration.ofSeconds(20), () -> target.received("/flaky/2/a").size() == 3),
          "flaky: " + target.received("/flaky/2/a").size());
      assertTrue(
          Clock.await(Duration.ofSeconds(20), () -> target.received("/status/503").size() == 2));
      Clock.sleepUntil(slot.plusSeconds(15));

      // Retried until it worked: three attempts on record, the same occurrence identity on each.
      List<JsonObject> flakyRuns = runs(flaky);
      assertEquals(List.of(3, 2, 1), flakyRuns.stream().map(r -> r.getInt("attempt")).toList());
      assertEquals(
          List.of("success", "failure", "failure"),
          flakyRuns.stream().map(r -> r.getString("status")).toList());
      assertTrue(
          flakyRuns.get(2).getString("error").startsWith("Retry 1 of 3 at "),
          flakyRuns.get(2).getString("error"));
      flakyRuns.forEach(r -> assertEquals(slot.toString(), r.getString("scheduled_at")));
      var calls = target.received("/flaky/2/a");
      for (var call : calls) {
        assertEquals(List.of(flaky + ":" + slot), call.headers().get("Idempotency-key"));
        assertEquals(
            List.of(flaky + ":" + slot),
            call.headers().get("Webhook-id"),
            "webhook-id changes across retries");
      }
      assertEquals(3, target.received("/flaky/2/a").size(), "more attempts than needed");

      // Retry-After honoured: the second attempt came at least 4 s after the first, and it was the
      // last.
      List<JsonObject> waited =
          runs(retryAfter).stream().filter(r -> r.getString("trigger").equals("schedule")).toList();
      assertEquals(2, waited.size());
      Instant first = Instant.parse(waited.get(1).getString("started_at"));
      Instant second = Instant.parse(waited.get(0).getString("started_at"));
      assertTrue(
          Duration.between(first, second).toMillis() >= 3_900,
          "retried after " + Duration.between(first, second));
      assertEquals("No retries left (1 allowed)", waited.get(0).getString("error"));
      assertEquals(JsonValue.NULL, waited.get(0).get("retry_at"));

      // A refusal (404) is not retried.
      List<JsonObject> refusedRuns = runs(refused);
      assertEquals(1, refusedRuns.size());
      assertEquals(
          "Not retried: the target refused the request", refusedRuns.getFirst().getString("error"));
      assertEquals(1, target.received("/status/404").size());

      // One failed occurrence with auto_pause_after 1: paused, with the reason shown, and on the
      // audit trail.
      JsonObject pausedJob =
          api().get(Api.PREFIX + "job-runner/" + autoPaused + ".json", token).json();
      assertTrue(pausedJob.getBoolean("paused"));
      assertEquals(
          "Auto-paused after 1 consecutive failed runs; last: failure (HTTP/1.1 500 Internal Server Error)",
          pausedJob.getString("paused_reason"));
      assertEquals("system", pausedJob.getString("updated_by"));
      assertEquals(1, pausedJob.getInt("consecutive_failures"));
      String admin = TestTokens.withPermissions(TestTokens.ADMIN);
      assertTrue(
          api()
              .get(Api.PREFIX + "audit.json?size=100", admin)
              .json()
              .getJsonArray("elements")
              .stream()
              .map(JsonValue::asJsonObject)
              .anyMatch(
                  e ->
                      e.getString("target_id").equals(autoPaused)
                          && e.getString("action").equals("job.auto_paused")
                          && e.getString("actor").equals("system")));

      // Paused at its time: not called, and not caught up after the resume. Paused and resumed
      // before: called.
      assertTrue(target.received("/paused").isEmpty(), "a paused job fired");
      assertEquals(1, target.received("/resumed").size());
    }
  }

  private void post(String id, String action) {
    Api.Reply reply =
        api().send("POST", Api.PREFIX + "job-runner/" + id + "/" + action, token, null, null);
    assertEquals(200, reply.status(), reply.body());
  }

  private List<JsonObject> runs(String id) {
    return api()
        .get(Api.PREFIX + "job-runner/" + id + "/runs.json", token)
        .json()
        .getJsonArray("elements")
        .stream()
        .map(JsonValue::asJsonObject)
        .toList();
  }

  private String job(TargetServer target, String path, String times, String extra) {
    return api()
        .createOk(
            token,
            """
        {"title":"delivery %s","method":"POST","url":"%s","content_type":"application/json","body":"{}",
         "schedulation":[%s]%s}"""
                .formatted(path, target.url(path), times, extra.isEmpty() ? "" : "," + extra));
  }
}
