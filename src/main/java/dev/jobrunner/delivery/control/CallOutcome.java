package dev.jobrunner.delivery.control;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What came back from a call. {@code answer} is the target's status and headers as received; it is
 * null when nothing answered, and {@code reason} then says why. {@code response} is at most the
 * configured number of bytes of the body; {@code truncated} tells if more was sent and discarded.
 * The wire text of the headers ({@code Name: value}) is the API view's business; only the status
 * line is formatted here, because the run history stores it.
 */
public record CallOutcome(
    CallStatus status,
    Answer answer,
    String response,
    boolean truncated,
    double ms,
    String reason) {

  /** An HTTP answer's status and headers, in the order received. */
  public record Answer(String protocol, int code, String reasonPhrase, List<Header> headers) {
    public Answer {
      headers = List.copyOf(headers);
    }

    /**
     * As on the wire: {@code HTTP/1.1 200 OK}, without the reason phrase when the target sent none.
     */
    public String statusLine() {
      return protocol
          + " "
          + code
          + (reasonPhrase == null || reasonPhrase.isEmpty() ? "" : " " + reasonPhrase);
    }
  }

  public record Header(String name, String value) {}

  public static CallOutcome noAnswer(CallStatus status, double ms, String reason) {
    return new CallOutcome(status, null, "", false, ms, reason);
  }

  /** The status line as received, or null when nothing answered. */
  public String statusLine() {
    return answer == null ? null : answer.statusLine();
  }

  /** The HTTP status code answered, if anything answered. */
  public OptionalInt httpCode() {
    return answer == null ? OptionalInt.empty() : OptionalInt.of(answer.code());
  }

  /** The first value of a response header, by name ignoring case. */
  public Optional<String> header(String name) {
    if (answer == null) {
      return Optional.empty();
    }
    String wanted = name.toLowerCase(Locale.ROOT);
    return answer.headers().stream()
        .filter(header -> header.name().toLowerCase(Locale.ROOT).equals(wanted))
        .map(header -> header.value().strip())
        .findFirst();
  }

  /** Elapsed milliseconds rounded to two decimals, as the API shows them. */
  public static double roundMs(long nanos) {
    return Math.round(nanos / 10_000.0) / 100.0;
  }
}
