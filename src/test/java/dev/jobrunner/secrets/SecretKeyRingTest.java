package dev.jobrunner.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class SecretKeyRingTest {
  private static final String KEY_1 = SecretKeyRing.newKey();
  private static final String KEY_2 = SecretKeyRing.newKey();

  @Test
  void sealedValuesOpenAndHideThePlaintext() {
    var ring = SecretKeyRing.parse(KEY_1);
    String sealed = ring.seal("Bearer top-secret", "job/a/headers");
    assertFalse(sealed.contains("top-secret"));
    assertFalse(new String(Base64.getDecoder().decode(sealed.substring(9))).contains("top-secret"));
    assertEquals("Bearer top-secret", ring.open(sealed, "job/a/headers"));
  }

  @Test
  void sealingTwiceGivesDifferentCiphertexts() {
    var ring = SecretKeyRing.parse(KEY_1);
    assertNotEquals(ring.seal("x", "p"), ring.seal("x", "p"));
  }

  @Test
  void theKeyIdIsStoredWithTheValue() {
    var ring = SecretKeyRing.parse(KEY_1);
    String sealed = ring.seal("x", "p");
    assertEquals(ring.sealingKeyId().orElseThrow(), sealed.substring(0, sealed.indexOf(':')));
    assertEquals(8, ring.sealingKeyId().orElseThrow().length());
  }

  @Test
  void aValueMovedToAnotherPlaceDoesNotOpen() {
    var ring = SecretKeyRing.parse(KEY_1);
    String sealed = ring.seal("x", "job/a/headers");
    assertThrows(SecretKeyRing.SecretUnavailable.class, () -> ring.open(sealed, "job/b/headers"));
  }

  @Test
  void anAlteredValueDoesNotOpen() {
    var ring = SecretKeyRing.parse(KEY_1);
    String sealed = ring.seal("some secret", "p");
    char last = sealed.charAt(sealed.length() - 3);
    String altered =
        sealed.substring(0, sealed.length() - 3)
            + (last == 'A' ? 'B' : 'A')
            + sealed.substring(sealed.length() - 2);
    assertThrows(SecretKeyRing.SecretUnavailable.class, () -> ring.open(altered, "p"));
  }

  @Test
  void rotationSealsWithTheFirstKeyAndOpensWithAll() {
    String sealedWithOld = SecretKeyRing.parse(KEY_1).seal("old", "p");
    var rotated = SecretKeyRing.parse(KEY_2 + "," + KEY_1);
    assertEquals("old", rotated.open(sealedWithOld, "p"));
    assertTrue(rotated.isStale(sealedWithOld));
    String sealedWithNew = rotated.seal("new", "p");
    assertFalse(rotated.isStale(sealedWithNew));
    assertThrows(
        SecretKeyRing.SecretUnavailable.class,
        () -> SecretKeyRing.parse(KEY_1).open(sealedWithNew, "p"));
  }

  @Test
  void withoutKeysNothingCanBeSealed() {
    var ring = SecretKeyRing.empty();
    assertFalse(ring.canSeal());
    assertThrows(IllegalStateException.class, () -> ring.seal("x", "p"));
    assertTrue(SecretKeyRing.parse(" , ").sealingKeyId().isEmpty());
  }

  @Test
  void malformedKeysAreRefusedWithoutShowingThem() {
    var notBase64 =
        assertThrows(IllegalArgumentException.class, () -> SecretKeyRing.parse("not base64!"));
    assertEquals("JOBRUNNER_SECRET_KEY entry 1 is not base64", notBase64.getMessage());
    String shortKey = Base64.getEncoder().encodeToString(new byte[10]);
    var tooShort =
        assertThrows(
            IllegalArgumentException.class, () -> SecretKeyRing.parse(KEY_1 + "," + shortKey));
    assertEquals(
        "JOBRUNNER_SECRET_KEY entry 2 has 10 bytes; an AES key has 16, 24 or 32",
        tooShort.getMessage());
  }
}
