package dev.jobrunner.scheduling.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jobrunner.jobs.entity.ScheduleTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SlotUseTest {
  private static final ZoneId UTC = ZoneId.of("UTC");
  private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

  private static Slot slot(String time, ZoneId zone) {
    return new Slot(ScheduleTime.parse(time).orElseThrow(), zone);
  }

  @Test
  void aCreateCountsEachSlotOnce() {
    assertEquals(
        Map.of(slot("08:00", UTC), 1, slot("14:30", UTC), 1),
        SlotUse.changes(List.of(), List.of(slot("08:00", UTC), slot("14:30", UTC))));
  }

  @Test
  void aDeleteTakesEachSlotBack() {
    assertEquals(
        Map.of(slot("08:00", UTC), -1), SlotUse.changes(List.of(slot("08:00", UTC)), List.of()));
  }

  @Test
  void aChangeTouchesOnlyTheSlotsItLeavesOrTakes() {
    var changes =
        SlotUse.changes(
            List.of(slot("08:00", UTC), slot("14:30", UTC)),
            List.of(slot("14:30", UTC), slot("18:00", UTC)));
    assertEquals(Map.of(slot("08:00", UTC), -1, slot("18:00", UTC), 1), changes);
  }

  @Test
  void aNewZoneMovesEveryTime() {
    var changes = SlotUse.changes(List.of(slot("08:00", UTC)), List.of(slot("08:00", PARIS)));
    assertEquals(Map.of(slot("08:00", UTC), -1, slot("08:00", PARIS), 1), changes);
  }

  @Test
  void rowsAreTakenInOneOrderWhateverTheJobsOrder() {
    var changes =
        SlotUse.changes(
            List.of(), List.of(slot("23:00", UTC), slot("08:00", UTC), slot("12:00", PARIS)));
    assertEquals(
        List.of(slot("12:00", PARIS), slot("08:00", UTC), slot("23:00", UTC)),
        List.copyOf(changes.keySet()));
  }
}
