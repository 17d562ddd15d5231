package dev.jobrunner.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {

  /**
   * The example in the Standard Webhooks specification (also computed with Python's hmac module).
   */
  @Test
  void matchesTheStandardWebhooksExample() {
    var headers =
        WebhookSignature.headers(
            "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
            "msg_p5jXN8AQM9LWM0D4loKWxJek",
            1614265330,
            "{\"test\": 2432232314}");
    assertEquals("msg_p5jXN8AQM9LWM0D4loKWxJek", headers.get("webhook-id"));
    assertEquals("1614265330", headers.get("webhook-timestamp"));
    assertEquals(
        "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", headers.get("webhook-signature"));
  }

  @Test
  void aDifferentBodyTimestampOrIdChangesTheSignature() {
    String secret = WebhookSignature.newSecret();
    String base = WebhookSignature.sign(secret, "id", 1, "body");
    assertNotEquals(base, WebhookSignature.sign(secret, "id", 1, "body2"));
    assertNotEquals(base, WebhookSignature.sign(secret, "id", 2, "body"));
    assertNotEquals(base, WebhookSignature.sign(secret, "id2", 1, "body"));
  }

  @Test
  void noBodySignsTheEmptyString() {
    String secret = WebhookSignature.newSecret();
    assertEquals(
        WebhookSignature.sign(secret, "id", 1, ""), WebhookSignature.sign(secret, "id", 1, null));
  }

  @Test
  void newSecretsAreWhsecWith32RandomBytes() {
    String secret = WebhookSignature.newSecret();
    assertTrue(secret.startsWith("whsec_"));
    assertEquals(32, Base64.getDecoder().decode(secret.substring(6)).length);
    assertNotEquals(secret, WebhookSignature.newSecret());
  }
}
