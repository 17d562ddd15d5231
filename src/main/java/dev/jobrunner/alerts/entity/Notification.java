package dev.jobrunner.alerts.entity;

import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import java.time.Instant;
import java.util.Objects;

/**
 * One notification as its receiver gets it, shaped as Standard Webhooks suggests: {@code {"type":
 * ..., "timestamp": ..., "data": {...}}}. {@code id} is the {@code webhook-id}: the same on every
 * retry of this notification, so a receiver can drop a duplicate. Absent values are left out of
 * {@code data}.
 */
public record Notification(
    String id,
    NotificationType type,
    Instant timestamp,
    String jobId,
    String title,
    String runId,
    String trigger,
    Instant scheduledAt,
    Integer attempt,
    String status,
    String detail,
    Integer consecutiveFailures,
    String instanceId) {

  public Notification {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(timestamp, "timestamp");
    Objects.requireNonNull(jobId, "jobId");
  }

  /** The same notification with the job's title, looked up when it is sent. */
  public Notification titled(String jobTitle) {
    return new Notification(
        id,
        type,
        timestamp,
        jobId,
        jobTitle,
        runId,
        trigger,
        scheduledAt,
        attempt,
        status,
        detail,
        consecutiveFailures,
        instanceId);
  }

  /** The request body: compact JSON, exactly the bytes that are signed. */
  public String toJson() {
    JsonObjectBuilder data = Json.createObjectBuilder().add("job_id", jobId);
    put(data, "title", title);
    put(data, "run_id", runId);
    put(data, "trigger", trigger);
    put(data, "scheduled_at", scheduledAt == null ? null : scheduledAt.toString());
    if (attempt != null) {
      data.add("attempt", attempt);
    }
    put(data, "status", status);
    put(data, "detail", detail);
    if (consecutiveFailures != null) {
      data.add("consecutive_failures", consecutiveFailures);
    }
    put(data, "instance_id", instanceId);
    return Json.createObjectBuilder()
        .add("type", type.word())
        .add("timestamp", timestamp.toString())
        .add("data", data)
        .build()
        .toString();
  }

  private static void put(JsonObjectBuilder data, String name, String value) {
    if (value != null) {
      data.add(name, value);
    }
  }
}
