package dev.jobrunner.apikeys.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LastUseThrottleTest {
  private static final Instant T0 = Instant.parse("2026-02-01T10:00:00Z");
  private final LastUseThrottle throttle = new LastUseThrottle();

  @Test
  void aNeverUsedKeyIsRecorded() {
    assertTrue(throttle.shouldRecord("k", null, T0));
  }

  @Test
  void aRecentStoredUseIsEnough() {
    assertFalse(throttle.shouldRecord("k", T0, T0.plusSeconds(59)));
    assertTrue(throttle.shouldRecord("k", T0, T0.plusSeconds(60)));
  }

  @Test
  void oneWritePerIntervalPerKeyEvenBeforeTheStoredValueCatchesUp() {
    assertTrue(throttle.shouldRecord("k", null, T0));
    assertFalse(
        throttle.shouldRecord("k", null, T0.plusSeconds(1)), "the write may not be visible yet");
    assertTrue(throttle.shouldRecord("other", null, T0.plusSeconds(1)));
    assertTrue(throttle.shouldRecord("k", null, T0.plus(LastUseThrottle.INTERVAL)));
  }

  @Test
  void ofManyConcurrentRequestsOneWrites() throws Exception {
    AtomicInteger writers = new AtomicInteger();
    try (var pool = Executors.newFixedThreadPool(8)) {
      for (int i = 0; i < 1000; i++) {
        pool.submit(
            () -> {
              if (throttle.shouldRecord("k", null, T0.plusMillis(1))) {
                writers.incrementAndGet();
              }
            });
      }
    }
    assertEquals(1, writers.get());
    assertFalse(
        new LastUseThrottle(Duration.ofSeconds(10)).shouldRecord("k", T0, T0.plusSeconds(9)));
  }
}
