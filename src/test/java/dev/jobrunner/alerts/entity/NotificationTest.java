package dev.jobrunner.alerts.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class NotificationTest {
  private static JsonObject parse(String json) {
    try (var reader = Json.createReader(new StringReader(json))) {
      return reader.readObject();
    }
  }

  @Test
  void hasTheStandardWebhooksShapeWithTheRunInData() {
    var notification =
        new Notification(
                "id1",
                NotificationType.JOB_FAILING,
                Instant.parse("2026-12-02T08:00:01Z"),
                "job1",
                null,
                "run1",
                "schedule",
                Instant.parse("2026-12-02T08:00:00Z"),
                1,
                "failure",
                "HTTP/1.1 500 Internal Server Error",
                3,
                "host-42")
            .titled("Sync CRM");
    JsonObject json = parse(notification.toJson());
    assertEquals("job.failing", json.getString("type"));
    assertEquals("2026-12-02T08:00:01Z", json.getString("timestamp"));
    JsonObject data = json.getJsonObject("data");
    assertEquals("job1", data.getString("job_id"));
    assertEquals("Sync CRM", data.getString("title"));
    assertEquals("run1", data.getString("run_id"));
    assertEquals("schedule", data.getString("trigger"));
    assertEquals("2026-12-02T08:00:00Z", data.getString("scheduled_at"));
    assertEquals(1, data.getInt("attempt"));
    assertEquals("failure", data.getString("status"));
    assertEquals("HTTP/1.1 500 Internal Server Error", data.getString("detail"));
    assertEquals(3, data.getInt("consecutive_failures"));
    assertEquals("host-42", data.getString("instance_id"));
  }

  @Test
  void leavesOutWhatItDoesNotKnow() {
    var paused =
        new Notification(
            "id2",
            NotificationType.JOB_AUTO_PAUSED,
            Instant.parse("2026-12-02T08:00:01Z"),
            "job1",
            null,
            null,
            null,
            null,
            null,
            "paused",
            "Auto-paused after 10 consecutive failed runs",
            null,
            "host-42");
    JsonObject data = parse(paused.toJson()).getJsonObject("data");
    assertEquals("job.auto_paused", parse(paused.toJson()).getString("type"));
    for (String absent :
        new String[] {
          "title", "run_id", "trigger", "scheduled_at", "attempt", "consecutive_failures"
        }) {
      assertFalse(data.containsKey(absent), absent);
    }
  }
}
