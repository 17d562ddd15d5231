package dev.jobrunner.secrets;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-GCM keys for secrets at rest. Configured as a comma-separated list of base64 AES keys (16, 24
 * or 32 bytes): the first seals, every one opens, so a key is rotated by putting the new one first
 * and dropping the old one once nothing sealed with it is left. A sealed value is {@code <key
 * id>:<base64 nonce and ciphertext>}, the key id being the first 8 hex digits of the key's SHA-256.
 * The associated data binds a value to its place (job and field): a ciphertext copied to another
 * job does not open.
 */
public final class SecretKeyRing {
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Map<String, SecretKeySpec> keys;
  private final String sealingKeyId;

  private SecretKeyRing(Map<String, SecretKeySpec> keys) {
    this.keys = keys;
    this.sealingKeyId = keys.isEmpty() ? null : keys.keySet().iterator().next();
  }

  public static SecretKeyRing empty() {
    return new SecretKeyRing(Map.of());
  }

  /**
   * Parses the configured list; a malformed entry is refused with a message that never shows the
   * key.
   */
  public static SecretKeyRing parse(String configured) {
    Map<String, SecretKeySpec> keys = new LinkedHashMap<>();
    List<String> entries = new ArrayList<>();
    for (String entry : configured.split(",")) {
      if (!entry.isBlank()) {
        entries.add(entry.strip());
      }
    }
    for (int i = 0; i < entries.size(); i++) {
      byte[] key;
      try {
        key = Base64.getDecoder().decode(entries.get(i));
      } catch (IllegalArgumentException notBase64) {
        throw new IllegalArgumentException(
            "JOBRUNNER_SECRET_KEY entry " + (i + 1) + " is not base64");
      }
      if (key.length != 16 && key.length != 24 && key.length != 32) {
        throw new IllegalArgumentException(
            "JOBRUNNER_SECRET_KEY entry "
                + (i + 1)
                + " has "
                + key.length
                + " bytes; an AES key has 16, 24 or 32");
      }
      keys.putIfAbsent(keyId(key), new SecretKeySpec(key, "AES"));
    }
    return new SecretKeyRing(keys);
  }

  public static String newKey() {
    byte[] key = new byte[32];
    RANDOM.nextBytes(key);
    return Base64.getEncoder().encodeToString(key);
  }

  public boolean canSeal() {
    return sealingKeyId != null;
  }

  public Optional<String> sealingKeyId() {
    return Optional.ofNullable(sealingKeyId);
  }

  public String seal(String plaintext, String associatedData) {
    if (!canSeal()) {
      throw new IllegalStateException("no secret key configured");
    }
    byte[] nonce = new byte[NONCE_BYTES];
    RANDOM.nextBytes(nonce);
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(
          Cipher.ENCRYPT_MODE, keys.get(sealingKeyId), new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
      byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
      byte[] out = new byte[NONCE_BYTES + sealed.length];
      System.arraycopy(nonce, 0, out, 0, NONCE_BYTES);
      System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
      return sealingKeyId + ":" + Base64.getEncoder().encodeToString(out);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM unavailable", e);
    }
  }

  /**
   * Opens a sealed value; fails when its key is not in the ring or the value was altered or moved.
   */
  public String open(String sealed, String associatedData) {
    int colon = sealed.indexOf(':');
    SecretKeySpec key = colon < 0 ? null : keys.get(sealed.substring(0, colon));
    if (key == null) {
      throw new SecretUnavailable(
          "sealed with key id "
              + (colon < 0 ? "?" : sealed.substring(0, colon))
              + ", which is not in JOBRUNNER_SECRET_KEY");
    }
    try {
      byte[] in = Base64.getDecoder().decode(sealed.substring(colon + 1));
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, NONCE_BYTES));
      cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
      return new String(
          cipher.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES), StandardCharsets.UTF_8);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new SecretUnavailable(
          "a sealed value does not open with its key (altered, or moved from elsewhere)");
    }
  }

  /** Whether a sealed value should be sealed again with the current key. */
  public boolean isStale(String sealed) {
    return canSeal() && !sealed.startsWith(sealingKeyId + ":");
  }

  static String keyId(byte[] key) {
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("SHA-256").digest(key))
          .substring(0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * A secret that cannot be opened with the configured keys; the message never contains key
   * material.
   */
  public static final class SecretUnavailable extends RuntimeException {
    public SecretUnavailable(String message) {
      super(message);
    }
  }
}
