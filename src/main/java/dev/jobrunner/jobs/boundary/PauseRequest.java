package dev.jobrunner.jobs.boundary;

import dev.jobrunner.api.ApiException;
import dev.jobrunner.api.JsonRequestBody;
import dev.jobrunner.api.UserText;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/** The optional body of a pause: {@code {"reason": "..."}}, at most 500 printable characters. */
final class PauseRequest {
  static final int MAX_REASON_CHARS = 500;

  private PauseRequest() {}

  /** The reason, or null for an empty body or none given. */
  static String reason(String body) {
    if (body == null || body.isBlank()) {
      return null;
    }
    JsonObject object = JsonRequestBody.readObject(body, "{\"reason\": \"...\"}");
    for (String field : object.keySet()) {
      if (!field.equals("reason")) {
        throw ApiException.badRequest("Unknown field \"" + UserText.printable(field) + "\"");
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
    if (UserText.hasControlCharacters(text)) {
      throw ApiException.badRequest("\"reason\" must not contain control characters");
    }
    return text.isBlank() ? null : text;
  }
}
