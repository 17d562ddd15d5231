package dev.jobrunner.cluster.control;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Decides which instances have stopped beating, from what this instance itself watched: an instance
 * is lapsed when its beat count has not moved for the lapse, measured on this instance's clock
 * while this instance kept reading the registry. Clocks of other machines never enter into it, and
 * a gap in this instance's own reading (a database outage, a long pause) restarts every count, so
 * an outage that stopped everyone's beats declares no one dead. A data-grid member that left the
 * grid shortens the wait to {@link #SUSPECT_LAPSE}, never below it: the database still has the last
 * word.
 */
public final class Liveness {
  /** How long a member the grid has dropped may go without a beat before it is lapsed. */
  static final Duration SUSPECT_LAPSE = Duration.ofSeconds(3);

  private record Seen(long beats, Instant since) {}

  private final Duration lapse;
  private final Duration longestGap;
  private final Map<String, Seen> seen = new HashMap<>();
  private final Map<String, Instant> leftGrid = new HashMap<>();
  private Instant lastReading;

  /**
   * @param lapse how long an instance may go without a beat
   * @param longestGap a longer pause between two readings restarts every count
   */
  public Liveness(Duration lapse, Duration longestGap) {
    this.lapse = lapse;
    this.longestGap = longestGap;
  }

  /**
   * Takes a reading of the live instances; returns those (other than {@code me}) that have lapsed.
   */
  public synchronized List<InstanceBeat> lapsed(Instant now, List<InstanceBeat> live, String me) {
    boolean gap =
        lastReading == null || Duration.between(lastReading, now).compareTo(longestGap) > 0;
    lastReading = now;
    List<InstanceBeat> lapsed = new ArrayList<>();
    for (InstanceBeat instance : live) {
      if (instance.id().equals(me)) {
        continue;
      }
      Seen before = seen.get(instance.id());
      if (gap || before == null || before.beats() != instance.beats()) {
        seen.put(instance.id(), new Seen(instance.beats(), now));
      } else if (!Duration.between(before.since(), now).minus(lapseOf(instance)).isNegative()) {
        lapsed.add(instance);
      }
    }
    Set<String> ids = live.stream().map(InstanceBeat::id).collect(Collectors.toSet());
    seen.keySet().retainAll(ids);
    Set<String> members =
        live.stream().flatMap(i -> i.gridMember().stream()).collect(Collectors.toSet());
    leftGrid.keySet().retainAll(members);
    return lapsed;
  }

  /**
   * The data grid says this member left: its instance is lapsed sooner if its beats have stopped
   * too.
   */
  public synchronized void leftGrid(String gridMember, Instant at) {
    leftGrid.put(gridMember, at);
  }

  private Duration lapseOf(InstanceBeat instance) {
    boolean gone = instance.gridMember().map(leftGrid::containsKey).orElse(false);
    return gone && SUSPECT_LAPSE.compareTo(lapse) < 0 ? SUSPECT_LAPSE : lapse;
  }
}
