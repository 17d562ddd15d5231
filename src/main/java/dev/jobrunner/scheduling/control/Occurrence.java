package dev.jobrunner.scheduling.control;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/** One slot at one instant: what a dispatch works through. */
public record Occurrence(Slot slot, Instant at) {
  public Occurrence {
    Objects.requireNonNull(slot, "slot");
    Objects.requireNonNull(at, "at");
  }

  /** Every occurrence of these slots in (from, to], newest first. */
  public static List<Occurrence> between(List<Slot> slots, Instant from, Instant to) {
    return slots.stream()
        .flatMap(slot -> slot.between(from, to).stream().map(at -> new Occurrence(slot, at)))
        .sorted(Comparator.comparing(Occurrence::at).reversed().thenComparing(o -> o.slot().key()))
        .toList();
  }
}
