package dev.jobrunner.api;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonConfig;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParserFactory;
import jakarta.json.stream.JsonParsingException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response.Status;
import jakarta.ws.rs.ext.MessageBodyReader;
import jakarta.ws.rs.ext.Provider;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads every JSON request body the same way, before the endpoint runs. In order:
 *
 * <ol>
 *   <li>declared as one of the types the endpoint {@code @Consumes} (JAX-RS lets a missing or
 *       wildcard Content-Type through), with no charset but UTF-8, else a 415. An endpoint that
 *       declares none takes an optional JSON body: an empty one may come with any Content-Type or
 *       none;
 *   <li>at most {@link #MAX_BYTES}, else a 413;
 *   <li>valid UTF-8 (RFC 8259), decoded strictly so that invalid bytes are a 400 instead of U+FFFD;
 *   <li>one JSON value, parsed once, refusing a key given twice (a parser would keep one of them
 *       silently) and unpaired UTF-16 surrogates ({@code "\ud800"}, not characters, which would be
 *       stored as "?"); malformed JSON gets a 400 naming where.
 * </ol>
 */
@Provider
public class JsonBodyReader implements MessageBodyReader<JsonBody> {
  /** Whole request bodies above this are refused before parsing. */
  public static final int MAX_BYTES = 256 * 1024;

  /**
   * Refusing repeated keys while parsing. Parsson (the JSON-P of Payara and WildFly) honours the
   * standard {@code KEY_STRATEGY} in its reader factory only; its parser factory, which is what
   * tells trailing content apart, takes its own property.
   */
  private static final JsonParserFactory NO_DUPLICATES =
      Json.createParserFactory(
          Map.of(
              JsonConfig.KEY_STRATEGY,
              JsonConfig.KeyStrategy.NONE,
              "org.eclipse.parsson.rejectDuplicateKeys",
              true));

  /** Parsson's message for a repeated key. */
  private static final Pattern DUPLICATE =
      Pattern.compile("Duplicate key '(.*)' is not allowed", Pattern.DOTALL);

  @Context ResourceInfo resource;

  @Override
  public boolean isReadable(
      Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
    return type == JsonBody.class;
  }

  @Override
  public JsonBody readFrom(
      Class<JsonBody> type,
      Type genericType,
      Annotation[] annotations,
      MediaType mediaType,
      MultivaluedMap<String, String> headers,
      InputStream entity) {
    // The runtime has parsed the Content-Type already; without the header it passes a default type.
    MediaType declared = headers.getFirst(HttpHeaders.CONTENT_TYPE) == null ? null : mediaType;
    List<String> accepted = consumed();
    if (!accepted.isEmpty()) {
      requireJson(declared, accepted);
    }
    String text = utf8(entity, BodyLength.of(headers));
    if (accepted.isEmpty() && !text.isBlank()) {
      requireJson(declared, List.of(MediaType.APPLICATION_JSON));
    }
    return parse(text);
  }

  /** The media types the endpoint declares; none for an optional body. */
  private List<String> consumed() {
    Method method = resource == null ? null : resource.getResourceMethod();
    Consumes consumes = method == null ? null : method.getAnnotation(Consumes.class);
    return consumes == null
        ? List.of()
        : Arrays.stream(consumes.value())
            .flatMap(types -> Arrays.stream(types.split(",")))
            .map(String::strip)
            .toList();
  }

  /**
   * A 415 unless the Content-Type is one of {@code accepted} (type/subtype), with no charset but
   * UTF-8.
   */
  static void requireJson(MediaType type, List<String> accepted) {
    boolean known = false;
    for (String name : accepted) {
      known |=
          type != null
              && !type.isWildcardType()
              && !type.isWildcardSubtype()
              && (type.getType() + "/" + type.getSubtype()).equalsIgnoreCase(name);
    }
    if (!known) {
      throw new ApiException(
          Status.UNSUPPORTED_MEDIA_TYPE,
          "Send the request body as " + String.join(" or ", accepted));
    }
    String charset = type.getParameters().get(MediaType.CHARSET_PARAMETER);
    if (charset != null && !charset.toLowerCase(Locale.ROOT).replace("\"", "").equals("utf-8")) {
      throw new ApiException(
          Status.UNSUPPORTED_MEDIA_TYPE, "Send JSON in UTF-8 (charset=utf-8, or no charset)");
    }
  }

  private static ApiException tooLarge() {
    return new ApiException(
        Status.REQUEST_ENTITY_TOO_LARGE, "Request body is larger than " + MAX_BYTES + " bytes");
  }

  /** The body as text; a 413 above {@link #MAX_BYTES}, a 400 when it is not valid UTF-8. */
  static String utf8(InputStream body, BodyLength length) {
    if (length.bytes() > MAX_BYTES) {
      throw tooLarge();
    }
    byte[] bytes;
    try {
      bytes = body.readNBytes(length.toRead(MAX_BYTES + 1));
    } catch (IOException unreadable) {
      throw ApiException.badRequest("Request body could not be read");
    }
    if (bytes.length > MAX_BYTES) {
      throw tooLarge();
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

  /** The text as one JSON value; a blank text is an empty body. */
  static JsonBody parse(String text) {
    if (text == null || text.isBlank()) {
      return new JsonBody(text == null ? "" : text, null);
    }
    JsonValue value;
    try (var parser = NO_DUPLICATES.createParser(new StringReader(text))) {
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
    } catch (IllegalStateException duplicate) {
      Matcher key = DUPLICATE.matcher(String.valueOf(duplicate.getMessage()));
      throw ApiException.badRequest(
          key.find()
              ? "Duplicate key \""
                  + UserText.printable(key.group(1))
                  + "\" in the JSON: give each field once"
              : "Malformed JSON");
    } catch (RuntimeException | StackOverflowError malformed) {
      // JsonException, and Parsson's plain RuntimeException for nesting beyond its depth limit
      throw ApiException.badRequest("Malformed JSON");
    }
    refuseLoneSurrogates(value);
    return new JsonBody(text, value);
  }

  private static void refuseLoneSurrogates(JsonValue value) {
    switch (value) {
      case JsonString string -> refuseLoneSurrogate(string.getString());
      case JsonObject object ->
          object.forEach(
              (key, member) -> {
                refuseLoneSurrogate(key);
                refuseLoneSurrogates(member);
              });
      case JsonArray array -> array.forEach(JsonBodyReader::refuseLoneSurrogates);
      default -> {}
    }
  }

  private static void refuseLoneSurrogate(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        throw ApiException.badRequest(
            "Invalid JSON string: \\u"
                + Integer.toHexString(c)
                + " is an unpaired surrogate, not a character");
      }
    }
  }
}
