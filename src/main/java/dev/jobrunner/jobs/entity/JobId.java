package dev.jobrunner.jobs.entity;

import dev.jobrunner.api.RandomId;
import java.util.Objects;
import java.util.Optional;

/** A job's identifier: 24 lowercase hex characters, random, never reused. */
public record JobId(String value) {
  public JobId {
    Objects.requireNonNull(value, "value");
    if (!RandomId.isWellFormed(value)) {
      throw new IllegalArgumentException("not a job id: " + value);
    }
  }

  public static JobId generate() {
    return new JobId(RandomId.next());
  }

  /** Empty for anything that cannot be a job id, so a malformed id is simply "not found". */
  public static Optional<JobId> parse(String raw) {
    return RandomId.isWellFormed(raw) ? Optional.of(new JobId(raw)) : Optional.empty();
  }

  @Override
  public String toString() {
    return value;
  }
}
