package dev.jobrunner.metrics;

import java.time.Duration;

/** Where measurements go, free of any metrics API: the MicroProfile Metrics binding, or nowhere. */
interface Meters {
  void run(String trigger, String outcome);

  void lateness(Duration lateness);

  void callDuration(String trigger, Duration duration);

  void notification(String outcome);

  /** For a server without MicroProfile Metrics. */
  Meters NONE =
      new Meters() {
        @Override
        public void run(String trigger, String outcome) {}

        @Override
        public void lateness(Duration lateness) {}

        @Override
        public void callDuration(String trigger, Duration duration) {}

        @Override
        public void notification(String outcome) {}
      };
}
