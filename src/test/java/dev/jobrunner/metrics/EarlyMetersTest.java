package dev.jobrunner.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EarlyMetersTest {
  /** Meters that write down what they are told. */
  private static final class Recorded implements Meters {
    final List<String> seen = new ArrayList<>();

    @Override
    public void run(String trigger, String outcome) {
      seen.add("run " + trigger + " " + outcome);
    }

    @Override
    public void lateness(Duration lateness) {
      seen.add("lateness " + lateness.toMillis());
    }

    @Override
    public void callDuration(String trigger, Duration duration) {
      seen.add("duration " + trigger + " " + duration.toMillis());
    }

    @Override
    public void notification(String outcome) {
      seen.add("notification " + outcome);
    }
  }

  @Test
  void whatCameBeforeTheMetricsIsReplayedInOrderThenForwarded() {
    var early = new EarlyMeters();
    early.run("manual", "interrupted");
    early.lateness(Duration.ofMillis(1500));
    early.callDuration("schedule", Duration.ofMillis(20));
    early.notification("sent");
    var real = new Recorded();

    early.handOver(real);
    early.run("schedule", "success");

    assertEquals(
        List.of(
            "run manual interrupted",
            "lateness 1500",
            "duration schedule 20",
            "notification sent",
            "run schedule success"),
        real.seen);
  }

  @Test
  void keepsABoundedNumber() {
    var early = new EarlyMeters();
    for (int i = 0; i < EarlyMeters.LIMIT + 5; i++) {
      early.run("schedule", "success");
    }
    var real = new Recorded();
    early.handOver(real);
    assertEquals(EarlyMeters.LIMIT, real.seen.size());
  }

  @Test
  void handedOverOnceNothingIsKeptTwice() {
    var early = new EarlyMeters();
    early.run("manual", "success");
    var first = new Recorded();
    early.handOver(first);
    var second = new Recorded();
    early.handOver(second);
    assertEquals(1, first.seen.size());
    assertEquals(List.of(), second.seen);
  }
}
