package dev.jobrunner.alerts.entity;

import java.util.Locale;

/**
 * How one notification to one receiver ended, as an event for the metrics: {@code sent} (2xx),
 * {@code failed} (after its retries), {@code blocked} (the SSRF guard refused the address), {@code
 * dropped} (the queue was full).
 */
public enum NotificationOutcome {
  SENT,
  FAILED,
  BLOCKED,
  DROPPED;

  public String word() {
    return name().toLowerCase(Locale.ROOT);
  }
}
