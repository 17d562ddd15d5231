package dev.jobrunner.api;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/**
 * A request body as {@link JsonBodyReader} read it: its text, and its JSON value, null when the
 * body is empty or blank. Whether a body is required, and what it must hold, is each endpoint's
 * business ({@link #object}).
 */
public record JsonBody(String text, JsonValue value) {

  /**
   * Reads text exactly as a request body is read once its bytes passed the size and UTF-8 checks.
   */
  public static JsonBody of(String text) {
    return JsonBodyReader.parse(text);
  }

  public boolean isEmpty() {
    return value == null;
  }

  /** The body as an object; {@code shape} is what the client should send, for the messages. */
  public JsonObject object(String shape) {
    if (value == null) {
      throw ApiException.badRequest("Request body is empty. Send " + shape);
    }
    if (!(value instanceof JsonObject object)) {
      throw ApiException.badRequest("Request body must be a JSON object: " + shape);
    }
    return object;
  }
}
