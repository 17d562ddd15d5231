package dev.jobrunner.testing;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.function.BooleanSupplier;

/** Real-time helpers for the scheduling tests: pick a coming minute, wait for it. */
public final class Clock {
  private Clock() {}

  /** The first whole minute at least {@code lead} from now. */
  public static Instant minuteAtLeast(Duration lead) {
    return Instant.now().plus(lead).truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofMinutes(1));
  }

  /** The instant as an {@code HH:mm} schedulation time in a zone. */
  public static String hhmm(Instant at, String zone) {
    return DateTimeFormatter.ofPattern("HH:mm").format(at.atZone(ZoneId.of(zone)));
  }

  public static void sleepUntil(Instant at) {
    long millis = Duration.between(Instant.now(), at).toMillis();
    if (millis > 0) {
      sleep(millis);
    }
  }

  /** Polls until the condition holds or the limit passes; returns whether it held. */
  public static boolean await(Duration limit, BooleanSupplier condition) {
    Instant deadline = Instant.now().plus(limit);
    while (Instant.now().isBefore(deadline)) {
      if (condition.getAsBoolean()) {
        return true;
      }
      sleep(250);
    }
    return condition.getAsBoolean();
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
