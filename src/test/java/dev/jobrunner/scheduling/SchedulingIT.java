package dev.jobrunner.scheduling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jobrunner.testing.Clock;
import dev.jobrunner.testing.DeployedApp;
import dev.jobrunner.testing.TargetServer;
import dev.jobrunner.testing.TestTokens;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Real time on a real server: jobs whose schedulation holds the coming minute are called at that
 * minute, once each, with the occurrence's identity in headers; a job deleted before its minute is
 * not called. Every slot fires twice here (its calendar timer and the minute sweep), so "called
 * once" is also the proof that a second firing of a slot claims nothing.
 */
class SchedulingIT extends DeployedApp {
  private final String token = TestTokens.readWrite();

  @Test
  void jobsInTheComingMinuteFireOnceOnTime() {
    try (var target = TargetServer.start()) {
      Instant slot = Clock.minuteAtLeast(Duration.ofSeconds(20));
      String paris = Clock.hhmm(slot, "Europe/Paris");
      String utc = Clock.hhmm(slot, "UTC");
      String first = job(target, "/first", "\"" + paris + "\"", "Europe/Paris");
      String second =
          job(
              target,
              "/second",
              "\"" + utc + "\", \"" + Clock.hhmm(slot.plusSeconds(7200), "UTC") + "\"",
              "UTC");
      String deleted = job(target, "/deleted", "\"" + utc + "\"", "UTC");
      assertEquals(200, api().delete(token, deleted).status());

      JsonObject detail = api().get("2026-02-01/job-runner/" + first + ".json", token).json();
      assertEquals(
          slot.toString(), detail.getJsonArray("next_runs").getJsonObject(0).getString("utc"));
      assertEquals("Europe/Paris", detail.getString("timezone"));

      Clock.sleepUntil(slot.plusSeconds(3));
      assertTrue(
          Clock.await(Duration.ofSeconds(10), () -> target.received("/second").size() >= 1),
          "second job not called");
      assertTrue(
          Clock.await(Duration.ofSeconds(10), () -> target.received("/first").size() >= 1),
          "first job not called");
      Clock.sleepUntil(
          slot.plusSeconds(15)); // the slot timer and the sweep both fired at the slot: still once
      assertEquals(1, target.received("/first").size(), "first job called more than once");
      assertEquals(1, target.received("/second").size(), "second job called more than once");
      assertTrue(target.received("/deleted").isEmpty(), "a deleted job was called");

      var call = target.received("/first").getFirst();
      assertEquals(List.of(first + ":" + slot), call.headers().get("Idempotency-key"));
      assertEquals(List.of(slot.toString()), call.headers().get("X-scheduled-at"));

      JsonObject run =
          api()
              .get("2026-02-01/job-runner/" + first + "/runs.json", token)
              .json()
              .getJsonArray("elements")
              .getJsonObject(0);
      assertEquals("schedule", run.getString("trigger"));
      assertEquals(slot.toString(), run.getString("scheduled_at"));
      assertEquals("success", run.getString("status"));
      long lateness = run.getJsonNumber("lateness_ms").longValue();
      assertTrue(lateness >= 0 && lateness < 5_000, "lateness " + lateness + " ms");
    }
  }

  @Test
  void badTimezoneAndPolicyAreRefused() {
    var zone =
        api()
            .create(
                token,
                "{\"jobrunner\":{\"title\":\"t\",\"method\":\"GET\",\"url\":\"http://example.com\",\"timezone\":\"Mars/Olympus\"}}");
    assertEquals(400, zone.status());
    assertEquals(
        "Invalid timezone \"Mars/Olympus\". Use an IANA time zone such as Europe/Paris or UTC",
        zone.error());
    var policy =
        api()
            .create(
                token,
                "{\"jobrunner\":{\"title\":\"t\",\"method\":\"GET\",\"url\":\"http://example.com\",\"missed_run_policy\":\"later\"}}");
    assertEquals(400, policy.status());
    assertEquals("Invalid missed_run_policy \"later\". Use run_once or skip", policy.error());
  }

  private String job(TargetServer target, String path, String times, String zone) {
    return api()
        .createOk(
            token,
            """
        {"title":"scheduled %s","method":"POST","url":"%s","content_type":"application/json","body":"{}",
         "schedulation":[%s],"timezone":"%s"}"""
                .formatted(path, target.url(path), times, zone));
  }
}
