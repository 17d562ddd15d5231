package dev.jobrunner.alerts.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jobrunner.alerts.entity.NotificationType;
import dev.jobrunner.events.RunEnded;
import dev.jobrunner.runs.entity.RunStatus;
import dev.jobrunner.runs.entity.Trigger;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AlertRulesTest {
  private static final Instant AT = Instant.parse("2026-12-02T08:00:00Z");
  private static final int STREAK = 3;

  /** kind: scheduled (final outcome), retrying (a retry follows), manual, or not-called. */
  @ParameterizedTest(name = "{0} {1} after {2} failures -> {3}")
  @CsvSource({
    "scheduled,  FAILURE,     2, JOB_FAILING",
    "scheduled,  TIMEOUT,     2, JOB_FAILING",
    "scheduled,  UNREACHABLE, 2, JOB_FAILING",
    "scheduled,  BLOCKED,     2, JOB_FAILING",
    "scheduled,  FAILURE,     1, none",
    "scheduled,  FAILURE,     3, none",
    "scheduled,  FAILURE,     7, none",
    "retrying,   FAILURE,     2, none",
    "manual,     FAILURE,     2, none",
    "scheduled,  SUCCESS,     3, JOB_RECOVERED",
    "scheduled,  SUCCESS,     9, JOB_RECOVERED",
    "scheduled,  SUCCESS,     2, none",
    "scheduled,  SUCCESS,     0, none",
    "manual,     SUCCESS,     5, none",
    "not-called, MISSED,      0, RUN_MISSED",
    "not-called, INTERRUPTED, 0, RUN_INTERRUPTED",
    "not-called, SKIPPED,     0, none",
  })
  void tellsTheStartOfAStreakItsEndAndWhatWasNotRun(
      String kind, RunStatus status, int before, String expected) {
    RunEnded run =
        switch (kind) {
          case "scheduled" ->
              RunEnded.called("j", "r", AT, 1, AT, status, 10, Optional.empty(), before, "detail");
          case "retrying" ->
              RunEnded.called(
                  "j",
                  "r",
                  AT,
                  1,
                  AT,
                  status,
                  10,
                  Optional.of(AT.plusSeconds(10)),
                  before,
                  "detail");
          case "manual" -> RunEnded.manual("j", "r", AT, status, 10.0, "detail");
          default -> RunEnded.notCalled("j", "r", Trigger.SCHEDULE, AT, 1, AT, status, "detail");
        };
    assertEquals(
        expected, AlertRules.typeOf(run, STREAK).map(NotificationType::name).orElse("none"));
  }

  @ParameterizedTest(name = "{0} after {1} -> {2}")
  @CsvSource({"FAILURE, 2, 3", "SUCCESS, 4, 0"})
  void theStreakAfterAFinalOutcomeIsInThePayload(RunStatus status, int before, int after) {
    var run = RunEnded.called("j", "r", AT, 1, AT, status, 10, Optional.empty(), before, "detail");
    assertEquals(after, AlertRules.failuresAfter(run));
  }
}
