package dev.jobrunner.scheduling.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jobrunner.delivery.control.CallOutcome;
import dev.jobrunner.delivery.control.CallStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RetryPolicyTest {
  private static final Instant NOW = Instant.parse("2026-11-29T08:00:00Z");
  private static final RetryPolicy POLICY =
      new RetryPolicy(Duration.ofSeconds(10), Duration.ofMinutes(10));

  /** An answer with this code and these {@code Name: value} headers. */
  private static CallOutcome answered(int code, String... headers) {
    List<CallOutcome.Header> all =
        Stream.of(headers)
            .map(h -> h.split(": ", 2))
            .map(h -> new CallOutcome.Header(h[0], h[1]))
            .toList();
    var answer = new CallOutcome.Answer("HTTP/1.1", code, "X", all);
    return new CallOutcome(
        code < 300 ? CallStatus.SUCCESS : CallStatus.FAILURE, answer, "", false, 1, null);
  }

  @ParameterizedTest
  @ValueSource(ints = {408, 429, 500, 502, 503, 504})
  void retriesTheseAnswers(int code) {
    assertTrue(RetryPolicy.retryable(answered(code)));
  }

  @ParameterizedTest
  @ValueSource(ints = {200, 204, 301, 400, 401, 403, 404, 409, 410, 422})
  void neverRetriesTheseAnswers(int code) {
    assertFalse(RetryPolicy.retryable(answered(code)));
  }

  @Test
  void noAnswerIsRetriedButABlockedCallIsNot() {
    assertTrue(RetryPolicy.retryable(CallOutcome.noAnswer(CallStatus.TIMEOUT, 1, "t")));
    assertTrue(RetryPolicy.retryable(CallOutcome.noAnswer(CallStatus.UNREACHABLE, 1, "u")));
    assertFalse(RetryPolicy.retryable(CallOutcome.noAnswer(CallStatus.BLOCKED, 1, "b")));
  }

  @Test
  void backoffDoublesWithEqualJitterAndIsCapped() {
    var random = new Random(7);
    for (int attempt = 1; attempt <= 12; attempt++) {
      long full = Math.min(10_000L << (attempt - 1), 600_000);
      for (int i = 0; i < 50; i++) {
        long wait = POLICY.backoff(attempt, random).toMillis();
        assertTrue(wait >= full / 2 && wait <= full, attempt + ": " + wait);
      }
    }
  }

  @Test
  void retryAfterSecondsIsHonoured() {
    var decision =
        POLICY.decide(
            answered(503, "Retry-After: 120"), 1, 3, NOW, Optional.empty(), new Random(1));
    assertEquals(Optional.of(NOW.plusSeconds(120)), decision.retryAt());
    assertEquals("Retry 1 of 3 at 2026-11-29T08:02:00Z (Retry-After)", decision.note());
  }

  /**
   * The three HTTP date formats a recipient must read (RFC 9110 5.6.7), all for 08:05:00 GMT, 300 s
   * from now.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "Sun, 29 Nov 2026 08:05:00 GMT",
        "Sunday, 29-Nov-26 08:05:00 GMT",
        "Sun Nov 29 08:05:00 2026"
      })
  void retryAfterAsAnHttpDateIsHonoured(String date) {
    var decision =
        POLICY.decide(
            answered(429, "retry-after: " + date), 1, 3, NOW, Optional.empty(), new Random(1));
    assertEquals(Optional.of(NOW.plusSeconds(300)), decision.retryAt());
  }

  @Test
  void anAsctimeDateWithAOneDigitDayIsRead() {
    Instant now = Instant.parse("2026-11-01T08:00:00Z");
    var decision =
        POLICY.decide(
            answered(503, "Retry-After: Sun Nov  1 08:05:00 2026"),
            1,
            3,
            now,
            Optional.empty(),
            new Random(1));
    assertEquals(Optional.of(now.plusSeconds(300)), decision.retryAt());
  }

  @Test
  void aRetryAfterDateInThePastMeansAtOnce() {
    var decision =
        POLICY.decide(
            answered(503, "Retry-After: Sun, 29 Nov 2026 07:00:00 GMT"),
            1,
            3,
            NOW,
            Optional.empty(),
            new Random(1));
    assertEquals(Optional.of(NOW), decision.retryAt());
  }

  @Test
  void anUnreadableRetryAfterFallsBackToBackoff() {
    var decision =
        POLICY.decide(
            answered(503, "Retry-After: soon"), 1, 3, NOW, Optional.empty(), new Random(1));
    long wait = Duration.between(NOW, decision.retryAt().orElseThrow()).toMillis();
    assertTrue(wait >= 5_000 && wait <= 10_000, "" + wait);
  }

  @Test
  void attemptsAreBounded() {
    assertTrue(
        POLICY
            .decide(answered(500), 3, 3, NOW, Optional.empty(), new Random(1))
            .retryAt()
            .isPresent());
    var last = POLICY.decide(answered(500), 4, 3, NOW, Optional.empty(), new Random(1));
    assertTrue(last.retryAt().isEmpty());
    assertEquals("No retries left (3 allowed)", last.note());
    assertTrue(
        POLICY
            .decide(answered(500), 1, 0, NOW, Optional.empty(), new Random(1))
            .retryAt()
            .isEmpty());
  }

  @Test
  void neverPastTheNextOccurrence() {
    var decision =
        POLICY.decide(
            answered(503, "Retry-After: 60"),
            1,
            3,
            NOW,
            Optional.of(NOW.plusSeconds(60)),
            new Random(1));
    assertTrue(decision.retryAt().isEmpty());
    assertEquals(
        "Not retried: the next occurrence at 2026-11-29T08:01:00Z comes first", decision.note());
  }

  @Test
  void aRefusalIsNotRetriedAndSaysSo() {
    var decision = POLICY.decide(answered(404), 1, 3, NOW, Optional.empty(), new Random(1));
    assertTrue(decision.retryAt().isEmpty());
    assertEquals("Not retried: the target refused the request", decision.note());
  }
}
