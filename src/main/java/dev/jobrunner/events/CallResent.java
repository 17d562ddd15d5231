package dev.jobrunner.events;

import java.time.Instant;

/**
 * A call sent again because the instance that had claimed it died before recording its outcome (a
 * takeover): the target may receive the occurrence twice, and its {@code Idempotency-Key} is the
 * same both times.
 */
public record CallResent(
    String jobId, String runId, Instant scheduledAt, int attempt, String reason) {}
