package dev.jobrunner.scheduling.control;

import dev.jobrunner.api.RandomId;
import dev.jobrunner.delivery.control.OutboundCall;
import java.time.Instant;
import java.util.Map;

/**
 * One occurrence of one job: (job, scheduled instant) is the unique key that makes it run once. The target
 * gets its identity in headers, so it can drop a duplicate too.
 */
public record Claim(String runId, DueJob job, Instant scheduledAt) {

  public static Claim of(DueJob job, Instant scheduledAt) {
    return new Claim(RandomId.next(), job, scheduledAt);
  }

  /** Stable for the occurrence: {@code <job id>:<scheduled instant>}. */
  public String idempotencyKey() {
    return job.jobId() + ":" + scheduledAt;
  }

  public OutboundCall call() {
    return new OutboundCall(
        job.method(),
        job.url(),
        job.contentType(),
        job.body(),
        Map.of("Idempotency-Key", idempotencyKey(), "X-Scheduled-At", scheduledAt.toString()));
  }
}
