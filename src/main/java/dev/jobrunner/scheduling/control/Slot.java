package dev.jobrunner.scheduling.control;

import dev.jobrunner.jobs.entity.JobSpec;
import dev.jobrunner.jobs.entity.ScheduleTime;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A wall-clock time in a zone, shared by every job scheduled then: the unit that owns one container
 * timer.
 *
 * <p>DST rule, the one that never runs a job twice on one day and never skips it: a time that does
 * not exist (spring forward, 02:30 in a 02:00-03:00 gap) runs at the same distance past the gap's
 * start (03:30 new time); a time that exists twice (fall back) runs at its first occurrence only.
 */
public record Slot(ScheduleTime time, ZoneId zone) {
  public Slot {
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(zone, "zone");
  }

  /** This slot's instant on a local date. */
  public Instant on(LocalDate date) {
    // ZonedDateTime.of shifts a time in a gap forward by the gap's length and takes the earlier
    // offset in an
    // overlap: exactly the rule above.
    return ZonedDateTime.of(date, time.time(), zone).toInstant();
  }

  /** Occurrences in the window (from, to], oldest first. */
  public List<Instant> between(Instant from, Instant to) {
    List<Instant> found = new ArrayList<>();
    LocalDate day = from.atZone(zone).toLocalDate().minusDays(1);
    LocalDate last = to.atZone(zone).toLocalDate().plusDays(1);
    for (; !day.isAfter(last); day = day.plusDays(1)) {
      Instant at = on(day);
      if (at.isAfter(from) && !at.isAfter(to)) {
        found.add(at);
      }
    }
    return found;
  }

  /** The first occurrence strictly after {@code after}. */
  public Instant next(Instant after) {
    LocalDate day = after.atZone(zone).toLocalDate().minusDays(1);
    while (true) {
      Instant at = on(day);
      if (at.isAfter(after)) {
        return at;
      }
      day = day.plusDays(1);
    }
  }

  /** The slots a job's schedulation occupies. */
  public static List<Slot> of(JobSpec spec) {
    return spec.times().stream().map(time -> new Slot(time, spec.zone())).toList();
  }

  /** The next {@code count} occurrences of any of these slots after {@code after}, oldest first. */
  public static List<Instant> nextOccurrences(List<Slot> slots, Instant after, int count) {
    List<Instant> found = new ArrayList<>();
    Instant cursor = after;
    while (found.size() < count && !slots.isEmpty()) {
      Instant from = cursor;
      Instant next =
          slots.stream().map(slot -> slot.next(from)).min(Instant::compareTo).orElseThrow();
      found.add(next);
      cursor = next;
    }
    return found;
  }

  /** Stable text form, used as the container timer's info: {@code 08:00@Europe/Paris}. */
  public String key() {
    return time + "@" + zone.getId();
  }

  public static Slot fromKey(String key) {
    int at = key.indexOf('@');
    return new Slot(
        ScheduleTime.parse(key.substring(0, at)).orElseThrow(), ZoneId.of(key.substring(at + 1)));
  }
}
