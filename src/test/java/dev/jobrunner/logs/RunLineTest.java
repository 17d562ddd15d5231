package dev.jobrunner.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jobrunner.events.RunEnded;
import dev.jobrunner.runs.entity.RunStatus;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RunLineTest {
  private static final Instant SCHEDULED = Instant.parse("2026-12-02T08:00:00Z");

  @Test
  void aScheduledAttemptHasItsOccurrenceLatenessAndRetry() {
    var run =
        RunEnded.called(
            "job1",
            "run1",
            SCHEDULED,
            2,
            SCHEDULED.plusMillis(1234),
            RunStatus.TIMEOUT,
            2000.456,
            Optional.of(Instant.parse("2026-12-02T08:00:30Z")),
            0,
            "No answer within 2000 ms");
    var fields = RunLine.fields(run);
    assertEquals(
        List.of(
            "job_id",
            "run_id",
            "trigger",
            "scheduled_at",
            "attempt",
            "status",
            "ms",
            "lateness_ms",
            "retry_at"),
        List.copyOf(fields.keySet()));
    assertEquals(
        "Run ended: job_id=job1 run_id=run1 trigger=schedule scheduled_at=2026-12-02T08:00:00Z attempt=2"
            + " status=timeout ms=2000.46 lateness_ms=1234 retry_at=2026-12-02T08:00:30Z",
        RunLine.text(fields));
  }

  @Test
  void aManualRunHasNoOccurrenceAndTheDetailIsNeverLogged() {
    var run =
        RunEnded.manual(
            "job1",
            "run2",
            SCHEDULED,
            RunStatus.FAILURE,
            12.0,
            "HTTP/1.1 500 secret-looking reason");
    String line = RunLine.text(RunLine.fields(run));
    assertEquals(
        "Run ended: job_id=job1 run_id=run2 trigger=manual attempt=1 status=failure ms=12.00",
        line);
  }

  @Test
  void aMissedOccurrenceHasNoDuration() {
    var run =
        RunEnded.notCalled(
            "job1",
            "run3",
            dev.jobrunner.runs.entity.Trigger.SCHEDULE,
            SCHEDULED,
            1,
            SCHEDULED.plusSeconds(90),
            RunStatus.MISSED,
            "Missed");
    assertEquals(
        "Run ended: job_id=job1 run_id=run3 trigger=schedule scheduled_at=2026-12-02T08:00:00Z attempt=1"
            + " status=missed lateness_ms=90000",
        RunLine.text(RunLine.fields(run)));
  }
}
