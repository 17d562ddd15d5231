package dev.jobrunner.metrics;

import java.time.Duration;
import java.time.Instant;

/**
 * Paused jobs as last counted. The count reads every job (a paused flag is not worth an index
 * written by every create), so it is due again after 5 s, or after twenty times as long as it took
 * last: on a large embedded database under load it costs at most a twentieth of a core.
 */
record PausedJobs(Instant at, Duration took, double all, double auto) {
  static final Duration FRESH_FOR = Duration.ofSeconds(5);
  static final PausedJobs UNKNOWN = unknownAt(Instant.EPOCH);

  static PausedJobs unknownAt(Instant at) {
    return new PausedJobs(at, Duration.ZERO, Double.NaN, Double.NaN);
  }

  boolean due(Instant now) {
    Duration wait = took.multipliedBy(20);
    return !now.isBefore(at.plus(wait.compareTo(FRESH_FOR) > 0 ? wait : FRESH_FOR));
  }

  /** Paused by a person. */
  double byPerson() {
    return all - auto;
  }
}
