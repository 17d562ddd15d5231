package dev.jobrunner.jobs.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jobrunner.api.ApiException;
import dev.jobrunner.api.JsonBody;
import jakarta.json.Json;
import java.net.URI;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code notify_url}: optional, and checked by the same rules as {@code url}. */
class NotifyUrlFieldTest {
  private static String request(String notifyUrlJson) {
    return "{\"jobrunner\":{\"title\":\"Ping\",\"method\":\"GET\",\"url\":\"https://example.com/hook\""
        + (notifyUrlJson == null ? "" : ",\"notify_url\":" + notifyUrlJson)
        + "}}";
  }

  @Test
  void isOptional() {
    assertNull(JobSpecParser.parseCreateRequest(request(null)).notifyUrl());
    assertNull(JobSpecParser.parseCreateRequest(request("null")).notifyUrl());
  }

  @Test
  void isKeptAsGiven() {
    assertEquals(
        URI.create("https://alerts.example.com/hooks/T0/B0?team=ops"),
        JobSpecParser.parseCreateRequest(
                request("\"https://alerts.example.com/hooks/T0/B0?team=ops\""))
            .notifyUrl());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "\"ftp://example.com/x\" | Invalid notify_url \"ftp://example.com/x\". Use an absolute http or https URL",
        "\"/relative\"           | Invalid notify_url \"/relative\". Use an absolute http or https URL",
        "\"\"                    | Invalid notify_url \"\". Use an absolute http or https URL",
        "42                      | \"notify_url\" must be a string",
      })
  void isRefusedLikeUrl(String value, String message) {
    ApiException refused =
        assertThrows(ApiException.class, () -> JobSpecParser.parseCreateRequest(request(value)));
    assertEquals(message, refused.getMessage());
  }

  @Test
  void isRefusedWhenLongerThanAUrlMayBe() {
    String tooLong = "\"https://example.com/" + "a".repeat(JobSpecParser.MAX_URL_CHARS) + "\"";
    ApiException refused =
        assertThrows(ApiException.class, () -> JobSpecParser.parseCreateRequest(request(tooLong)));
    assertEquals("\"notify_url\" is longer than 2048 characters", refused.getMessage());
  }

  @Test
  void aMergePatchWithNullRemovesIt() {
    var stored =
        Json.createReader(new java.io.StringReader(request("\"https://a.example/x\"")))
            .readObject()
            .getJsonObject("jobrunner");
    var patch = JsonBody.of("{\"jobrunner\":{\"notify_url\":null}}");
    assertNull(
        JobSpecParser.parsePatch(stored, patch, ZoneOffset.UTC, JobSpecParser.Limits.DEFAULT)
            .spec()
            .notifyUrl());
  }
}
