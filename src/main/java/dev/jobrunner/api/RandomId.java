package dev.jobrunner.api;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Identifiers shaped like the spec's ({@code 681f10...}, a MongoDB ObjectId's size): 24 lowercase
 * hex digits made of the creation second (4 bytes) and 8 random bytes. The second first, so a
 * burst's new rows go to the end of each index, on the few pages that hold the current second,
 * instead of each on a page of its own (the embedded database writes every page a commit touched).
 * The random rest keeps ids from being guessed from one another or from telling how many were made.
 */
public final class RandomId {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Pattern SHAPE = Pattern.compile("[0-9a-f]{24}");
  private static final HexFormat HEX = HexFormat.of();

  private RandomId() {}

  public static String next() {
    int seconds = (int) (System.currentTimeMillis() / 1000);
    return HEX.toHexDigits(seconds) + HEX.toHexDigits(RANDOM.nextLong());
  }

  public static boolean isWellFormed(String candidate) {
    return candidate != null && SHAPE.matcher(candidate).matches();
  }
}
