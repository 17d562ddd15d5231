package dev.jobrunner.apikeys.control;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Decides when a key's {@code last_used_at} is worth writing: when the stored value is older than
 * the interval, and then by one request of this instance per interval, so a busy key costs one
 * write a minute, not one per request. Other instances see the stored value, so together they write
 * little more.
 */
public final class LastUseThrottle {
  public static final Duration INTERVAL = Duration.ofMinutes(1);

  private final Duration interval;
  private final Map<String, Instant> claimed = new ConcurrentHashMap<>();

  public LastUseThrottle() {
    this(INTERVAL);
  }

  LastUseThrottle(Duration interval) {
    this.interval = interval;
  }

  /**
   * True for the one caller that should write the use at {@code now}; {@code stored} is null if
   * never used.
   */
  public boolean shouldRecord(String keyId, Instant stored, Instant now) {
    if (stored != null && stored.plus(interval).isAfter(now)) {
      return false;
    }
    boolean[] won = {false};
    claimed.compute(
        keyId,
        (id, previous) -> {
          if (previous != null && previous.plus(interval).isAfter(now)) {
            return previous;
          }
          won[0] = true;
          return now;
        });
    return won[0];
  }
}
