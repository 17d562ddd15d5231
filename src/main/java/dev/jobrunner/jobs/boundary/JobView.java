package dev.jobrunner.jobs.boundary;

import dev.jobrunner.jobs.entity.Job;
import dev.jobrunner.jobs.entity.JobSpec;
import dev.jobrunner.jobs.entity.ScheduleTime;
import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.util.List;

/**
 * A job as the list shows it; the body itself is never listed, only whether there is one, and of its
 * custom headers only the names. Extensions to the spec's element: everything after {@code schedulation}.
 */
@JsonbPropertyOrder({
  "id", "title", "method", "url", "contentType", "hasBody", "schedulation", "timezone", "missedRunPolicy",
  "paused", "overlapPolicy", "deliveryGuarantee", "retries", "signed", "headerNames"
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
    @JsonbProperty("missed_run_policy") String missedRunPolicy,
    boolean paused,
    @JsonbProperty("overlap_policy") String overlapPolicy,
    @JsonbProperty("delivery_guarantee") String deliveryGuarantee,
    int retries,
    boolean signed,
    @JsonbProperty("header_names") List<String> headerNames) {

  static JobView of(Job job) {
    JobSpec spec = job.spec();
    return new JobView(
        job.id().value(),
        spec.title(),
        spec.method().name(),
        spec.url().toString(),
        spec.contentType(),
        spec.hasBody(),
        spec.times().stream().map(ScheduleTime::toString).toList(),
        spec.zone().getId(),
        spec.missedRunPolicy().word(),
        job.paused(),
        spec.delivery().overlap().word(),
        spec.delivery().guarantee().word(),
        spec.delivery().retries(),
        job.signed(),
        job.headerNames());
  }
}
