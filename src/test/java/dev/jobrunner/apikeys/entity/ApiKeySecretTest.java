package dev.jobrunner.apikeys.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jobrunner.api.RandomId;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class ApiKeySecretTest {
  private static final String ID = "0123456789abcdef01234567";

  @Test
  void issuedKeysHaveThePrefixTheIdAnd32RandomBytes() {
    ApiKeySecret secret = ApiKeySecret.issue(ID);
    String text = secret.text();
    assertTrue(text.startsWith("jr_" + ID + "_"), text);
    byte[] random = Base64.getUrlDecoder().decode(text.substring(("jr_" + ID + "_").length()));
    assertEquals(32, random.length);
    assertEquals(ID, secret.keyId());
  }

  @Test
  void everyIssuedKeyIsDifferent() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 1000; i++) {
      assertTrue(seen.add(ApiKeySecret.issue(ID).text()));
    }
  }

  @Test
  void anIssuedKeyParsesBackToItsId() {
    ApiKeySecret issued = ApiKeySecret.issue(RandomId.next());
    ApiKeySecret parsed = ApiKeySecret.parse(issued.text()).orElseThrow();
    assertEquals(issued.keyId(), parsed.keyId());
    assertEquals(issued.text(), parsed.text());
  }

  @Test
  void aSecretMayContainTheSeparatorAndDash() {
    String text = "jr_" + ID + "_" + "_-".repeat(21) + "A";
    assertEquals(ID, ApiKeySecret.parse(text).orElseThrow().keyId());
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(
      strings = {
        "jr_",
        "jr_0123456789abcdef01234567",
        "jr_0123456789abcdef01234567_",
        "jr_0123456789abcdef01234567_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", // 42 chars
        "jr_0123456789abcdef01234567_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", // 44 chars
        "jr_0123456789ABCDEF01234567_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", // upper-case id
        "jr_0123456789abcdef0123456_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", // 23-char id
        "jr_0123456789abcdef01234567-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", // wrong
        // separator
        "jr_0123456789abcdef01234567_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=", // padding
        "jr_0123456789abcdef01234567_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA+", // base64, not
        // base64url
        "JR_0123456789abcdef01234567_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        "xx_0123456789abcdef01234567_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        " jr_0123456789abcdef01234567_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        "eyJhbGciOiJSUzI1NiJ9.e30.c2ln"
      })
  void anythingElseIsNotAKey(String text) {
    assertTrue(ApiKeySecret.parse(text).isEmpty(), text);
  }

  @Test
  void theHashIsTheSha256OfTheWholeKeyText() throws Exception {
    ApiKeySecret secret = ApiKeySecret.issue(ID);
    byte[] expected =
        MessageDigest.getInstance("SHA-256").digest(secret.text().getBytes(StandardCharsets.UTF_8));
    assertEquals(HexFormat.of().formatHex(expected), secret.hash());
    assertEquals(64, secret.hash().length());
    assertFalse(secret.hash().contains(secret.text().substring(28, 40)));
  }

  @Test
  void matchesOnlyItsOwnHash() {
    ApiKeySecret one = ApiKeySecret.issue(ID);
    ApiKeySecret other = ApiKeySecret.issue(ID);
    assertNotEquals(one.hash(), other.hash());
    assertTrue(ApiKeySecret.parse(one.text()).orElseThrow().matches(one.hash()));
    assertFalse(one.matches(other.hash()));
    assertFalse(one.matches(""));
    assertFalse(one.matches("not hex at all"));
    assertFalse(one.matches(one.hash().substring(2)));
  }

  @Test
  void toStringNeverShowsTheSecret() {
    ApiKeySecret secret = ApiKeySecret.issue(ID);
    assertEquals("jr_" + ID + "_...", secret.toString());
  }

  @Test
  void onlyWellFormedIdsGetKeys() {
    assertThrows(IllegalArgumentException.class, () -> ApiKeySecret.issue("nope"));
  }

  @Test
  void bearerCredentialsStartingWithThePrefixAreKeys() {
    assertTrue(ApiKeySecret.looksLikeKey("jr_anything"));
    assertFalse(ApiKeySecret.looksLikeKey("eyJhbGciOiJSUzI1NiJ9.e30.c2ln"));
    assertFalse(ApiKeySecret.looksLikeKey(null));
  }
}
