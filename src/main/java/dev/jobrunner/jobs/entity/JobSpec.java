package dev.jobrunner.jobs.entity;

import java.net.URI;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;

/**
 * What a job is, validated: the call it makes and when. {@code contentType} and {@code body} may be null;
 * {@code times} may be empty (a job that only runs on demand). Times are wall-clock times in {@code zone}.
 */
public record JobSpec(
    String title,
    HttpMethod method,
    URI url,
    String contentType,
    String body,
    List<ScheduleTime> times,
    ZoneId zone,
    MissedRunPolicy missedRunPolicy) {

  public JobSpec {
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(url, "url");
    times = List.copyOf(times);
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(missedRunPolicy, "missedRunPolicy");
  }

  public boolean hasBody() {
    return body != null && !body.isEmpty();
  }
}
