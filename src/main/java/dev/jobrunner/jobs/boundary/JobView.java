package dev.jobrunner.jobs.boundary;

import dev.jobrunner.jobs.entity.Job;
import dev.jobrunner.jobs.entity.JobSpec;
import dev.jobrunner.jobs.entity.ScheduleTime;
import dev.jobrunner.runs.entity.JobRun;
import dev.jobrunner.runs.entity.RunStatus;
import dev.jobrunner.scheduling.control.Slot;
import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * A job as the list shows it; the body itself is never listed, only whether there is one, and of
 * its custom headers only the names. Extensions to the spec's element: everything after {@code
 * schedulation}. {@code state} is {@code paused}, {@code failing} (its last outcome was not a
 * success) or {@code active}; {@code next_run} is the next occurrence in UTC (null while paused or
 * without a schedule); {@code last_run} the newest run that ended (see {@code LatestRuns}), or
 * null.
 */
@JsonbPropertyOrder({
  "id", "title", "method", "url", "contentType", "hasBody", "schedulation", "timezone",
      "missedRunPolicy",
  "paused", "overlapPolicy", "deliveryGuarantee", "retries", "signed", "headerNames", "state",
      "nextRun", "lastRun"
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
    @JsonbProperty("header_names") List<String> headerNames,
    String state,
    @JsonbNillable @JsonbProperty("next_run") String nextRun,
    @JsonbNillable @JsonbProperty("last_run") LastRun lastRun) {

  /**
   * Outcomes that make a job {@code failing}: the call did not succeed, or was not made for a
   * reason of its own.
   */
  static final Set<RunStatus> FAILED =
      EnumSet.of(
          RunStatus.FAILURE,
          RunStatus.TIMEOUT,
          RunStatus.UNREACHABLE,
          RunStatus.BLOCKED,
          RunStatus.INTERRUPTED);

  /** The last outcome: enough to show in a list; the run history has the rest. */
  @JsonbNillable // Yasson writes a null of this type only when the type itself says so, not the
  // component
  @JsonbPropertyOrder({"id", "trigger", "startedAt", "status", "ms"})
  public record LastRun(
      String id,
      String trigger,
      @JsonbProperty("started_at") String startedAt,
      String status,
      @JsonbNillable Double ms) {
    static LastRun of(JobRun run) {
      return run == null
          ? null
          : new LastRun(
              run.id(),
              run.trigger().word(),
              run.startedAt().toString(),
              run.status().word(),
              run.ms());
    }
  }

  static JobView of(Job job, JobRun lastRun, Instant now) {
    JobSpec spec = job.spec();
    String state =
        job.paused()
            ? "paused"
            : lastRun != null && FAILED.contains(lastRun.status()) ? "failing" : "active";
    String nextRun =
        job.paused()
            ? null
            : Slot.nextOccurrences(Slot.of(spec), now, 1).stream()
                .findFirst()
                .map(Instant::toString)
                .orElse(null);
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
        job.headerNames(),
        state,
        nextRun,
        LastRun.of(lastRun));
  }
}
