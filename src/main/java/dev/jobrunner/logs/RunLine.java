package dev.jobrunner.logs;

import dev.jobrunner.events.RunEnded;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A finished run as one log line: {@code key=value} pairs for a person or a logfmt parser, and the
 * same pairs as fields for a JSON formatter. Only ids, instants, the status and numbers: never the
 * target's URL, a header value, a body or a response, so a log shipper never receives a secret.
 */
final class RunLine {
  private RunLine() {}

  static Map<String, String> fields(RunEnded run) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("job_id", run.jobId());
    fields.put("run_id", run.runId());
    fields.put("trigger", run.trigger().word());
    run.scheduledAt().ifPresent(at -> fields.put("scheduled_at", at.toString()));
    fields.put("attempt", Integer.toString(run.attempt()));
    fields.put("status", run.status().word());
    // Not String.format: its parser cost a tenth of a burst's profile; the same two decimals.
    run.ms()
        .ifPresent(
            ms ->
                fields.put(
                    "ms",
                    BigDecimal.valueOf(ms).setScale(2, RoundingMode.HALF_UP).toPlainString()));
    run.lateness()
        .ifPresent(lateness -> fields.put("lateness_ms", Long.toString(lateness.toMillis())));
    run.retryAt().map(Instant::toString).ifPresent(at -> fields.put("retry_at", at));
    return fields;
  }

  static String text(Map<String, String> fields) {
    StringBuilder line = new StringBuilder("Run ended:");
    fields.forEach((key, value) -> line.append(' ').append(key).append('=').append(value));
    return line.toString();
  }
}
