package dev.jobrunner.api;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParsingException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response.Status;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Reading a JSON request body the same way everywhere: declared as JSON (JAX-RS lets a missing or wildcard
 * Content-Type through), in UTF-8 (RFC 8259) decoded strictly so that invalid bytes are a 400 instead of
 * U+FFFD, bounded in size (413 above 256 KiB); malformed JSON, an empty body, a non-object, a repeated key
 * and an unpaired surrogate each with their own 400 message.
 */
public final class JsonRequestBody {
  /** Whole request bodies above this are refused before parsing. */
  public static final int MAX_BYTES = 256 * 1024;

  private JsonRequestBody() {}

  public static String readBounded(InputStream body) {
    return readUtf8(body, MAX_BYTES);
  }

  /** A 415 unless the Content-Type is one of {@code accepted} (type/subtype), with no charset but UTF-8. */
  public static void requireJson(String contentType, String... accepted) {
    MediaType type;
    try {
      type = contentType == null ? null : MediaType.valueOf(contentType);
    } catch (IllegalArgumentException unreadable) {
      type = null;
    }
    boolean known = false;
    for (String name : accepted) {
      known |= type != null && !type.isWildcardType() && !type.isWildcardSubtype()
          && (type.getType() + "/" + type.getSubtype()).equalsIgnoreCase(name);
    }
    if (!known) {
      throw new ApiException(Status.UNSUPPORTED_MEDIA_TYPE, "Send the request body as " + String.join(" or ", accepted));
    }
    String charset = type.getParameters().get(MediaType.CHARSET_PARAMETER);
    if (charset != null && !charset.toLowerCase(Locale.ROOT).replace("\"", "").equals("utf-8")) {
      throw new ApiException(Status.UNSUPPORTED_MEDIA_TYPE, "Send JSON in UTF-8 (charset=utf-8, or no charset)");
    }
  }

  /** The body as text; a 413 above {@code maxBytes}, a 400 when it is not valid UTF-8. */
  public static String readUtf8(InputStream body, int maxBytes) {
    byte[] bytes;
    try {
      bytes = body.readNBytes(maxBytes + 1);
    } catch (IOException unreadable) {
      throw ApiException.badRequest("Request body could not be read");
    }
    if (bytes.length > maxBytes) {
      throw new ApiException(Status.REQUEST_ENTITY_TOO_LARGE, "Request body is larger than " + maxBytes + " bytes");
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException invalid) {
      throw ApiException.badRequest("Request body is not valid UTF-8");
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
    StrictJson.check(requestBody, object);
    return object;
  }
}
