package dev.jobrunner.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jobrunner.events.RunEnded;
import dev.jobrunner.runs.entity.RunStatus;
import dev.jobrunner.runs.entity.Trigger;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class RunMetricsTest {
  private static final Instant AT = Instant.parse("2026-12-02T08:00:00Z");

  @ParameterizedTest(name = "{0}, retry follows: {1} -> {2}")
  @CsvSource({
    "SUCCESS, false, success",
    "FAILURE, false, failure",
    "FAILURE, true,  retried",
    "TIMEOUT, true,  retried",
    "TIMEOUT, false, timeout",
    "UNREACHABLE, false, unreachable",
    "BLOCKED, false, blocked",
  })
  void aFailedAttemptThatWillBeTriedAgainCountsAsRetried(
      RunStatus status, boolean retry, String outcome) {
    var run =
        RunEnded.called(
            "j",
            "r",
            AT,
            1,
            AT,
            status,
            5,
            retry ? Optional.of(AT.plusSeconds(10)) : Optional.empty(),
            0,
            null);
    assertEquals(outcome, RunMetrics.outcome(run));
  }

  @ParameterizedTest
  @EnumSource(
      value = RunStatus.class,
      names = {"MISSED", "SKIPPED", "INTERRUPTED"})
  void runsRecordedWithoutACallCountAsTheirStatus(RunStatus status) {
    var run = RunEnded.notCalled("j", "r", Trigger.SCHEDULE, AT, 1, AT, status, null);
    assertEquals(status.word(), RunMetrics.outcome(run));
  }

  @ParameterizedTest
  @EnumSource(value = RunStatus.class, names = "RUNNING", mode = EnumSource.Mode.EXCLUDE)
  void everyOutcomeIsAPreRegisteredCounter(RunStatus status) {
    assertTrue(RunMetrics.OUTCOMES.contains(status.word()), status + " has no counter");
  }
}
