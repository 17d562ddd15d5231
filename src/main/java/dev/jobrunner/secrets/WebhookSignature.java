package dev.jobrunner.secrets;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Standard Webhooks signatures (standardwebhooks.com): the secret is {@code whsec_} + base64 of
 * random bytes; a call carries {@code webhook-id}, {@code webhook-timestamp} (Unix seconds) and
 * {@code webhook-signature: v1,<base64 HMAC-SHA256 of "id.timestamp.body" keyed by the decoded
 * secret>}.
 */
public final class WebhookSignature {
  public static final String PREFIX = "whsec_";
  private static final SecureRandom RANDOM = new SecureRandom();

  private WebhookSignature() {}

  public static String newSecret() {
    byte[] secret = new byte[32];
    RANDOM.nextBytes(secret);
    return PREFIX + Base64.getEncoder().encodeToString(secret);
  }

  /**
   * The three headers for one call; {@code body} is the request body exactly as sent ("" for none).
   */
  public static Map<String, String> headers(
      String secret, String webhookId, long unixSeconds, String body) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("webhook-id", webhookId);
    headers.put("webhook-timestamp", Long.toString(unixSeconds));
    headers.put("webhook-signature", "v1," + sign(secret, webhookId, unixSeconds, body));
    return headers;
  }

  public static String sign(String secret, String webhookId, long unixSeconds, String body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(
          new SecretKeySpec(
              Base64.getDecoder().decode(secret.substring(PREFIX.length())), "HmacSHA256"));
      String signed = webhookId + "." + unixSeconds + "." + (body == null ? "" : body);
      return Base64.getEncoder()
          .encodeToString(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 unavailable", e);
    }
  }
}
