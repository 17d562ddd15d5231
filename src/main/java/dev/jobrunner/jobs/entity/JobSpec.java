package dev.jobrunner.jobs.entity;

import java.net.URI;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * What a job is, validated: the call it makes, when, and how it is delivered. {@code contentType}
 * and {@code body} may be null; {@code times} may be empty (a job that only runs on demand). Times
 * are wall-clock times in {@code zone}. {@code notifyUrl} (may be null) receives the job's alerts.
 * Secrets (custom header values, the signing secret) are not part of it.
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

  /**
   * The next {@code count} occurrences after {@code after}, oldest first; none for a job that only
   * runs on demand. Two times that fall on one instant (a DST gap) are one occurrence.
   */
  public List<Instant> nextOccurrences(Instant after, int count) {
    List<Instant> found = new ArrayList<>();
    Instant cursor = after;
    while (found.size() < count && !times.isEmpty()) {
      Instant from = cursor;
      cursor =
          times.stream()
              .map(time -> time.next(from, zone))
              .min(Comparator.naturalOrder())
              .orElseThrow();
      found.add(cursor);
    }
    return found;
  }

  /**
   * Whether the times or their zone differ: what makes a change take effect from the next
   * occurrence.
   */
  public boolean scheduleDiffers(JobSpec other) {
    return !times.equals(other.times) || !zone.equals(other.zone);
  }
}
