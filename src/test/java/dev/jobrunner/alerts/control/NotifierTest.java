package dev.jobrunner.alerts.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jobrunner.secrets.WebhookSignature;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class NotifierTest {
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "200, SENT",
    "204, SENT",
    "299, SENT",
    "301, REFUSED",
    "400, REFUSED",
    "404, REFUSED",
    "408, RETRY",
    "429, RETRY",
    "500, RETRY",
    "503, RETRY"
  })
  void retriesWhatJobCallsRetry(int status, Notifier.Result expected) {
    assertEquals(expected, Notifier.classify(status));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "secret", "whsec_", "whsec_not base64!", "whsec_c2hvcnQ="})
  void aMalformedServiceSecretStopsTheDeployment(String secret) {
    assertThrows(IllegalStateException.class, () -> Notifier.checkedSecret(secret));
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3})
  void aStandardWebhooksSecretIsTaken(int ignored) {
    String secret = WebhookSignature.newSecret();
    assertEquals(secret, Notifier.checkedSecret(" " + secret + " "));
  }
}
