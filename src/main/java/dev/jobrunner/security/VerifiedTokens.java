package dev.jobrunner.security;

import java.security.Principal;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Bearer tokens the server's MP-JWT mechanism has verified, with the caller they signed in: the
 * same token sent again within {@link #KEEP} (and before it expires) signs the same caller in
 * without being parsed and its signature checked again. A client sends one token for many requests,
 * and that check was the largest single cost of a small request (parsing the token's JSON looks the
 * JSON provider up each time). A token is kept as the exact text that was verified; nothing is kept
 * for a token that was refused.
 *
 * <p>What it changes: a token signed by a key the SSO has since withdrawn is still taken for at
 * most {@link #KEEP} after this instance last verified it (it was valid then, and is still before
 * its own expiry).
 */
public final class VerifiedTokens {
  /** How long a verified token is taken without a second check. */
  public static final Duration KEEP = Duration.ofSeconds(60);

  /** At most this many tokens are kept; all are dropped when more come (a few MB at most). */
  static final int MAX_KEPT = 2_000;

  /** The caller a token signed in, and until when it is taken as verified. */
  public record Caller(Principal principal, Set<String> groups, Instant until) {}

  private final ConcurrentHashMap<String, Caller> known = new ConcurrentHashMap<>();

  /**
   * The caller this token signed in, if it was verified and is still to be taken at {@code now}.
   */
  public Optional<Caller> find(String token, Instant now) {
    Caller caller = known.get(token);
    if (caller == null) {
      return Optional.empty();
    }
    if (!now.isBefore(caller.until())) {
      known.remove(token, caller);
      return Optional.empty();
    }
    return Optional.of(caller);
  }

  /**
   * After the server's mechanism verified {@code token} and signed in {@code principal}: kept until
   * the token's expiry or {@link #KEEP}, whichever is first. Only a MicroProfile {@link
   * JsonWebToken} with an expiry is kept.
   */
  public void remember(String token, Principal principal, Set<String> groups, Instant now) {
    if (!(principal instanceof JsonWebToken jwt) || jwt.getExpirationTime() <= 0) {
      return;
    }
    Instant expires = Instant.ofEpochSecond(jwt.getExpirationTime());
    Instant until = expires.isBefore(now.plus(KEEP)) ? expires : now.plus(KEEP);
    if (!now.isBefore(until)) {
      return;
    }
    if (known.size() >= MAX_KEPT) {
      known.clear();
    }
    known.put(token, new Caller(principal, groups == null ? Set.of() : Set.copyOf(groups), until));
  }
}
