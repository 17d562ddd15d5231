package dev.jobrunner.alerts.control;

import dev.jobrunner.alerts.entity.NotificationType;
import dev.jobrunner.events.RunEnded;
import dev.jobrunner.runs.entity.RunStatus;
import java.util.Optional;

/**
 * Which run outcomes are worth telling someone. A streak is counted in occurrences whose last
 * attempt failed, as the job's {@code consecutive_failures} is: it "starts" when it reaches the
 * threshold (told once, not at every later failure), and a success after it is a recovery.
 */
final class AlertRules {
  private AlertRules() {}

  static Optional<NotificationType> typeOf(RunEnded run, int failureStreak) {
    if (run.status() == RunStatus.MISSED) {
      return Optional.of(NotificationType.RUN_MISSED);
    }
    if (run.status() == RunStatus.INTERRUPTED) {
      return Optional.of(NotificationType.RUN_INTERRUPTED);
    }
    if (!run.finalOutcomeOfOccurrence()) {
      return Optional.empty();
    }
    if (run.failed() && run.failuresBefore() + 1 == failureStreak) {
      return Optional.of(NotificationType.JOB_FAILING);
    }
    if (run.status() == RunStatus.SUCCESS && run.failuresBefore() >= failureStreak) {
      return Optional.of(NotificationType.JOB_RECOVERED);
    }
    return Optional.empty();
  }

  /** The job's consecutive failed occurrences after this outcome, for the payload. */
  static Integer failuresAfter(RunEnded run) {
    if (!run.finalOutcomeOfOccurrence()) {
      return null;
    }
    return run.failed() ? run.failuresBefore() + 1 : 0;
  }
}
