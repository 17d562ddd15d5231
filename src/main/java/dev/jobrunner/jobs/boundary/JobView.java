package dev.jobrunner.jobs.boundary;

import dev.jobrunner.jobs.entity.JobId;
import dev.jobrunner.jobs.entity.JobSpec;
import dev.jobrunner.jobs.entity.ScheduleTime;
import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.util.List;

/**
 * A job as the list shows it; the body itself is never listed, only whether there is one. Extensions to the
 * spec's element: {@code timezone} and {@code missed_run_policy}.
 */
@JsonbPropertyOrder({
  "id", "title", "method", "url", "contentType", "hasBody", "schedulation", "timezone", "missedRunPolicy"
})
public record JobView(
    String id,
    String title,
    String method,
    String url,
    @JsonbNillable @JsonbProperty("content_type") String contentType,
    @JsonbProperty("has_body") boolean hasBody,
    List<String> schedulation,
    String timezone,
    @JsonbProperty("missed_run_policy") String missedRunPolicy) {

  static JobView of(JobId id, JobSpec spec) {
    return new JobView(
        id.value(),
        spec.title(),
        spec.method().name(),
        spec.url().toString(),
        spec.contentType(),
        spec.hasBody(),
        spec.times().stream().map(ScheduleTime::toString).toList(),
        spec.zone().getId(),
        spec.missedRunPolicy().word());
  }
}
