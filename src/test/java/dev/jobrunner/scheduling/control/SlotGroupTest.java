package dev.jobrunner.scheduling.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jobrunner.jobs.entity.ScheduleTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SlotGroupTest {
  private static final ZoneId UTC = ZoneId.of("UTC");
  private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

  private static Slot slot(String time, ZoneId zone) {
    return new Slot(ScheduleTime.parse(time).orElseThrow(), zone);
  }

  private static List<Slot> slots(ZoneId zone, String... times) {
    return java.util.Arrays.stream(times).map(time -> slot(time, zone)).toList();
  }

  /** The groups' firings are exactly the slots: none missing, none extra, none twice. */
  private static void assertExact(List<Slot> slots, List<SlotGroup> groups) {
    List<Slot> fired = new ArrayList<>();
    groups.forEach(group -> fired.addAll(group.slots()));
    assertEquals(fired.size(), new HashSet<>(fired).size(), "a slot in two groups: " + groups);
    assertEquals(new HashSet<>(slots), new HashSet<>(fired), groups::toString);
  }

  @Test
  void hoursWithTheSameMinutesShareOneTimer() {
    List<Slot> slots = slots(UTC, "08:00", "08:30", "09:00", "09:30", "14:30");
    List<SlotGroup> groups = SlotGroup.of(slots);
    assertEquals(
        List.of(
            new SlotGroup(List.of(8, 9), List.of(0, 30), UTC),
            new SlotGroup(List.of(14), List.of(30), UTC)),
        groups);
    assertExact(slots, groups);
  }

  @Test
  void aCrossProductThatWouldFireForAnUnusedSlotIsNotMade() {
    // 08:00 and 09:30 must not become hour=8,9 minute=0,30 (which would fire at 08:30 and 09:00)
    List<Slot> slots = slots(UTC, "08:00", "09:30");
    List<SlotGroup> groups = SlotGroup.of(slots);
    assertEquals(2, groups.size(), groups::toString);
    assertExact(slots, groups);
  }

  @Test
  void zonesNeverShareATimer() {
    List<Slot> slots = new ArrayList<>(slots(UTC, "08:00"));
    slots.addAll(slots(PARIS, "08:00"));
    List<SlotGroup> groups = SlotGroup.of(slots);
    assertEquals(2, groups.size());
    assertExact(slots, groups);
  }

  @Test
  void everyMinuteOfTheDayIsOneTimer() {
    List<Slot> slots = new ArrayList<>();
    for (int minute = 0; minute < 1440; minute++) {
      slots.add(slot(String.format("%02d:%02d", minute / 60, minute % 60), PARIS));
    }
    List<SlotGroup> groups = SlotGroup.of(slots);
    assertEquals(1, groups.size());
    assertEquals(24, groups.getFirst().hours().size());
    assertEquals(60, groups.getFirst().minutes().size());
    assertExact(slots, groups);
  }

  @ParameterizedTest(name = "{0} random slots")
  @ValueSource(ints = {1, 10, 100, 500, 1000, 1400})
  void randomSlotsAreCoveredExactlyByAtMost24TimersPerZone(int count) {
    Random random = new Random(count);
    Set<Slot> slots = new HashSet<>();
    while (slots.size() < count) {
      int minute = random.nextInt(1440);
      ZoneId zone = random.nextBoolean() ? UTC : PARIS;
      slots.add(slot(String.format("%02d:%02d", minute / 60, minute % 60), zone));
    }
    List<SlotGroup> groups = SlotGroup.of(slots);
    assertTrue(groups.size() <= 48, groups.size() + " groups");
    assertExact(List.copyOf(slots), groups);
  }

  @Test
  void wholeHourDstChangesGroupAsUsual() {
    List<Slot> slots = slots(PARIS, "02:00", "02:15", "03:00", "03:15");
    assertEquals(1, SlotGroup.of(slots).size());
    assertEquals(Set.of(), SlotGroup.hoursShiftedByPartOfAnHour(PARIS));
  }

  @Test
  void hoursAHalfHourDstChangeTouchesKeepOneTimerPerSlot() {
    // Lord Howe: 02:00-02:30 skipped in October, 01:30-02:00 repeated in April
    ZoneId lordHowe = ZoneId.of("Australia/Lord_Howe");
    assertEquals(Set.of(1, 2), SlotGroup.hoursShiftedByPartOfAnHour(lordHowe));
    List<Slot> slots = slots(lordHowe, "01:00", "01:45", "02:00", "02:15", "03:00", "03:15");
    List<SlotGroup> groups = SlotGroup.of(slots);
    assertEquals(
        List.of(
            new SlotGroup(List.of(1), List.of(0), lordHowe),
            new SlotGroup(List.of(1), List.of(45), lordHowe),
            new SlotGroup(List.of(2), List.of(0), lordHowe),
            new SlotGroup(List.of(2), List.of(15), lordHowe),
            new SlotGroup(List.of(3), List.of(0, 15), lordHowe)),
        groups);
    assertExact(slots, groups);
  }

  @Test
  void keyRoundTripsAndOneSlotReadsAsTheSlotKey() {
    SlotGroup group = new SlotGroup(List.of(14, 8), List.of(30, 0), PARIS);
    assertEquals("08,14:00,30@Europe/Paris", group.key());
    assertEquals(group, SlotGroup.fromKey(group.key()));
    assertEquals("8,14", group.hourList());
    assertEquals("0,30", group.minuteList());

    Slot single = slot("08:05", PARIS);
    assertEquals(single.key(), SlotGroup.of(List.of(single)).getFirst().key());
    assertEquals(List.of(single), SlotGroup.fromKey(single.key()).slots());
  }

  @Test
  void containsOnlyItsCrossProduct() {
    SlotGroup group = new SlotGroup(List.of(8, 9), List.of(0, 30), UTC);
    assertTrue(group.contains(slot("09:30", UTC)));
    assertFalse(group.contains(slot("09:15", UTC)));
    assertFalse(group.contains(slot("10:00", UTC)));
    assertFalse(group.contains(slot("08:00", PARIS)));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"", "08:00", "x@UTC", "08:xx@UTC", "24:00@UTC", "08:60@UTC", "08:00@Mars/X"})
  void otherInfoIsNotAGroupKey(String key) {
    assertThrows(IllegalArgumentException.class, () -> SlotGroup.fromKey(key));
  }
}
