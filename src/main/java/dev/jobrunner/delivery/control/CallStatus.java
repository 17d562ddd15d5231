package dev.jobrunner.delivery.control;

import java.util.Locale;

/**
 * How an outbound call ended. {@code success}: a 2xx answer. {@code failure}: any other answer.
 * {@code timeout}: no complete answer within the connect or total timeout. {@code unreachable}: no
 * answer at all (connection refused, DNS failure, TLS or network error). {@code blocked}: not made,
 * because the address it would connect to is not public and not allowlisted (the SSRF guard).
 */
public enum CallStatus {
  SUCCESS,
  FAILURE,
  TIMEOUT,
  UNREACHABLE,
  BLOCKED,
  /** Not made: another run of the job was in flight and its overlap policy is skip. */
  SKIPPED;

  public String word() {
    return name().toLowerCase(Locale.ROOT);
  }
}
