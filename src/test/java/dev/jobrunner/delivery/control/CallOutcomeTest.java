package dev.jobrunner.delivery.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CallOutcomeTest {

  @ParameterizedTest(name = "{0} ns -> {1} ms")
  @CsvSource({
    "0, 0.0",
    "4999, 0.0", // below half a hundredth
    "5000, 0.01", // exactly half a hundredth rounds up
    "10000, 0.01",
    "1000000, 1.0",
    "1234567, 1.23",
    "1234999, 1.23",
    "1235000, 1.24", // half up
    "1239999, 1.24",
    "2675000, 2.68",
    "999994999, 999.99",
    "999995000, 1000.0",
    "12345678901, 12345.68",
    "60000000000, 60000.0",
  })
  void roundMsRoundsToTwoDecimals(long nanos, double expectedMs) {
    assertEquals(expectedMs, CallOutcome.roundMs(nanos));
  }

  private static CallOutcome answered(CallOutcome.Answer answer) {
    return new CallOutcome(CallStatus.SUCCESS, answer, "hi", false, 1.5, null);
  }

  @ParameterizedTest(name = "{0} {1} \"{2}\" -> {3}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          HTTP/1.1 | 200 | OK                    | HTTP/1.1 200 OK
          HTTP/1.1 | 500 | Internal Server Error | HTTP/1.1 500 Internal Server Error
          HTTP/1.0 | 204 |                       | HTTP/1.0 204
          """)
  void theStatusLineIsFormattedAsReceived(
      String protocol, int code, String reasonPhrase, String expected) {
    var outcome = answered(new CallOutcome.Answer(protocol, code, reasonPhrase, List.of()));

    assertEquals(expected, outcome.statusLine());
    assertEquals(OptionalInt.of(code), outcome.httpCode());
  }

  @Test
  void aHeaderIsFoundByNameIgnoringCaseFirstValueFirst() {
    var outcome =
        answered(
            new CallOutcome.Answer(
                "HTTP/1.1",
                429,
                "Too Many Requests",
                List.of(
                    new CallOutcome.Header("Retry-After", " 120 "),
                    new CallOutcome.Header("X-Retry-After-Note", "no"),
                    new CallOutcome.Header("retry-after", "60"))));

    assertEquals(Optional.of("120"), outcome.header("retry-after"));
    assertEquals(Optional.of("120"), outcome.header("RETRY-AFTER"));
    assertEquals(Optional.empty(), outcome.header("Retry"));
  }

  @Test
  void noAnswerHasNoStatusLineNoCodeNoHeadersAndAnEmptyResponse() {
    CallStatus status = CallStatus.UNREACHABLE;
    var outcome = CallOutcome.noAnswer(status, 12.34, "connection refused");

    assertEquals(status, outcome.status());
    assertNull(outcome.answer());
    assertNull(outcome.statusLine());
    assertEquals(OptionalInt.empty(), outcome.httpCode());
    assertEquals(Optional.empty(), outcome.header("Content-Type"));
    assertEquals("", outcome.response());
    assertFalse(outcome.truncated());
    assertEquals(12.34, outcome.ms());
    assertEquals("connection refused", outcome.reason());
  }

  @Test
  void headersAreAnImmutableCopy() {
    List<CallOutcome.Header> headers = new ArrayList<>(List.of(new CallOutcome.Header("X-A", "1")));
    var answer = new CallOutcome.Answer("HTTP/1.1", 204, "No Content", headers);

    headers.add(new CallOutcome.Header("X-Late", "added"));

    assertEquals(List.of(new CallOutcome.Header("X-A", "1")), answer.headers());
    assertThrows(
        UnsupportedOperationException.class,
        () -> answer.headers().add(new CallOutcome.Header("X", "y")));
  }
}
