package dev.jobrunner.runs.boundary;

import dev.jobrunner.runs.entity.JobRun;
import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.time.Duration;
import java.time.Instant;

/**
 * A run (one attempt) as its history shows it. {@code lateness_ms} is how long after its scheduled
 * instant it started; {@code attempt} counts from 1 for each occurrence; {@code retry_at} is when
 * the next attempt is due, while one is. {@code sent_at} is when the call was marked as sending: a
 * {@code running} run without it is still queued, and was not sent.
 */
@JsonbPropertyOrder({
  "id",
  "jobRunnerId",
  "trigger",
  "scheduledAt",
  "attempt",
  "startedAt",
  "latenessMs",
  "ms",
  "status",
  "statusLine",
  "response",
  "error",
  "retryAt",
  "sentAt"
})
public record RunRecordView(
    String id,
    @JsonbProperty("job_runner_id") String jobRunnerId,
    String trigger,
    @JsonbNillable @JsonbProperty("scheduled_at") String scheduledAt,
    int attempt,
    @JsonbProperty("started_at") String startedAt,
    @JsonbNillable @JsonbProperty("lateness_ms") Long latenessMs,
    @JsonbNillable Double ms,
    String status,
    @JsonbNillable @JsonbProperty("status_line") String statusLine,
    @JsonbNillable String response,
    @JsonbNillable String error,
    @JsonbNillable @JsonbProperty("retry_at") String retryAt,
    @JsonbNillable @JsonbProperty("sent_at") String sentAt) {

  public static RunRecordView of(JobRun run) {
    Instant scheduled = run.scheduledAt();
    return new RunRecordView(
        run.id(),
        run.jobId(),
        run.trigger().word(),
        scheduled == null ? null : scheduled.toString(),
        run.attempt(),
        run.startedAt().toString(),
        scheduled == null ? null : Duration.between(scheduled, run.startedAt()).toMillis(),
        run.ms(),
        run.status().word(),
        run.statusLine(),
        run.responseSnippet(),
        run.error(),
        run.retryAt() == null ? null : run.retryAt().toString(),
        run.sentAt() == null ? null : run.sentAt().toString());
  }
}
