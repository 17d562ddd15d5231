package dev.jobrunner.jobs.boundary;

import dev.jobrunner.jobs.entity.Job;
import dev.jobrunner.jobs.entity.JobSpec;
import dev.jobrunner.jobs.entity.ScheduleTime;
import dev.jobrunner.scheduling.control.Slot;
import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.time.Instant;
import java.util.List;

/** One job in full (body included), with its next occurrences in UTC and in the job's zone. */
@JsonbPropertyOrder({
  "id", "title", "method", "url", "contentType", "hasBody", "body", "schedulation", "timezone",
  "missedRunPolicy", "createdAt", "nextRuns"
})
public record JobDetailView(
    String id,
    String title,
    String method,
    String url,
    @JsonbNillable @JsonbProperty("content_type") String contentType,
    @JsonbProperty("has_body") boolean hasBody,
    @JsonbNillable String body,
    List<String> schedulation,
    String timezone,
    @JsonbProperty("missed_run_policy") String missedRunPolicy,
    @JsonbProperty("created_at") String createdAt,
    @JsonbProperty("next_runs") List<NextRun> nextRuns) {

  static final int NEXT_RUNS = 5;

  @JsonbPropertyOrder({"utc", "local"})
  public record NextRun(String utc, String local) {}

  static JobDetailView of(Job job, Instant now) {
    JobSpec spec = job.spec();
    List<NextRun> next =
        Slot.nextOccurrences(Slot.of(spec), now, NEXT_RUNS).stream()
            .map(at -> new NextRun(at.toString(), at.atZone(spec.zone()).toOffsetDateTime().toString()))
            .toList();
    return new JobDetailView(
        job.id().value(),
        spec.title(),
        spec.method().name(),
        spec.url().toString(),
        spec.contentType(),
        spec.hasBody(),
        spec.body(),
        spec.times().stream().map(ScheduleTime::toString).toList(),
        spec.zone().getId(),
        spec.missedRunPolicy().word(),
        job.createdAt().toString(),
        next);
  }
}
