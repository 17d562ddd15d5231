package dev.jobrunner.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class RandomIdTest {
  private static final Pattern LOWER_HEX_24 = Pattern.compile("[0-9a-f]{24}");
  private static final int DRAWS = 10_000;

  @Test
  void nextIs24LowercaseHexDigits() {
    for (int i = 0; i < 1_000; i++) {
      String id = RandomId.next();
      assertTrue(LOWER_HEX_24.matcher(id).matches(), id);
      assertTrue(RandomId.isWellFormed(id), id);
    }
  }

  @Test
  void nextDoesNotRepeatOver10000Draws() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < DRAWS; i++) {
      seen.add(RandomId.next());
    }
    assertEquals(DRAWS, seen.size());
  }

  @Test
  void nextStartsWithTheCurrentSecond() {
    long before = System.currentTimeMillis() / 1000;
    String id = RandomId.next();
    long after = System.currentTimeMillis() / 1000;
    long seconds = Long.parseLong(id.substring(0, 8), 16);
    assertTrue(seconds >= before && seconds <= after, id + " at " + before + ".." + after);
  }

  @Test
  void idsMadeOneAfterTheOtherSortByTheirSecond() {
    // So a burst's new rows go to the end of an index, not all over it.
    String previous = RandomId.next();
    for (int i = 0; i < DRAWS; i++) {
      String id = RandomId.next();
      assertTrue(id.substring(0, 8).compareTo(previous.substring(0, 8)) >= 0, previous + " " + id);
      previous = id;
    }
  }

  @Test
  void idsOfOneSecondShareNoMoreThanTheSecond() {
    // Not guessable from a neighbour, and no counter that tells how many were made.
    int sharedPrefixes = 0;
    String previous = RandomId.next();
    for (int i = 0; i < DRAWS; i++) {
      String id = RandomId.next();
      if (id.substring(8, 12).equals(previous.substring(8, 12))) {
        sharedPrefixes++;
      }
      previous = id;
    }
    // 4 random hex digits match by chance once in 65,536.
    assertTrue(sharedPrefixes <= 3, sharedPrefixes + " neighbours shared digits 9-12");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "681f10a2b3c4d5e6f7a8b9c0",
        "000000000000000000000000",
        "ffffffffffffffffffffffff"
      })
  void acceptsLowercaseHex24(String candidate) {
    assertTrue(RandomId.isWellFormed(candidate));
  }

  @ParameterizedTest(name = "\"{0}\" is not an id")
  @NullAndEmptySource
  @ValueSource(
      strings = {
        "681F10A2B3C4D5E6F7A8B9C0", // uppercase
        "681f10a2b3c4d5e6f7a8b9cA", // one uppercase digit
        "681f10a2b3c4d5e6f7a8b9c", // 23
        "681f10a2b3c4d5e6f7a8b9c0a", // 25
        "681f10a2b3c4d5e6f7a8b9c0681f10a2b3c4d5e6f7a8b9c0", // 48
        "g81f10a2b3c4d5e6f7a8b9c0", // not hex
        "../etc",
        "../../../../../../etc/pa", // 24 characters of path traversal
        "..%2f..%2f..%2fetc%2fpas", // 24 characters, encoded traversal
        "681f10a2b3c4d5e6f7a8b9c0/",
        " 681f10a2b3c4d5e6f7a8b9c0",
        "681f10a2b3c4d5e6f7a8b9c0\n",
        "681f10a2b3c4 5e6f7a8b9c0",
        "0x1f10a2b3c4d5e6f7a8b9c0",
      })
  void rejectsAnythingElse(String candidate) {
    assertFalse(RandomId.isWellFormed(candidate));
  }
}
