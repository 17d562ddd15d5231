package dev.jobrunner.apikeys.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jobrunner.apikeys.control.ApiKeyHeaders.Key;
import dev.jobrunner.apikeys.control.ApiKeyHeaders.NotAKey;
import dev.jobrunner.apikeys.control.ApiKeyHeaders.Refused;
import java.util.List;
import org.junit.jupiter.api.Test;

class ApiKeyHeadersTest {
  private static final String KEY =
      "jr_0123456789abcdef01234567_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
  private static final String JWT = "eyJhbGciOiJSUzI1NiJ9.e30.c2ln";

  @Test
  void xApiKeyIsAKeyWhateverItHolds() {
    assertEquals(new Key(KEY), ApiKeyHeaders.read(List.of(KEY), List.of()));
    assertEquals(new Key(KEY), ApiKeyHeaders.read(List.of(" " + KEY + " "), List.of()));
    assertEquals(
        new Key(JWT),
        ApiKeyHeaders.read(List.of(JWT), List.of()),
        "checked, and refused, as a key");
    assertEquals(new Key(""), ApiKeyHeaders.read(List.of(""), List.of()), "empty is not anonymous");
  }

  @Test
  void aBearerCredentialWithThePrefixIsAKey() {
    assertEquals(new Key(KEY), ApiKeyHeaders.read(List.of(), List.of("Bearer " + KEY)));
    assertEquals(new Key(KEY), ApiKeyHeaders.read(List.of(), List.of("bearer  " + KEY)));
    assertEquals(new Key("jr_broken"), ApiKeyHeaders.read(List.of(), List.of("Bearer jr_broken")));
  }

  @Test
  void anythingElseIsForTheJwtMechanism() {
    assertEquals(new NotAKey(), ApiKeyHeaders.read(List.of(), List.of()));
    assertEquals(new NotAKey(), ApiKeyHeaders.read(List.of(), List.of("Bearer " + JWT)));
    assertEquals(new NotAKey(), ApiKeyHeaders.read(List.of(), List.of("Basic " + KEY)));
    assertEquals(new NotAKey(), ApiKeyHeaders.read(List.of(), List.of("Bearer")));
  }

  @Test
  void twoCredentialsAreRefusedNotGuessedAt() {
    assertEquals(
        new Refused(ApiKeyHeaders.BOTH),
        ApiKeyHeaders.read(List.of(KEY), List.of("Bearer " + JWT)));
    assertEquals(
        new Refused(ApiKeyHeaders.SEVERAL), ApiKeyHeaders.read(List.of(KEY, KEY), List.of()));
  }
}
