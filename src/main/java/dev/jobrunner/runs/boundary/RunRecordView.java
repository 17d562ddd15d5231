package dev.jobrunner.runs.boundary;

import dev.jobrunner.runs.entity.JobRun;
import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.time.Duration;
import java.time.Instant;

/** A run as its history shows it. {@code lateness_ms} is how long after its scheduled instant it started. */
@JsonbPropertyOrder({
  "id", "jobRunnerId", "trigger", "scheduledAt", "startedAt", "latenessMs", "ms", "status", "statusLine",
  "response", "error"
})
public record RunRecordView(
    String id,
    @JsonbProperty("job_runner_id") String jobRunnerId,
    String trigger,
    @JsonbNillable @JsonbProperty("scheduled_at") String scheduledAt,
    @JsonbProperty("started_at") String startedAt,
    @JsonbNillable @JsonbProperty("lateness_ms") Long latenessMs,
    @JsonbNillable Double ms,
    String status,
    @JsonbNillable @JsonbProperty("status_line") String statusLine,
    @JsonbNillable String response,
    @JsonbNillable String error) {

  public static RunRecordView of(JobRun run) {
    Instant scheduled = run.scheduledAt();
    return new RunRecordView(
        run.id(),
        run.jobId(),
        run.trigger().word(),
        scheduled == null ? null : scheduled.toString(),
        run.startedAt().toString(),
        scheduled == null ? null : Duration.between(scheduled, run.startedAt()).toMillis(),
        run.ms(),
        run.status().word(),
        run.statusLine(),
        run.responseSnippet(),
        run.error());
  }
}
