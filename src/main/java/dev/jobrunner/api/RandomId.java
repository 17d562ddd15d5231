package dev.jobrunner.api;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * Identifiers shaped like the spec's ({@code 681f10...}, a MongoDB ObjectId): 24 lowercase hex
 * digits made of the creation second (4 bytes), 5 random bytes drawn once per process, and a
 * counter (3 bytes) that starts at random. So ids made one after the other sort one after the
 * other: a burst's new rows sit side by side at the end of their index instead of each on a page of
 * its own, and a commit writes a few pages instead of one per row (the embedded database writes
 * every page a commit touched). Not a secret: knowing an id grants nothing; secrets are drawn
 * apart.
 */
public final class RandomId {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Pattern SHAPE = Pattern.compile("[0-9a-f]{24}");
  private static final HexFormat HEX = HexFormat.of();
  private static final String PROCESS = HEX.formatHex(randomBytes(5));
  private static final AtomicInteger COUNTER = new AtomicInteger(RANDOM.nextInt());

  private RandomId() {}

  public static String next() {
    long seconds = System.currentTimeMillis() / 1000;
    int count = COUNTER.getAndIncrement() & 0xFFFFFF;
    return HEX.toHexDigits((int) seconds) + PROCESS + HEX.toHexDigits(count).substring(2);
  }

  private static byte[] randomBytes(int n) {
    byte[] bytes = new byte[n];
    RANDOM.nextBytes(bytes);
    return bytes;
  }

  public static boolean isWellFormed(String candidate) {
    return candidate != null && SHAPE.matcher(candidate).matches();
  }
}
