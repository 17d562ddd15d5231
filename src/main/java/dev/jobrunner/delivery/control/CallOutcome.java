package dev.jobrunner.delivery.control;

import java.util.List;

/**
 * What came back from a call. {@code headers} starts with the status line as received, then one
 * {@code Name: value} per header; it is empty when nothing answered, and {@code reason} then says why.
 * {@code response} is at most the configured number of bytes of the body; {@code truncated} tells if more
 * was sent and discarded.
 */
public record CallOutcome(
    CallStatus status,
    List<String> headers,
    String response,
    boolean truncated,
    double ms,
    String reason) {

  public CallOutcome {
    headers = List.copyOf(headers);
  }

  public static CallOutcome noAnswer(CallStatus status, double ms, String reason) {
    return new CallOutcome(status, List.of(), "", false, ms, reason);
  }

  public String statusLine() {
    return headers.isEmpty() ? null : headers.getFirst();
  }

  /** The HTTP status code answered, if anything answered. */
  public java.util.OptionalInt httpCode() {
    if (headers.isEmpty()) {
      return java.util.OptionalInt.empty();
    }
    String[] parts = headers.getFirst().split(" ");
    try {
      return parts.length > 1 ? java.util.OptionalInt.of(Integer.parseInt(parts[1])) : java.util.OptionalInt.empty();
    } catch (NumberFormatException notACode) {
      return java.util.OptionalInt.empty();
    }
  }

  /** The first value of a response header, by name ignoring case. */
  public java.util.Optional<String> header(String name) {
    String prefix = name.toLowerCase(java.util.Locale.ROOT) + ":";
    return headers.stream()
        .skip(1)
        .filter(h -> h.toLowerCase(java.util.Locale.ROOT).startsWith(prefix))
        .map(h -> h.substring(prefix.length()).strip())
        .findFirst();
  }

  /** Elapsed milliseconds rounded to two decimals, as the API shows them. */
  public static double roundMs(long nanos) {
    return Math.round(nanos / 10_000.0) / 100.0;
  }
}
