package dev.jobrunner.scheduling.control;

import dev.jobrunner.delivery.control.CallOutcome;
import dev.jobrunner.delivery.control.CallStatus;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.apache.hc.client5.http.utils.DateUtils;

/**
 * When a failed scheduled attempt is tried again. Retried: no answer (timeout, unreachable), 408,
 * 429 and 5xx; never other 4xx, nor a call the SSRF guard blocked. The wait is the target's {@code
 * Retry-After} when it sends one, else exponential backoff ({@code base * 2^(attempt-1)}, capped)
 * with equal jitter (half fixed, half random), so that many jobs failing together do not retry
 * together. No retry is scheduled at or after the job's next occurrence: that occurrence takes
 * over.
 */
public record RetryPolicy(Duration base, Duration max) {
  /**
   * HttpClient's standard date formats, with asctime read as GMT: its own asctime formatter has no
   * zone, so {@code DateUtils.parseStandardDate} returns null for it. A one-digit asctime day is
   * space-padded ({@code Nov 1}), which the formatter reads once the double space is made single.
   */
  private static final DateTimeFormatter[] HTTP_DATES = {
    DateUtils.FORMATTER_RFC1123,
    DateUtils.FORMATTER_RFC1036,
    DateUtils.FORMATTER_ASCTIME.withZone(ZoneOffset.UTC)
  };

  /** The decision for one ended attempt: a time for the next one, or why there is none. */
  public record Decision(Optional<Instant> retryAt, String note) {
    static Decision retryAt(Instant at, String note) {
      return new Decision(Optional.of(at), note);
    }

    static Decision none(String note) {
      return new Decision(Optional.empty(), note);
    }
  }

  public static boolean retryable(CallOutcome outcome) {
    return switch (outcome.status()) {
      case SUCCESS, BLOCKED, SKIPPED -> false;
      case TIMEOUT, UNREACHABLE -> true;
      case FAILURE -> {
        int code = outcome.httpCode().orElse(0);
        yield code == 408 || code == 429 || code >= 500;
      }
    };
  }

  /**
   * @param attempt the attempt that just ended, from 1
   * @param retries how many retries the job allows after the first attempt
   * @param nextOccurrence the job's next scheduled instant, if it has one
   */
  public Decision decide(
      CallOutcome outcome,
      int attempt,
      int retries,
      Instant now,
      Optional<Instant> nextOccurrence,
      RandomGenerator random) {
    if (outcome.status() == CallStatus.SUCCESS) {
      return Decision.none(null);
    }
    if (!retryable(outcome)) {
      return Decision.none(
          outcome.status() == CallStatus.BLOCKED
              ? null
              : "Not retried: the target refused the request");
    }
    if (attempt > retries) {
      return Decision.none(retries == 0 ? null : "No retries left (" + retries + " allowed)");
    }
    Optional<Duration> asked = retryAfter(outcome, now);
    Duration wait = asked.orElseGet(() -> backoff(attempt, random));
    Instant at = now.plus(wait);
    if (nextOccurrence.isPresent() && !at.isBefore(nextOccurrence.get())) {
      return Decision.none(
          "Not retried: the next occurrence at " + nextOccurrence.get() + " comes first");
    }
    String why = asked.isPresent() ? " (Retry-After)" : "";
    return Decision.retryAt(at, "Retry " + attempt + " of " + retries + " at " + at + why);
  }

  Duration backoff(int attempt, RandomGenerator random) {
    long exponential = base.toMillis() << Math.min(attempt - 1, 30);
    long capped = Math.min(exponential <= 0 ? Long.MAX_VALUE : exponential, max.toMillis());
    long half = capped / 2;
    return Duration.ofMillis(half + (half == 0 ? 0 : random.nextLong(half + 1)));
  }

  /**
   * {@code Retry-After} as delay-seconds or an HTTP date in any of the three formats RFC 9110 says
   * a recipient must read (IMF-fixdate, RFC 850, asctime); zero for a date in the past, nothing for
   * an unreadable value.
   */
  static Optional<Duration> retryAfter(CallOutcome outcome, Instant now) {
    Optional<String> value = outcome.header("Retry-After");
    if (value.isEmpty()) {
      return Optional.empty();
    }
    String text = value.get();
    if (text.matches("[0-9]{1,9}")) {
      return Optional.of(Duration.ofSeconds(Long.parseLong(text)));
    }
    return Optional.ofNullable(DateUtils.parseDate(text.replace("  ", " "), HTTP_DATES))
        .map(at -> at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO);
  }
}
