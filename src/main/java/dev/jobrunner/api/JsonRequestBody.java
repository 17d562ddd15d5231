package dev.jobrunner.api;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParsingException;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;

/**
 * Reading a JSON request body the same way everywhere: bounded in size (413 above 256 KiB), and malformed JSON,
 * an empty body or a non-object each with their own 400 message. (The job endpoints still carry their own copy
 * of this, in JobRunnerResource and JobSpecParser; they can switch to it.)
 */
public final class JsonRequestBody {
  /** Whole request bodies above this are refused before parsing. */
  public static final int MAX_BYTES = 256 * 1024;

  private JsonRequestBody() {}

  public static String readBounded(InputStream body) {
    try {
      byte[] bytes = body.readNBytes(MAX_BYTES + 1);
      if (bytes.length > MAX_BYTES) {
        throw new ApiException(
            Response.Status.REQUEST_ENTITY_TOO_LARGE, "Request body is larger than " + MAX_BYTES + " bytes");
      }
      return new String(bytes, StandardCharsets.UTF_8);
    } catch (IOException unreadable) {
      throw ApiException.badRequest("Request body could not be read");
    }
  }

  /**
   * The body as a JSON object. {@code shape} is what the client should send, for the messages, e.g.
   * {@code {"api_key": {...}}}.
   */
  public static JsonObject readObject(String requestBody, String shape) {
    if (requestBody == null || requestBody.isBlank()) {
      throw ApiException.badRequest("Request body is empty. Send " + shape);
    }
    JsonValue value;
    try (var parser = Json.createParser(new StringReader(requestBody))) {
      parser.next();
      value = parser.getValue();
      if (parser.hasNext()) {
        throw ApiException.badRequest("Malformed JSON: unexpected content after the JSON value");
      }
    } catch (JsonParsingException malformed) {
      // Parsson reports a wrong column at end of input, so that case gets its own message.
      if (String.valueOf(malformed.getMessage()).contains("token=EOF")) {
        throw ApiException.badRequest("Malformed JSON: the body ends before the JSON is complete");
      }
      var at = malformed.getLocation();
      throw ApiException.badRequest(
          "Malformed JSON at line " + at.getLineNumber() + ", column " + at.getColumnNumber());
    } catch (ApiException known) {
      throw known;
    } catch (RuntimeException | StackOverflowError malformed) {
      // JsonException, and Parsson's plain RuntimeException for nesting beyond its depth limit
      throw ApiException.badRequest("Malformed JSON");
    }
    if (!(value instanceof JsonObject object)) {
      throw ApiException.badRequest("Request body must be a JSON object: " + shape);
    }
    return object;
  }
}
