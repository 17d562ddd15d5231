package dev.jobrunner.metrics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Measurements taken before the metrics are registered: kept, then handed to the real meters. A
 * start settles what a previous run left (calls a crash interrupted) on its first heartbeat, which
 * can come before the application is fully started; those runs count like any other.
 */
final class EarlyMeters implements Meters {
  /** A start settles at most this many early outcomes for the metrics; more are not counted. */
  static final int LIMIT = 100_000;

  private final List<Consumer<Meters>> kept = new ArrayList<>();
  private Meters target;

  /** Replays what was kept into {@code meters}, and forwards to it from now on. */
  synchronized void handOver(Meters meters) {
    kept.forEach(measurement -> measurement.accept(meters));
    kept.clear();
    target = meters;
  }

  private synchronized void take(Consumer<Meters> measurement) {
    if (target != null) {
      measurement.accept(target);
    } else if (kept.size() < LIMIT) {
      kept.add(measurement);
    }
  }

  @Override
  public void run(String trigger, String outcome) {
    take(meters -> meters.run(trigger, outcome));
  }

  @Override
  public void lateness(Duration lateness) {
    take(meters -> meters.lateness(lateness));
  }

  @Override
  public void callDuration(String trigger, Duration duration) {
    take(meters -> meters.callDuration(trigger, duration));
  }

  @Override
  public void notification(String outcome) {
    take(meters -> meters.notification(outcome));
  }
}
