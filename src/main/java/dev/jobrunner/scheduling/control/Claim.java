package dev.jobrunner.scheduling.control;

import dev.jobrunner.api.RandomId;
import dev.jobrunner.delivery.control.OutboundCall;
import dev.jobrunner.jobs.control.JobSecrets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One attempt at one occurrence of one job: (job, scheduled instant, attempt) is the unique key
 * that makes it run once. The target gets the occurrence's identity in headers, the same on every
 * attempt, so it can drop a duplicate too.
 */
public record Claim(String runId, DueJob job, Instant scheduledAt, int attempt) {

  public static Claim of(DueJob job, Instant scheduledAt) {
    return new Claim(RandomId.next(), job, scheduledAt, 1);
  }

  public Claim nextAttempt(DueJob current) {
    return new Claim(RandomId.next(), current, scheduledAt, attempt + 1);
  }

  /** Stable for the occurrence: {@code <job id>:<scheduled instant>}. */
  public String idempotencyKey() {
    return job.jobId() + ":" + scheduledAt;
  }

  /** The request, built just before it is sent: secrets opened, signed now. */
  public OutboundCall call(JobSecrets secrets) {
    Map<String, String> identity = new LinkedHashMap<>();
    identity.put("Idempotency-Key", idempotencyKey());
    identity.put("X-Scheduled-At", scheduledAt.toString());
    Map<String, String> headers =
        secrets.callHeaders(
            job.jobId(),
            job.sealedHeaders(),
            job.sealedSigningSecret(),
            identity,
            idempotencyKey(),
            job.body());
    return new OutboundCall(
        job.method(),
        job.url(),
        job.contentType(),
        job.body(),
        headers,
        job.delivery().connectTimeoutMs(),
        job.delivery().timeoutMs());
  }
}
