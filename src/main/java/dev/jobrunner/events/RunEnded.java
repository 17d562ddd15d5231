package dev.jobrunner.events;

import dev.jobrunner.runs.entity.RunStatus;
import dev.jobrunner.runs.entity.Trigger;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One run (attempt) reached its outcome, or was recorded without a call ({@code missed}, {@code
 * skipped}, {@code interrupted}). {@code scheduledAt} is empty for a manual run; {@code ms} is
 * empty when nothing was called; {@code retryAt} is set when another attempt of the occurrence is
 * scheduled. {@code failuresBefore} is the job's count of consecutive failed occurrences when this
 * attempt was claimed (0 for manual runs, which do not count). {@code detail} is the status line or
 * the reason: never a header value or a body.
 */
public record RunEnded(
    String jobId,
    String runId,
    Trigger trigger,
    Optional<Instant> scheduledAt,
    int attempt,
    Instant startedAt,
    RunStatus status,
    Optional<Double> ms,
    Optional<Instant> retryAt,
    int failuresBefore,
    String detail) {

  private static final Set<RunStatus> FAILED =
      EnumSet.of(RunStatus.FAILURE, RunStatus.TIMEOUT, RunStatus.UNREACHABLE, RunStatus.BLOCKED);

  public RunEnded {
    Objects.requireNonNull(jobId, "jobId");
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(trigger, "trigger");
    Objects.requireNonNull(scheduledAt, "scheduledAt");
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(ms, "ms");
    Objects.requireNonNull(retryAt, "retryAt");
  }

  /** A scheduled attempt whose call ended. */
  public static RunEnded called(
      String jobId,
      String runId,
      Instant scheduledAt,
      int attempt,
      Instant startedAt,
      RunStatus status,
      double ms,
      Optional<Instant> retryAt,
      int failuresBefore,
      String detail) {
    return new RunEnded(
        jobId,
        runId,
        Trigger.SCHEDULE,
        Optional.of(scheduledAt),
        attempt,
        startedAt,
        status,
        Optional.of(ms),
        retryAt,
        failuresBefore,
        detail);
  }

  /** A manual run, called or skipped. */
  public static RunEnded manual(
      String jobId, String runId, Instant startedAt, RunStatus status, Double ms, String detail) {
    return new RunEnded(
        jobId,
        runId,
        Trigger.MANUAL,
        Optional.empty(),
        1,
        startedAt,
        status,
        Optional.ofNullable(ms),
        Optional.empty(),
        0,
        detail);
  }

  /**
   * An occurrence or run recorded without a call of its own ending: missed, skipped or interrupted.
   */
  public static RunEnded notCalled(
      String jobId,
      String runId,
      Trigger trigger,
      Instant scheduledAt,
      int attempt,
      Instant startedAt,
      RunStatus status,
      String detail) {
    return new RunEnded(
        jobId,
        runId,
        trigger,
        Optional.ofNullable(scheduledAt),
        attempt,
        startedAt,
        status,
        Optional.empty(),
        Optional.empty(),
        0,
        detail);
  }

  /**
   * How long after its scheduled instant it started, as the run history shows it ({@code
   * lateness_ms}).
   */
  public Optional<Duration> lateness() {
    return scheduledAt.map(at -> Duration.between(at, startedAt));
  }

  /** The call was made and did not succeed (failure, timeout, unreachable, blocked). */
  public boolean failed() {
    return FAILED.contains(status);
  }

  /** Another attempt of the occurrence is scheduled. */
  public boolean willRetry() {
    return retryAt.isPresent();
  }

  /** The last word on a scheduled occurrence's call: what moves the job's run of failures. */
  public boolean finalOutcomeOfOccurrence() {
    return trigger == Trigger.SCHEDULE && ms.isPresent() && retryAt.isEmpty();
  }
}
