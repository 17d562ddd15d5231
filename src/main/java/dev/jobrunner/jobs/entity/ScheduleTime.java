package dev.jobrunner.jobs.entity;

import java.time.LocalTime;
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
