package dev.jobrunner.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.Principal;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

class VerifiedTokensTest {
  private final VerifiedTokens tokens = new VerifiedTokens();
  private final Instant now = Instant.parse("2026-12-03T09:00:00Z");

  private static JsonWebToken expiringAt(Instant expiry) {
    return new JsonWebToken() {
      @Override
      public String getName() {
        return "alice";
      }

      @Override
      public Set<String> getClaimNames() {
        return Set.of("exp");
      }

      @Override
      @SuppressWarnings("unchecked")
      public <T> T getClaim(String claim) {
        return "exp".equals(claim) ? (T) Long.valueOf(expiry.getEpochSecond()) : null;
      }
    };
  }

  @Test
  void aVerifiedTokenSignsTheSameCallerInAgainForAMinute() {
    JsonWebToken alice = expiringAt(now.plus(Duration.ofHours(1)));
    tokens.remember("t1", alice, Set.of("job_runner:read"), now);
    var found = tokens.find("t1", now.plusSeconds(59)).orElseThrow();
    assertSame(alice, found.principal());
    assertEquals(Set.of("job_runner:read"), found.groups());
    assertTrue(tokens.find("t1", now.plus(VerifiedTokens.KEEP)).isEmpty(), "checked again after");
    assertTrue(tokens.find("t2", now).isEmpty(), "another token is not known");
  }

  @Test
  void neverPastTheTokensOwnExpiry() {
    tokens.remember("t1", expiringAt(now.plusSeconds(5)), Set.of(), now);
    assertTrue(tokens.find("t1", now.plusSeconds(4)).isPresent());
    assertTrue(tokens.find("t1", now.plusSeconds(5)).isEmpty());
    tokens.remember("t2", expiringAt(now.minusSeconds(1)), Set.of(), now);
    assertTrue(tokens.find("t2", now).isEmpty(), "an expired token is not kept");
  }

  @Test
  void onlyMicroProfileTokensWithAnExpiryAreKept() {
    Principal plain = () -> "key:ci";
    tokens.remember("t1", plain, Set.of(), now);
    assertTrue(tokens.find("t1", now).isEmpty());
    tokens.remember("t2", expiringAt(Instant.EPOCH), Set.of(), now);
    assertTrue(tokens.find("t2", now).isEmpty());
  }

  @Test
  void keepsABoundedNumber() {
    for (int i = 0; i <= VerifiedTokens.MAX_KEPT; i++) {
      tokens.remember("t" + i, expiringAt(now.plusSeconds(3600)), null, now);
    }
    assertTrue(tokens.find("t0", now).isEmpty(), "dropped when full");
    assertTrue(tokens.find("t" + VerifiedTokens.MAX_KEPT, now).isPresent());
  }
}
