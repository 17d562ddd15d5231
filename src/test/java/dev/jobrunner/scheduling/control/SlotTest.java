package dev.jobrunner.scheduling.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jobrunner.jobs.entity.ScheduleTime;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SlotTest {

  private static Slot slot(String time, String zone) {
    return new Slot(ScheduleTime.parse(time).orElseThrow(), ZoneId.of(zone));
  }

  @ParameterizedTest(name = "{0} {1} on {2} -> {3}")
  @CsvSource({
    // ordinary days
    "08:00, UTC,              2026-06-01, 2026-06-01T08:00:00Z",
    "08:00, Europe/Paris,     2026-06-01, 2026-06-01T06:00:00Z",
    "08:00, Europe/Paris,     2026-12-01, 2026-12-01T07:00:00Z",
    // spring forward: 02:30 does not exist, runs at 03:30 new time (same distance past the gap)
    "02:30, America/New_York, 2026-03-08, 2026-03-08T07:30:00Z",
    "02:30, Europe/Paris,     2026-03-29, 2026-03-29T01:30:00Z",
    "02:00, Europe/Paris,     2026-03-29, 2026-03-29T01:00:00Z",
    // fall back: 01:30 exists twice, runs at the first one only
    "01:30, America/New_York, 2026-11-01, 2026-11-01T05:30:00Z",
    "02:30, Europe/Paris,     2026-10-25, 2026-10-25T00:30:00Z",
    // Lord Howe shifts by 30 minutes
    "02:15, Australia/Lord_Howe, 2026-10-04, 2026-10-03T15:45:00Z",
  })
  void instantOnADate(String time, String zone, LocalDate date, Instant expected) {
    assertEquals(expected, slot(time, zone).on(date));
  }

  @Test
  void aTimeRepeatedByFallBackRunsOnceThatDay() {
    Slot slot = slot("01:30", "America/New_York");
    List<Instant> day =
        slot.between(Instant.parse("2026-11-01T04:00:00Z"), Instant.parse("2026-11-02T04:00:00Z"));
    assertEquals(List.of(Instant.parse("2026-11-01T05:30:00Z")), day);
  }

  @Test
  void aTimeSkippedBySpringForwardStillRunsThatDay() {
    Slot slot = slot("02:30", "Europe/Paris");
    List<Instant> day =
        slot.between(Instant.parse("2026-03-28T23:00:00Z"), Instant.parse("2026-03-29T22:00:00Z"));
    assertEquals(List.of(Instant.parse("2026-03-29T01:30:00Z")), day);
  }

  @Test
  void everyDayOfAYearHasExactlyOneOccurrence() {
    for (String zone : List.of("Europe/Paris", "America/New_York", "Australia/Lord_Howe", "UTC")) {
      for (String time : List.of("00:00", "01:30", "02:30", "23:59")) {
        Slot slot = slot(time, zone);
        var occurrences =
            slot.between(
                Instant.parse("2026-01-01T12:00:00Z"), Instant.parse("2027-01-01T12:00:00Z"));
        assertEquals(365, occurrences.size(), time + " " + zone);
        for (int i = 1; i < occurrences.size(); i++) {
          long hours =
              java.time.Duration.between(occurrences.get(i - 1), occurrences.get(i)).toHours();
          assertEquals(
              true,
              hours >= 22 && hours <= 25,
              time + " " + zone + " gap " + hours + "h at " + occurrences.get(i));
        }
      }
    }
  }

  @Test
  void windowIsExclusiveAtTheStartAndInclusiveAtTheEnd() {
    Slot slot = slot("08:00", "UTC");
    Instant eight = Instant.parse("2026-06-01T08:00:00Z");
    assertEquals(List.of(eight), slot.between(eight.minusSeconds(1), eight));
    assertEquals(List.of(), slot.between(eight, eight.plusSeconds(60)));
  }

  @Test
  void nextIsStrictlyAfter() {
    Slot slot = slot("08:00", "Europe/Paris");
    assertEquals(
        Instant.parse("2026-06-01T06:00:00Z"), slot.next(Instant.parse("2026-06-01T05:59:59Z")));
    assertEquals(
        Instant.parse("2026-06-02T06:00:00Z"), slot.next(Instant.parse("2026-06-01T06:00:00Z")));
  }

  @Test
  void nextOccurrencesMergeSlotsInOrder() {
    List<Slot> slots = List.of(slot("14:30", "UTC"), slot("08:00", "UTC"));
    assertEquals(
        List.of(
            Instant.parse("2026-06-01T14:30:00Z"),
            Instant.parse("2026-06-02T08:00:00Z"),
            Instant.parse("2026-06-02T14:30:00Z")),
        Slot.nextOccurrences(slots, Instant.parse("2026-06-01T09:00:00Z"), 3));
    assertEquals(List.of(), Slot.nextOccurrences(List.of(), Instant.now(), 3));
  }

  @Test
  void occurrencesAcrossSlotsAreNewestFirst() {
    List<Slot> slots =
        List.of(slot("08:00", "UTC"), slot("08:01", "UTC"), slot("09:00", "Europe/Paris"));
    var found =
        Occurrence.between(
            slots, Instant.parse("2026-06-01T07:00:00Z"), Instant.parse("2026-06-01T08:30:00Z"));
    // 09:00 Paris is 07:00Z, on the window's exclusive start: not included.
    assertEquals(
        List.of(Instant.parse("2026-06-01T08:01:00Z"), Instant.parse("2026-06-01T08:00:00Z")),
        found.stream().map(Occurrence::at).toList());
  }

  @Test
  void keyRoundTrips() {
    Slot slot = slot("08:05", "America/Argentina/Buenos_Aires");
    assertEquals("08:05@America/Argentina/Buenos_Aires", slot.key());
    assertEquals(slot, Slot.fromKey(slot.key()));
  }
}
