package dev.jobrunner.api;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response.Status;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Reading a JSON request body: declared as JSON (JAX-RS lets a missing or wildcard Content-Type through),
 * in UTF-8 (RFC 8259), within a size cap, and decoded strictly, so that invalid bytes are a 400 instead of
 * being stored as U+FFFD.
 */
public final class RequestBody {
  private RequestBody() {}

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
}
