package dev.jobrunner.apikeys.control;

import dev.jobrunner.apikeys.entity.ApiKey;
import dev.jobrunner.apikeys.entity.ApiKeySecret;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Checks a presented API key against the database on every request (a primary-key read), so a
 * revocation takes effect at once on every instance. Never logs the key.
 */
@ApplicationScoped
public class ApiKeyAuthenticator {
  private static final Logger LOG = Logger.getLogger(ApiKeyAuthenticator.class.getName());
  static final String MALFORMED = "Invalid API key: expected jr_<key id>_<secret>";
  static final String INVALID = "Invalid API key";
  static final String REVOKED = "This API key has been revoked";

  @EJB ApiKeyStore store;
  final LastUseThrottle lastUse = new LastUseThrottle();

  /** Who a valid key is, or why the request is refused. */
  public sealed interface Outcome {}

  /** A valid key: the caller's name ({@code key:<name>}) and groups (the key's permissions). */
  public record Authenticated(String principalName, Set<String> groups) implements Outcome {}

  public record Refused(String reason) implements Outcome {}

  public Outcome authenticate(String presented) {
    Optional<ApiKeySecret> secret = ApiKeySecret.parse(presented);
    if (secret.isEmpty()) {
      return new Refused(MALFORMED);
    }
    Optional<ApiKey> stored = store.find(secret.get().keyId());
    // Unknown id and wrong secret answer alike: a caller without the key learns nothing about which
    // ids exist.
    if (stored.isEmpty() || !stored.get().isOpenedBy(secret.get())) {
      return new Refused(INVALID);
    }
    ApiKey key = stored.get();
    if (key.isRevoked()) {
      return new Refused(REVOKED);
    }
    recordUse(key);
    return granted(key);
  }

  static Authenticated granted(ApiKey key) {
    return new Authenticated(principalName(key.name()), Set.copyOf(key.permissions()));
  }

  /** The caller name of a key, as the audit trail shows it: {@code key:ci-deploy}. */
  public static String principalName(String keyName) {
    return "key:" + keyName;
  }

  private void recordUse(ApiKey key) {
    Instant now = Instant.now();
    if (!lastUse.shouldRecord(key.id(), key.lastUsedAt().orElse(null), now)) {
      return;
    }
    try {
      store.markUsed(key.id(), now);
    } catch (RuntimeException notWorthFailingTheRequest) {
      LOG.log(
          Level.WARNING,
          "Could not record the use of API key " + key.id(),
          notWorthFailingTheRequest);
    }
  }
}
