package dev.jobrunner.delivery.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
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

  @Test
  void statusLineIsTheFirstHeaderLine() {
    var outcome =
        new CallOutcome(
            CallStatus.SUCCESS,
            List.of("HTTP/1.1 200 OK", "Content-Type: text/plain"),
            "hi",
            false,
            1.5,
            null);

    assertEquals("HTTP/1.1 200 OK", outcome.statusLine());
  }

  @Test
  void noAnswerHasNoHeadersNoStatusLineAndAnEmptyResponse() {
    CallStatus status = CallStatus.UNREACHABLE;
    var outcome = CallOutcome.noAnswer(status, 12.34, "connection refused");

    assertEquals(status, outcome.status());
    assertEquals(List.of(), outcome.headers());
    assertNull(outcome.statusLine());
    assertEquals("", outcome.response());
    assertFalse(outcome.truncated());
    assertEquals(12.34, outcome.ms());
    assertEquals("connection refused", outcome.reason());
  }

  @Test
  void headersAreAnImmutableCopy() {
    List<String> headers = new ArrayList<>(List.of("HTTP/1.1 204 No Content"));
    var outcome = new CallOutcome(CallStatus.SUCCESS, headers, "", false, 0.0, null);

    headers.add("X-Late: added");

    assertEquals(List.of("HTTP/1.1 204 No Content"), outcome.headers());
    assertThrows(UnsupportedOperationException.class, () -> outcome.headers().add("X: y"));
  }
}
