package dev.jobrunner.jobs.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class ScheduleTimeTest {

  @ParameterizedTest(name = "\"{0}\" is {1}:{2}, minute {3} of the day")
  @CsvSource({
    "00:00, 0, 0, 0",
    "00:01, 0, 1, 1",
    "08:00, 8, 0, 480",
    "09:05, 9, 5, 545",
    "12:34, 12, 34, 754",
    "19:59, 19, 59, 1199",
    "20:00, 20, 0, 1200",
    "23:59, 23, 59, 1439",
  })
  void parsesStrictHhMm(String text, int hour, int minute, int minuteOfDay) {
    ScheduleTime time = ScheduleTime.parse(text).orElseThrow();

    assertEquals(LocalTime.of(hour, minute), time.time());
    assertEquals(minuteOfDay, time.minuteOfDay());
    assertEquals(text, time.toString());
  }

  @ParameterizedTest(name = "\"{0}\" is rejected")
  @NullAndEmptySource
  @ValueSource(
      strings = {
        "24:00",
        "24:30",
        "23:60",
        "99:99", // out of range
        "8:00",
        "08:0",
        "8:0",
        "008:00",
        "08:000", // wrong digit counts
        "08:00:00",
        "08.00",
        "08-00",
        "0800",
        "08h00", // wrong shape
        " 08:00",
        "08:00 ",
        "08:00\n",
        "\t08:00",
        " ", // surrounding whitespace
        "ab:cd",
        "-1:00",
        "+8:00",
        "0x:10",
        "\u0660\u0668:\u0660\u0660", // Arabic-Indic digits are not ASCII digits
      })
  void rejectsAnythingButStrictHhMm(String text) {
    assertEquals(Optional.empty(), ScheduleTime.parse(text));
  }

  @Test
  void toStringRoundTripsEveryMinuteOfTheDay() {
    int parsed = 0;
    for (int hour = 0; hour < 24; hour++) {
      for (int minute = 0; minute < 60; minute++) {
        var time = new ScheduleTime(LocalTime.of(hour, minute));
        assertEquals(Optional.of(time), ScheduleTime.parse(time.toString()), time::toString);
        assertEquals(hour * 60 + minute, time.minuteOfDay());
        parsed++;
      }
    }
    assertEquals(24 * 60, parsed);
  }

  @Test
  void equalTimesAreEqualRecords() {
    assertEquals(new ScheduleTime(LocalTime.of(8, 0)), ScheduleTime.parse("08:00").orElseThrow());
    assertEquals(
        ScheduleTime.parse("08:00").orElseThrow().hashCode(),
        new ScheduleTime(LocalTime.NOON.minusHours(4)).hashCode());
  }

  @Test
  void ordersByTimeOfDay() {
    List<ScheduleTime> times =
        new ArrayList<>(
            Stream.of("23:59", "08:00", "00:00", "12:30", "08:01")
                .map(ScheduleTimeTest::time)
                .toList());

    times.sort(null);

    assertEquals(
        List.of("00:00", "08:00", "08:01", "12:30", "23:59"),
        times.stream().map(ScheduleTime::toString).toList());
  }

  @Test
  void compareToIsConsistentWithEquals() {
    assertEquals(0, time("10:15").compareTo(time("10:15")));
    assertTrue(time("10:14").compareTo(time("10:15")) < 0);
    assertTrue(time("10:16").compareTo(time("10:15")) > 0);
    assertTrue(time("09:59").compareTo(time("10:00")) < 0);
  }

  @Test
  void constructorRejectsSecondsAndNanos() {
    assertThrows(IllegalArgumentException.class, () -> new ScheduleTime(LocalTime.of(8, 0, 1)));
    assertThrows(IllegalArgumentException.class, () -> new ScheduleTime(LocalTime.of(8, 0, 0, 1)));
  }

  @Test
  void constructorRejectsNull() {
    assertThrows(NullPointerException.class, () -> new ScheduleTime(null));
  }

  private static ScheduleTime time(String text) {
    return ScheduleTime.parse(text).orElseThrow();
  }
}
