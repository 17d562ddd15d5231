package dev.jobrunner.jobs.entity;

import java.net.URI;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;

/**
 * What a job is, validated: the call it makes, when, and how it is delivered. {@code contentType} and
 * {@code body} may be null; {@code times} may be empty (a job that only runs on demand). Times are
 * wall-clock times in {@code zone}. {@code notifyUrl} (may be null) receives the job's alerts. Secrets
 * (custom header values, the signing secret) are not part of it.
 */
public record JobSpec(
    String title,
    HttpMethod method,
    URI url,
    String contentType,
    String body,
    List<ScheduleTime> times,
    ZoneId zone,
    MissedRunPolicy missedRunPolicy,
    DeliveryPolicy delivery,
    URI notifyUrl) {

  public JobSpec {
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(url, "url");
    times = List.copyOf(times);
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(missedRunPolicy, "missedRunPolicy");
    Objects.requireNonNull(delivery, "delivery");
  }

  public boolean hasBody() {
    return body != null && !body.isEmpty();
  }

  /** Whether the times or their zone differ: what makes a change take effect from the next occurrence. */
  public boolean scheduleDiffers(JobSpec other) {
    return !times.equals(other.times) || !zone.equals(other.zone);
  }
}
