package dev.jobrunner.jobs.boundary;

import dev.jobrunner.jobs.entity.DeliveryPolicy;
import dev.jobrunner.jobs.entity.Job;
import dev.jobrunner.jobs.entity.JobSpec;
import dev.jobrunner.jobs.entity.ScheduleTime;
import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.time.Instant;
import java.util.List;

/**
 * One job in full (body included, header values never), with who made and last changed it, its
 * pause state, and its next occurrences in UTC and in the job's zone (none while paused). {@code
 * signing_secret} appears only in the answer to the change that generated it.
 */
@JsonbPropertyOrder({
  "id",
  "title",
  "method",
  "url",
  "contentType",
  "hasBody",
  "body",
  "schedulation",
  "timezone",
  "missedRunPolicy",
  "headerNames",
  "signed",
  "signingSecret",
  "connectTimeoutMs",
  "timeoutMs",
  "retries",
  "overlapPolicy",
  "deliveryGuarantee",
  "autoPauseAfter",
  "notifyUrl",
  "paused",
  "pausedReason",
  "pausedAt",
  "consecutiveFailures",
  "createdAt",
  "createdBy",
  "updatedAt",
  "updatedBy",
  "nextRuns"
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
    @JsonbProperty("header_names") List<String> headerNames,
    boolean signed,
    @JsonbProperty("signing_secret") String signingSecret,
    @JsonbNillable @JsonbProperty("connect_timeout_ms") Integer connectTimeoutMs,
    @JsonbNillable @JsonbProperty("timeout_ms") Integer timeoutMs,
    int retries,
    @JsonbProperty("overlap_policy") String overlapPolicy,
    @JsonbProperty("delivery_guarantee") String deliveryGuarantee,
    @JsonbNillable @JsonbProperty("auto_pause_after") Integer autoPauseAfter,
    @JsonbNillable @JsonbProperty("notify_url") String notifyUrl,
    boolean paused,
    @JsonbNillable @JsonbProperty("paused_reason") String pausedReason,
    @JsonbNillable @JsonbProperty("paused_at") String pausedAt,
    @JsonbProperty("consecutive_failures") int consecutiveFailures,
    @JsonbProperty("created_at") String createdAt,
    @JsonbProperty("created_by") String createdBy,
    @JsonbNillable @JsonbProperty("updated_at") String updatedAt,
    @JsonbNillable @JsonbProperty("updated_by") String updatedBy,
    @JsonbProperty("next_runs") List<NextRun> nextRuns) {

  static final int NEXT_RUNS = 5;

  @JsonbPropertyOrder({"utc", "local"})
  public record NextRun(String utc, String local) {}

  static JobDetailView of(Job job, Instant now, String newSigningSecret) {
    JobSpec spec = job.spec();
    DeliveryPolicy delivery = spec.delivery();
    List<NextRun> next =
        job.paused()
            ? List.of()
            : spec.nextOccurrences(now, NEXT_RUNS).stream()
                .map(
                    at ->
                        new NextRun(
                            at.toString(), at.atZone(spec.zone()).toOffsetDateTime().toString()))
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
        job.headerNames(),
        job.signed(),
        newSigningSecret,
        delivery.connectTimeoutMs(),
        delivery.timeoutMs(),
        delivery.retries(),
        delivery.overlap().word(),
        delivery.guarantee().word(),
        delivery.autoPauseAfter(),
        spec.notifyUrl() == null ? null : spec.notifyUrl().toString(),
        job.paused(),
        job.pausedReason().orElse(null),
        job.pausedAt().map(Instant::toString).orElse(null),
        job.consecutiveFailures(),
        job.createdAt().toString(),
        job.createdBy(),
        job.updatedAt().map(Instant::toString).orElse(null),
        job.updatedBy().orElse(null),
        next);
  }
}
