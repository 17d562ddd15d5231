package dev.jobrunner.api;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedHashMap;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.util.HexFormat;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class JsonBodyReaderTest {

  private static ApiException refused(int status, Runnable read) {
    ApiException thrown = assertThrows(ApiException.class, read::run);
    assertEquals(status, thrown.status());
    return thrown;
  }

  @Nested
  class Parsing {
    @Test
    void oneValueWithItsText() {
      String text = "{\"a\": [1, {\"b\": \"caf\\u00e9 \\ud83d\\ude00\"}]}";
      JsonBody body = JsonBody.of(text);
      assertEquals(text, body.text());
      assertEquals(Json.createReader(new java.io.StringReader(text)).readValue(), body.value());
    }

    @ParameterizedTest(name = "\"{0}\" is an empty body")
    @NullSource
    @ValueSource(strings = {"", " ", "\n\t\r "})
    void blankIsEmpty(String text) {
      JsonBody body = JsonBody.of(text);
      assertTrue(body.isEmpty());
      assertNull(body.value());
    }

    /** '|' separates the body from the message; each is refused in the one parse. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(
        delimiter = '|',
        quoteCharacter = '`',
        textBlock =
            """
            {"a":1,"a":2}                  | Duplicate key "a" in the JSON: give each field once
            {"x":{"b":[{"c":1,"c":1}]}}    | Duplicate key "c" in the JSON: give each field once
            {"a":1} x                      | Malformed JSON at line 1, column 9
            {"a":1}{"a":1}                 | Malformed JSON at line 1, column 8
            {"a":                          | Malformed JSON: the body ends before the JSON is complete
            {"a" 1}                        | Malformed JSON at line 1, column 6
            {"a":"\\ud800"}                | Invalid JSON string: \\ud800 is an unpaired surrogate, not a character
            {"\\udc00":1}                  | Invalid JSON string: \\udc00 is an unpaired surrogate, not a character
            """)
    void refusedWithItsMessage(String text, String message) {
      assertEquals(message, refused(400, () -> JsonBody.of(text)).getMessage());
    }

    @Test
    void deepNestingIsMalformedNotAServerError() {
      String deep = "[".repeat(10_000) + "]".repeat(10_000);
      assertEquals("Malformed JSON", refused(400, () -> JsonBody.of(deep)).getMessage());
    }

    @Test
    void anObjectIsAskedForByShape() {
      assertEquals(
          "Request body must be a JSON object: {\"k\": 1}",
          refused(400, () -> JsonBody.of("[]").object("{\"k\": 1}")).getMessage());
      assertEquals(
          "Request body is empty. Send {\"k\": 1}",
          refused(400, () -> JsonBody.of(" ").object("{\"k\": 1}")).getMessage());
    }
  }

  @Nested
  class Bytes {
    private final JsonBodyReader reader = reader("optional");

    private JsonBody read(byte[] bytes) {
      return JsonBodyReaderTest.read(reader, JSON, bytes);
    }

    @Test
    void exactlyTheCapIsReadOneByteMoreIsA413() {
      String head = "{\"a\":\"";
      String tail = "\"}";
      String atCap =
          head + "x".repeat(JsonBodyReader.MAX_BYTES - head.length() - tail.length()) + tail;
      assertEquals(JsonBodyReader.MAX_BYTES, read(atCap.getBytes(UTF_8)).text().length());
      String overCap =
          head + "x".repeat(JsonBodyReader.MAX_BYTES - head.length() - tail.length() + 1) + tail;
      assertEquals(
          "Request body is larger than 262144 bytes",
          refused(413, () -> read(overCap.getBytes(UTF_8))).getMessage());
    }

    /**
     * An upgrade request's body arrives as the start of the raw connection: what follows is not
     * read.
     */
    @Test
    void theDeclaredLengthIsReadAndNothingAfterIt() {
      var headers = new MultivaluedHashMap<String, String>();
      headers.putSingle("Content-Type", "(parsed by the runtime)");
      headers.putSingle("Content-Length", "7");
      headers.putSingle("Upgrade", "h2c");
      byte[] connection = "{\"a\":1}PRI * HTTP/2.0".getBytes(UTF_8);
      JsonBody body =
          reader.readFrom(
              JsonBody.class,
              JsonBody.class,
              null,
              JSON,
              headers,
              new ByteArrayInputStream(connection));
      assertEquals("{\"a\":1}", body.text());
    }

    @Test
    void aDeclaredLengthOverTheCapIsA413BeforeAnyRead() {
      var headers = new MultivaluedHashMap<String, String>();
      headers.putSingle("Content-Length", String.valueOf(JsonBodyReader.MAX_BYTES + 1));
      InputStream unreadable =
          new InputStream() {
            @Override
            public int read() {
              throw new AssertionError("read");
            }
          };
      refused(
          413,
          () -> reader.readFrom(JsonBody.class, JsonBody.class, null, JSON, headers, unreadable));
    }

    @ParameterizedTest(name = "bytes {0}")
    @ValueSource(strings = {"ff", "c0af", "eda080", "e282"})
    void invalidUtf8IsA400NotAReplacementCharacter(String hex) {
      byte[] bytes =
          JsonBodyReaderTest.concat(
              "{\"a\":\"".getBytes(UTF_8), HexFormat.of().parseHex(hex), "\"}".getBytes(UTF_8));
      assertEquals("Request body is not valid UTF-8", refused(400, () -> read(bytes)).getMessage());
    }
  }

  @Nested
  class ContentType {
    private JsonBody read(String endpoint, MediaType type, String body) {
      return JsonBodyReaderTest.read(reader(endpoint), type, body.getBytes(UTF_8));
    }

    /** '/' for type/subtype, then the charset parameter if any ('-' for none). */
    private static MediaType type(String name, String charset) {
      String[] parts = name.split("/");
      return charset.equals("-")
          ? new MediaType(parts[0], parts[1])
          : new MediaType(parts[0], parts[1], charset);
    }

    @ParameterizedTest(name = "{0}; charset={1}")
    @CsvSource({"application/json, -", "application/json, utf-8", "Application/JSON, \"UTF-8\""})
    void jsonInUtf8IsRead(String name, String charset) {
      assertEquals(
          1, read("required", type(name, charset), "{\"a\":1}").value().asJsonObject().getInt("a"));
    }

    /** The Content-Type ('-' for none) with its charset ('-' for none), and the message. */
    @ParameterizedTest(name = "{0}; charset={1}")
    @CsvSource(
        delimiter = '|',
        textBlock =
            """
            -                | -      | Send the request body as application/json
            */*              | -      | Send the request body as application/json
            application/*    | -      | Send the request body as application/json
            text/plain       | -      | Send the request body as application/json
            application/json | utf-16 | Send JSON in UTF-8 (charset=utf-8, or no charset)
            """)
    void anEndpointThatConsumesJsonRefusesAnythingElse(
        String name, String charset, String message) {
      MediaType declared = name.equals("-") ? null : type(name, charset);
      assertEquals(
          message, refused(415, () -> read("required", declared, "{\"a\":1}")).getMessage());
      assertEquals(
          message,
          refused(415, () -> read("required", declared, "")).getMessage(),
          "even when empty");
    }

    @Test
    void theMessageNamesEveryTypeTheEndpointConsumes() {
      assertEquals(
          "Send the request body as application/json or application/merge-patch+json",
          refused(415, () -> read("patch", type("text/plain", "-"), "{}")).getMessage());
      assertEquals(
          1,
          read("patch", type("application/merge-patch+json", "-"), "{\"a\":1}")
              .value()
              .asJsonObject()
              .getInt("a"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"-", "text/plain", "application/x-www-form-urlencoded"})
    void anOptionalBodyMayBeEmptyWhateverItsType(String name) {
      assertTrue(read("optional", name.equals("-") ? null : type(name, "-"), "").isEmpty());
    }

    @Test
    void anOptionalBodyThatIsGivenMustBeJson() {
      assertEquals(
          "Send the request body as application/json",
          refused(415, () -> read("optional", type("text/plain", "-"), "maintenance"))
              .getMessage());
      assertEquals(
          "x", read("optional", JSON, "{\"r\":\"x\"}").value().asJsonObject().getString("r"));
    }
  }

  private static final MediaType JSON = new MediaType("application", "json");

  /**
   * As the runtime calls the reader: {@code type} is the parsed Content-Type, null when none was
   * sent.
   */
  private static JsonBody read(JsonBodyReader reader, MediaType type, byte[] bytes) {
    var headers = new MultivaluedHashMap<String, String>();
    if (type != null) {
      headers.putSingle("Content-Type", "(parsed by the runtime)");
    }
    MediaType passed = type == null ? new MediaType("application", "octet-stream") : type;
    return reader.readFrom(
        JsonBody.class, JsonBody.class, null, passed, headers, new ByteArrayInputStream(bytes));
  }

  // Endpoints as the reader sees them: their @Consumes, or none for an optional body.

  @Consumes("application/json")
  void required() {}

  @Consumes({"application/json", "application/merge-patch+json"})
  void patch() {}

  void optional() {}

  private static JsonBodyReader reader(String endpoint) {
    JsonBodyReader reader = new JsonBodyReader();
    reader.resource =
        new ResourceInfo() {
          @Override
          public Method getResourceMethod() {
            try {
              return JsonBodyReaderTest.class.getDeclaredMethod(endpoint);
            } catch (NoSuchMethodException e) {
              throw new IllegalArgumentException(e);
            }
          }

          @Override
          public Class<?> getResourceClass() {
            return JsonBodyReaderTest.class;
          }
        };
    return reader;
  }

  private static byte[] concat(byte[]... parts) {
    var out = new java.io.ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }
}
