package dev.jobrunner.jobs.entity;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * What happens to occurrences whose time passed while nothing could run them (downtime, a timer
 * that did not fire). {@code run_once}: the latest one runs once, late; the others are recorded as
 * {@code missed}. {@code skip}: all are recorded as {@code missed} and none is called.
 */
public enum MissedRunPolicy {
  RUN_ONCE,
  SKIP;

  public static final MissedRunPolicy DEFAULT = RUN_ONCE;

  public String word() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<MissedRunPolicy> parse(String word) {
    return Arrays.stream(values()).filter(p -> p.word().equals(word)).findFirst();
  }
}
