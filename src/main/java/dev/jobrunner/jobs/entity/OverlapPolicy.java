package dev.jobrunner.jobs.entity;

import java.util.Locale;
import java.util.Optional;

/**
 * What happens to an occurrence or manual run of a job while another run of it is in flight
 * (running, or waiting for a retry). {@code skip} (default): it is recorded as {@code skipped} and
 * not called. {@code allow}: it runs alongside.
 */
public enum OverlapPolicy {
  SKIP,
  ALLOW;

  public static final OverlapPolicy DEFAULT = SKIP;

  public static Optional<OverlapPolicy> parse(String word) {
    for (OverlapPolicy policy : values()) {
      if (policy.word().equals(word)) {
        return Optional.of(policy);
      }
    }
    return Optional.empty();
  }

  public String word() {
    return name().toLowerCase(Locale.ROOT);
  }
}
