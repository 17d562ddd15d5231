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
  void nextUsesTheWholeHexAlphabetInEveryPosition() {
    // 96 random bits: over many draws every position sees all 16 digits.
    @SuppressWarnings("unchecked")
    Set<Character>[] perPosition = new Set[24];
    for (int p = 0; p < 24; p++) {
      perPosition[p] = new HashSet<>();
    }
    for (int i = 0; i < DRAWS; i++) {
      String id = RandomId.next();
      for (int p = 0; p < 24; p++) {
        perPosition[p].add(id.charAt(p));
      }
    }
    for (int p = 0; p < 24; p++) {
      assertEquals(16, perPosition[p].size(), "distinct digits at position " + p);
    }
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
