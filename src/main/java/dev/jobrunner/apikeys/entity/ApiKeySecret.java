package dev.jobrunner.apikeys.entity;

import dev.jobrunner.api.RandomId;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The text of an API key, {@code jr_<key id>_<secret>}: the id finds the stored key, the secret (32
 * random bytes, base64url without padding) proves that the caller holds it. Only the SHA-256 of the
 * whole text is stored; {@link #toString()} never shows the secret, so the key cannot end up in a
 * log by accident.
 */
public final class ApiKeySecret {
  /**
   * Tells a key from a JWT (which starts with {@code eyJ}) in an {@code Authorization: Bearer}
   * header.
   */
  public static final String PREFIX = "jr_";

  static final int SECRET_BYTES = 32;
  private static final int SECRET_CHARS = 43;
  private static final int TEXT_CHARS = PREFIX.length() + 24 + 1 + SECRET_CHARS;
  private static final Pattern SHAPE =
      Pattern.compile(Pattern.quote(PREFIX) + "([0-9a-f]{24})_[A-Za-z0-9_-]{" + SECRET_CHARS + "}");
  private static final SecureRandom RANDOM = new SecureRandom();

  private final String keyId;
  private final String text;

  private ApiKeySecret(String keyId, String text) {
    this.keyId = keyId;
    this.text = text;
  }

  /** A new key for the stored key {@code keyId}. */
  public static ApiKeySecret issue(String keyId) {
    if (!RandomId.isWellFormed(keyId)) {
      throw new IllegalArgumentException("not a key id: " + keyId);
    }
    byte[] secret = new byte[SECRET_BYTES];
    RANDOM.nextBytes(secret);
    String encoded = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    return new ApiKeySecret(keyId, PREFIX + keyId + "_" + encoded);
  }

  /** The key a client presented, if it has the shape of one; anything else cannot be a key. */
  public static Optional<ApiKeySecret> parse(String text) {
    if (text == null || text.length() != TEXT_CHARS) {
      return Optional.empty();
    }
    Matcher matcher = SHAPE.matcher(text);
    return matcher.matches()
        ? Optional.of(new ApiKeySecret(matcher.group(1), text))
        : Optional.empty();
  }

  /** Whether a bearer credential is meant as an API key rather than a JWT. */
  public static boolean looksLikeKey(String credential) {
    return credential != null && credential.startsWith(PREFIX);
  }

  public String keyId() {
    return keyId;
  }

  /** The whole key, to show its owner once at creation. */
  public String text() {
    return text;
  }

  /** Lowercase hex SHA-256 of the whole key text: what is stored. */
  public String hash() {
    return HexFormat.of().formatHex(sha256(text));
  }

  /** Compares with a stored {@link #hash()} in constant time. */
  public boolean matches(String storedHash) {
    Objects.requireNonNull(storedHash, "storedHash");
    byte[] stored;
    try {
      stored = HexFormat.of().parseHex(storedHash);
    } catch (IllegalArgumentException notHex) {
      return false;
    }
    return MessageDigest.isEqual(stored, sha256(text));
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException everyJavaHasIt) {
      throw new IllegalStateException(everyJavaHasIt);
    }
  }

  /** Never the secret. */
  @Override
  public String toString() {
    return PREFIX + keyId + "_...";
  }
}
