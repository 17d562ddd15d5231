package dev.jobrunner.jobs.boundary;

import dev.jobrunner.api.ApiException;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.regex.Pattern;

/** The optional body of a pause: {@code {"reason": "..."}}, at most 500 printable characters. */
final class PauseRequest {
  static final int MAX_REASON_CHARS = 500;
  private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}\\u202A-\\u202E\\u2066-\\u2069]");

  private PauseRequest() {}

  /** The reason, or null for an empty body or none given. */
  static String reason(String body) {
    if (body == null || body.isBlank()) {
      return null;
    }
    JsonValue value;
    try (var reader = Json.createReader(new StringReader(body))) {
      value = reader.readValue();
    } catch (RuntimeException | StackOverflowError malformed) {
      throw ApiException.badRequest("Malformed JSON: send {\"reason\": \"...\"} or nothing");
    }
    if (!(value instanceof JsonObject object)) {
      throw ApiException.badRequest("Request body must be a JSON object: {\"reason\": \"...\"}");
    }
    dev.jobrunner.api.StrictJson.check(body, object);
    for (String field : object.keySet()) {
      if (!field.equals("reason")) {
        throw ApiException.badRequest("Unknown field \"" + dev.jobrunner.api.UserText.printable(field) + "\"");
      }
    }
    JsonValue reason = object.get("reason");
    if (reason == null || reason == JsonValue.NULL) {
      return null;
    }
    if (!(reason instanceof JsonString string)) {
      throw ApiException.badRequest("\"reason\" must be a string");
    }
    String text = string.getString();
    if (text.codePointCount(0, text.length()) > MAX_REASON_CHARS) {
      throw ApiException.badRequest("\"reason\" is longer than " + MAX_REASON_CHARS + " characters");
    }
    if (CONTROL.matcher(text).find()) {
      throw ApiException.badRequest("\"reason\" must not contain control characters");
    }
    return text.isBlank() ? null : text;
  }
}
