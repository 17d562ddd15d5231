package dev.jobrunner.apikeys.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jobrunner.api.RandomId;
import dev.jobrunner.apikeys.control.ApiKeyAuthenticator.Authenticated;
import dev.jobrunner.apikeys.control.ApiKeyAuthenticator.Refused;
import dev.jobrunner.apikeys.entity.ApiKey;
import dev.jobrunner.apikeys.entity.ApiKeySecret;
import dev.jobrunner.apikeys.entity.ApiKeySpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ApiKeyAuthenticatorTest {
  private final Map<String, ApiKey> stored = new HashMap<>();
  private final List<String> usesRecorded = new ArrayList<>();
  private final ApiKeyAuthenticator authenticator = new ApiKeyAuthenticator();

  ApiKeyAuthenticatorTest() {
    authenticator.store =
        new ApiKeyStore() {
          @Override
          public Optional<ApiKey> find(String id) {
            return Optional.ofNullable(stored.get(id));
          }

          @Override
          public void markUsed(String id, Instant at) {
            usesRecorded.add(id);
            stored.get(id).markUsed(at);
          }
        };
  }

  private ApiKeySecret store(String name, String... permissions) {
    ApiKeySecret secret = ApiKeySecret.issue(RandomId.next());
    stored.put(
        secret.keyId(),
        new ApiKey(secret, new ApiKeySpec(name, List.of(permissions)), Instant.now(), "test-user"));
    return secret;
  }

  @Test
  void aValidKeySignsInAsKeyNameWithItsPermissionsAsGroups() {
    ApiKeySecret secret = store("ci-deploy", "job_runner:read", "job_runner:write");
    assertEquals(
        new Authenticated("key:ci-deploy", Set.of("job_runner:read", "job_runner:write")),
        authenticator.authenticate(secret.text()));
  }

  @Test
  void malformedUnknownWrongAndRevokedKeysAreRefused() {
    ApiKeySecret secret = store("ci", "job_runner:read");
    assertEquals(new Refused(ApiKeyAuthenticator.MALFORMED), authenticator.authenticate("jr_nope"));
    assertEquals(new Refused(ApiKeyAuthenticator.MALFORMED), authenticator.authenticate(""));
    assertEquals(
        new Refused(ApiKeyAuthenticator.INVALID),
        authenticator.authenticate(ApiKeySecret.issue(RandomId.next()).text()),
        "unknown id");
    assertEquals(
        new Refused(ApiKeyAuthenticator.INVALID),
        authenticator.authenticate(ApiKeySecret.issue(secret.keyId()).text()),
        "right id, wrong secret");
    stored.get(secret.keyId()).revoke(Instant.now(), "test-user");
    assertEquals(
        new Refused(ApiKeyAuthenticator.REVOKED), authenticator.authenticate(secret.text()));
  }

  @Test
  void useIsRecordedOncePerInterval() {
    ApiKeySecret secret = store("ci", "job_runner:read");
    for (int i = 0; i < 100; i++) {
      assertTrue(authenticator.authenticate(secret.text()) instanceof Authenticated);
    }
    assertEquals(List.of(secret.keyId()), usesRecorded);
    assertTrue(stored.get(secret.keyId()).lastUsedAt().isPresent());
  }
}
