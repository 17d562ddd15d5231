package dev.jobrunner.scheduling.control;

import dev.jobrunner.jobs.entity.ScheduleTime;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Slots of one zone that one calendar timer covers exactly: every hour listed with every minute
 * listed. A calendar expression with an hour list and a minute list fires at their cross product,
 * so only hours that use exactly the same minutes share a timer: each firing is a real slot and no
 * slot is left out. A zone needs at most 24 timers this way (one per distinct set of minutes)
 * instead of up to 1,440, one per slot.
 *
 * <p>DST: a change by whole hours shifts a firing's hour and keeps its minute, so a grouped timer
 * fires at the same instants as one timer per slot (checked against Payara's schedule code over the
 * 2026 changes of Paris and New York). A change by part of an hour (Lord Howe: 30 minutes) shifts
 * the minute of the times it skips, which a group's minute list may not hold: the hours such a
 * change touches keep one timer per slot, as before. Whatever fires, a firing only dispatches what
 * the database says is due (see {@link Slot}).
 */
public record SlotGroup(List<Integer> hours, List<Integer> minutes, ZoneId zone) {
  public SlotGroup {
    hours = sortedDistinct(hours, 24, "hour");
    minutes = sortedDistinct(minutes, 60, "minute");
    Objects.requireNonNull(zone, "zone");
  }

  /**
   * The fewest groups (one per zone and distinct set of minutes) that cover exactly these slots.
   */
  public static List<SlotGroup> of(Collection<Slot> slots) {
    // zone -> hour -> minutes
    Map<ZoneId, TreeMap<Integer, java.util.TreeSet<Integer>>> byZone = new LinkedHashMap<>();
    for (Slot slot : slots) {
      LocalTime time = slot.time().time();
      byZone
          .computeIfAbsent(slot.zone(), zone -> new TreeMap<>())
          .computeIfAbsent(time.getHour(), hour -> new java.util.TreeSet<>())
          .add(time.getMinute());
    }
    List<SlotGroup> groups = new ArrayList<>();
    byZone.entrySet().stream()
        .sorted(Map.Entry.comparingByKey(Comparator.comparing(ZoneId::getId)))
        .forEach(
            zone -> {
              Set<Integer> alone = hoursShiftedByPartOfAnHour(zone.getKey());
              // minutes -> the hours that use exactly those
              Map<List<Integer>, List<Integer>> hoursByMinutes = new LinkedHashMap<>();
              zone.getValue()
                  .forEach(
                      (hour, minutes) -> {
                        if (alone.contains(hour)) {
                          minutes.forEach(
                              minute ->
                                  groups.add(
                                      new SlotGroup(
                                          List.of(hour), List.of(minute), zone.getKey())));
                        } else {
                          hoursByMinutes
                              .computeIfAbsent(List.copyOf(minutes), m -> new ArrayList<>())
                              .add(hour);
                        }
                      });
              hoursByMinutes.forEach(
                  (minutes, hours) -> groups.add(new SlotGroup(hours, minutes, zone.getKey())));
            });
    return groups;
  }

  /**
   * Local hours that a zone's DST changes by part of an hour skip or repeat, from a year ago to two
   * years ahead (rules change rarely; the reconcile every 10 minutes recomputes).
   */
  static Set<Integer> hoursShiftedByPartOfAnHour(ZoneId zone) {
    Set<Integer> hours = new TreeSet<>();
    ZoneRules rules = zone.getRules();
    Instant end = Instant.now().plus(Duration.ofDays(2 * 366));
    for (ZoneOffsetTransition change =
            rules.nextTransition(Instant.now().minus(Duration.ofDays(366)));
        change != null && change.getInstant().isBefore(end);
        change = rules.nextTransition(change.getInstant())) {
      if (change.getDuration().getSeconds() % 3600 != 0) {
        LocalDateTime from =
            change.isGap() ? change.getDateTimeBefore() : change.getDateTimeAfter();
        LocalDateTime to = change.isGap() ? change.getDateTimeAfter() : change.getDateTimeBefore();
        for (LocalDateTime hour = from.truncatedTo(ChronoUnit.HOURS);
            hour.isBefore(to);
            hour = hour.plusHours(1)) {
          hours.add(hour.getHour());
        }
      }
    }
    return hours;
  }

  /** Every slot this group's timer fires for. */
  public List<Slot> slots() {
    List<Slot> slots = new ArrayList<>(hours.size() * minutes.size());
    for (int hour : hours) {
      for (int minute : minutes) {
        slots.add(new Slot(new ScheduleTime(LocalTime.of(hour, minute)), zone));
      }
    }
    return slots;
  }

  /** Whether this group's timer fires for that slot. */
  public boolean contains(Slot slot) {
    LocalTime time = slot.time().time();
    return zone.equals(slot.zone())
        && hours.contains(time.getHour())
        && minutes.contains(time.getMinute());
  }

  /** The calendar expression's {@code hour} attribute: {@code 8,14}. */
  public String hourList() {
    return hours.stream().map(String::valueOf).collect(Collectors.joining(","));
  }

  /** The calendar expression's {@code minute} attribute: {@code 0,30}. */
  public String minuteList() {
    return minutes.stream().map(String::valueOf).collect(Collectors.joining(","));
  }

  /**
   * Stable text form, the container timer's info: {@code 08,14:00,30@Europe/Paris}. A group of one
   * slot reads as that slot's key ({@code 08:00@Europe/Paris}), the info of the timers made one per
   * slot before, so a timer store kept across the change (WildFly's) is read the same way.
   */
  public String key() {
    return twoDigits(hours) + ":" + twoDigits(minutes) + "@" + zone.getId();
  }

  /** Reads {@link #key()}; throws {@link IllegalArgumentException} for anything else. */
  public static SlotGroup fromKey(String key) {
    int at = key.indexOf('@');
    int colon = key.indexOf(':');
    if (at < 0 || colon < 0 || colon > at) {
      throw new IllegalArgumentException("not a slot group key: " + key);
    }
    try {
      return new SlotGroup(
          numbers(key.substring(0, colon)),
          numbers(key.substring(colon + 1, at)),
          ZoneId.of(key.substring(at + 1)));
    } catch (java.time.DateTimeException e) {
      throw new IllegalArgumentException("not a slot group key: " + key, e);
    }
  }

  private static List<Integer> numbers(String list) {
    try {
      return Arrays.stream(list.split(",")).map(Integer::valueOf).toList();
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a list of numbers: " + list, e);
    }
  }

  private static String twoDigits(List<Integer> numbers) {
    return numbers.stream().map(n -> String.format("%02d", n)).collect(Collectors.joining(","));
  }

  private static List<Integer> sortedDistinct(List<Integer> values, int bound, String what) {
    List<Integer> sorted = values.stream().distinct().sorted().toList();
    if (sorted.isEmpty() || sorted.getFirst() < 0 || sorted.getLast() >= bound) {
      throw new IllegalArgumentException("invalid " + what + " list " + values);
    }
    return sorted;
  }
}
