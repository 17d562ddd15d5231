package dev.jobrunner.jobs.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jobrunner.scheduling.control.Slot;
import java.net.URI;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JobSpecTest {

  private static JobSpec scheduled(String zone, String... times) {
    return new JobSpec(
        "t",
        HttpMethod.POST,
        URI.create("https://example.com/"),
        null,
        null,
        Arrays.stream(times).map(text -> ScheduleTime.parse(text).orElseThrow()).toList(),
        ZoneId.of(zone),
        MissedRunPolicy.DEFAULT,
        DeliveryPolicy.DEFAULT,
        null);
  }

  @Test
  void nextOccurrencesInOrderAcrossDays() {
    assertEquals(
        List.of(
            Instant.parse("2026-06-01T12:30:00Z"),
            Instant.parse("2026-06-02T06:00:00Z"),
            Instant.parse("2026-06-02T12:30:00Z")),
        scheduled("Europe/Paris", "14:30", "08:00")
            .nextOccurrences(Instant.parse("2026-06-01T09:00:00Z"), 3));
  }

  @Test
  void aJobWithoutTimesHasNone() {
    assertEquals(List.of(), scheduled("UTC").nextOccurrences(Instant.now(), 5));
  }

  @Test
  void twoTimesOnOneInstantAreOneOccurrence() {
    // 2026-03-29 in Paris: 02:30 does not exist and runs at 03:30, when 03:30 itself runs.
    assertEquals(
        List.of(Instant.parse("2026-03-29T01:30:00Z"), Instant.parse("2026-03-30T00:30:00Z")),
        scheduled("Europe/Paris", "02:30", "03:30")
            .nextOccurrences(Instant.parse("2026-03-29T00:00:00Z"), 2));
  }

  /**
   * The job's next runs (shown by the API) and the scheduler's slots (which fire them) follow one
   * rule, also around DST changes: gaps, overlaps, a 30-minute shift.
   */
  @ParameterizedTest(name = "{1} in {0} after {2}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          Europe/Paris        | 02:30 03:30 01:15     | 2026-03-28T12:00:00Z
          Europe/Paris        | 02:30 02:00 00:00     | 2026-10-24T12:00:00Z
          America/New_York    | 01:30 02:30 23:59     | 2026-03-07T12:00:00Z
          America/New_York    | 01:30 01:00           | 2026-10-31T12:00:00Z
          Australia/Lord_Howe | 02:15 02:00 01:45     | 2026-10-03T00:00:00Z
          UTC                 | 00:00 12:00           | 2026-12-31T23:59:59Z
          """)
  void nextRunsAreTheSlotsOccurrences(String zone, String times, Instant after) {
    JobSpec spec = scheduled(zone, times.split(" "));
    assertEquals(Slot.nextOccurrences(Slot.of(spec), after, 12), spec.nextOccurrences(after, 12));
  }
}
