package dev.jobrunner.jobs.entity;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/** A wall-clock time of day at minute precision, written {@code HH:mm} (00:00 to 23:59). */
public record ScheduleTime(LocalTime time) implements Comparable<ScheduleTime> {
  private static final Pattern HH_MM = Pattern.compile("([01][0-9]|2[0-3]):([0-5][0-9])");

  public ScheduleTime {
    Objects.requireNonNull(time, "time");
    if (time.getSecond() != 0 || time.getNano() != 0) {
      throw new IllegalArgumentException("schedule times have minute precision: " + time);
    }
  }

  /** Strict {@code HH:mm}: two digits each, no seconds, no spaces; empty otherwise. */
  public static Optional<ScheduleTime> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    var match = HH_MM.matcher(text);
    if (!match.matches()) {
      return Optional.empty();
    }
    int hour = Integer.parseInt(match.group(1));
    int minute = Integer.parseInt(match.group(2));
    return Optional.of(new ScheduleTime(LocalTime.of(hour, minute)));
  }

  /**
   * This time's instant on a local date in a zone. DST: a time that does not exist (spring forward,
   * 02:30 in a 02:00-03:00 gap) is at the same distance past the gap's start (03:30 new time); a
   * time that exists twice (fall back) is at its first occurrence. So a job never runs twice on one
   * day and never skips one.
   */
  public Instant on(LocalDate date, ZoneId zone) {
    // ZonedDateTime.of shifts a time in a gap forward by the gap's length and takes the earlier
    // offset in an
    // overlap: exactly the rule above.
    return ZonedDateTime.of(date, time, zone).toInstant();
  }

  /** The first occurrence strictly after {@code after}. */
  public Instant next(Instant after, ZoneId zone) {
    for (LocalDate day = after.atZone(zone).toLocalDate().minusDays(1); ; day = day.plusDays(1)) {
      Instant at = on(day, zone);
      if (at.isAfter(after)) {
        return at;
      }
    }
  }

  public int minuteOfDay() {
    return time.getHour() * 60 + time.getMinute();
  }

  @Override
  public int compareTo(ScheduleTime other) {
    return time.compareTo(other.time);
  }

  @Override
  public String toString() {
    return String.format("%02d:%02d", time.getHour(), time.getMinute());
  }
}
