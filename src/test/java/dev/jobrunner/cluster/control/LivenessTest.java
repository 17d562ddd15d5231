package dev.jobrunner.cluster.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LivenessTest {
  private static final Instant T0 = Instant.parse("2026-12-02T10:00:00Z");
  private final Liveness liveness = new Liveness(Duration.ofSeconds(10), Duration.ofSeconds(3));

  private static InstanceBeat other(long beats) {
    return new InstanceBeat("other", "node-b", beats, Optional.of("member-b"));
  }

  private List<InstanceBeat> readAt(int second, InstanceBeat... live) {
    return liveness.lapsed(T0.plusSeconds(second), List.of(live), "me");
  }

  @Test
  void anInstanceThatKeepsBeatingNeverLapses() {
    for (int second = 0; second <= 30; second++) {
      assertEquals(List.of(), readAt(second, other(second)));
    }
  }

  @Test
  void anInstanceSilentForTheLapseLapses() {
    assertEquals(List.of(), readEachSecond(0, 9, other(5)));
    assertEquals(List.of(other(5)), readAt(10, other(5)));
  }

  @Test
  void thisInstanceIsNeverJudged() {
    var me = new InstanceBeat("me", "node-a", 1, Optional.empty());
    for (int second = 0; second <= 20; second++) {
      assertEquals(List.of(), readAt(second, me));
    }
  }

  /**
   * Reads every second from {@code from} to {@code to} (inclusive); returns the last reading's
   * verdict.
   */
  private List<InstanceBeat> readEachSecond(int from, int to, InstanceBeat instance) {
    List<InstanceBeat> last = List.of();
    for (int second = from; second <= to; second++) {
      last = readAt(second, instance);
    }
    return last;
  }

  @Test
  void aGapInThisInstancesOwnReadingsRestartsTheCount() {
    readEachSecond(0, 5, other(5));
    // The database was out of reach for 30 s: nobody could beat, so nobody is judged on it.
    assertEquals(List.of(), readEachSecond(36, 45, other(5)));
    assertEquals(List.of(other(5)), readAt(46, other(5)));
  }

  @Test
  void leavingTheGridShortensTheWaitButOnlyForASilentInstance() {
    readAt(0, other(1));
    liveness.leftGrid("member-b", T0.plusSeconds(1));
    assertEquals(List.of(), readAt(1, other(2)), "it still beats: the database has the last word");
    assertEquals(List.of(), readEachSecond(2, 3, other(2)));
    assertEquals(List.of(other(2)), readAt(4, other(2)), "silent for 3 s after leaving the grid");
  }

  @Test
  void anInstanceThatBeatsAgainStartsOver() {
    readEachSecond(0, 9, other(1));
    assertEquals(List.of(), readEachSecond(10, 19, other(2)));
    assertEquals(List.of(other(2)), readAt(20, other(2)));
  }
}
