package dev.jobrunner.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The rules every request body shares; the job, API-key and pause parsers are tested with their own
 * fields.
 */
class JsonFieldsTest {

  private static JsonFields fields(String json) {
    try (var reader = Json.createReader(new StringReader(json))) {
      return new JsonFields(reader.readObject());
    }
  }

  private static List<String> problems(JsonFields fields) {
    ApiException thrown = assertThrows(ApiException.class, fields::throwIfAny);
    assertEquals(400, thrown.status());
    ApiError error = thrown.toError();
    return error.errors() == null ? List.of(error.error()) : error.errors();
  }

  /** Blank: white space and invisible characters only. Required: refused; optional: not given. */
  @ParameterizedTest(name = "\"{0}\" is blank")
  @ValueSource(
      strings = {
        "",
        "   ",
        "\\t\\n",
        "\\u00a0",
        "\\u200b",
        "\\ufeff",
        "\\u200b\\u200c\\u200d\\u2060",
        "\\u3000"
      })
  void blankTextIsMissingWhenRequiredAndAbsentWhenOptional(String text) {
    JsonFields required = fields("{\"t\": \"" + text + "\"}");
    required.requiredText("t", 10);
    assertEquals(List.of("\"t\" must not be blank"), problems(required));

    JsonFields optional = fields("{\"t\": \"" + text + "\"}");
    assertNull(optional.optionalText("t", 10));
    optional.throwIfAny();
  }

  /**
   * The same text rule for a required and an optional field: '|' separates the JSON value from the
   * message.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      textBlock =
          """
          5                 | "t" must be a string
          ["x"]             | "t" must be a string
          "abcdef"          | "t" is longer than 5 characters
          "a\\u0007b"       | "t" must not contain control characters
          "a\\u202eb"       | "t" must not contain control characters
          "a\\u0085b"       | "t" must not contain control characters
          """)
  void textRules(String value, String message) {
    JsonFields required = fields("{\"t\": " + value + "}");
    required.requiredText("t", 5);
    assertEquals(List.of(message), problems(required));

    JsonFields optional = fields("{\"t\": " + value + "}");
    assertNull(optional.optionalText("t", 5));
    assertEquals(List.of(message), problems(optional));
  }

  @Test
  void lengthIsCountedInCharactersNotUtf16Units() {
    JsonFields fields = fields("{\"t\": \"" + "\\ud83d\\ude00".repeat(5) + "\"}");
    assertEquals("\ud83d\ude00".repeat(5), fields.requiredText("t", 5));
    fields.throwIfAny();
  }

  @Test
  void missingAndNullAreTheSame() {
    JsonFields fields = fields("{\"a\": null}");
    assertNull(fields.value("a"));
    assertNull(fields.optionalText("a", 5));
    assertNull(fields.optionalInt("a", 0, 5));
    assertNull(fields.optionalBoolean("a"));
    fields.requiredText("a", 5);
    fields.requiredString("b");
    assertEquals(List.of("Missing \"a\"", "Missing \"b\""), problems(fields));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"-1", "6", "1.5", "1e400", "\"3\"", "true", "18446744073709551616"})
  void aWholeNumberInRange(String value) {
    JsonFields fields = fields("{\"n\": " + value + "}");
    assertNull(fields.optionalInt("n", 0, 5));
    assertEquals(List.of("\"n\" must be a whole number from 0 to 5"), problems(fields));
    assertEquals(5, fields("{\"n\": 5}").optionalInt("n", 0, 5));
  }

  @Test
  void unknownFieldsAreNamedWithTheirObject() {
    JsonFields fields = fields("{\"a\": 1, \"b\\u0000\": 2, \"c\": 3}");
    fields.refuseUnknown(Set.of("a"), "thing");
    fields.refuseUnknown(Set.of("a", "b\u0000"), null);
    assertEquals(
        List.of(
            "Unknown field \"b\\u0000\" in \"thing\"",
            "Unknown field \"c\" in \"thing\"",
            "Unknown field \"c\""),
        problems(fields));
  }

  @Test
  void atMostTwentyProblemsAreListed() {
    JsonFields fields = fields("{}");
    IntStream.range(0, 30).forEach(i -> fields.requiredString("f" + i));
    assertEquals(20, problems(fields).size());
  }

  /** '|' separates the body from the message; the first problem refuses the request. */
  @ParameterizedTest(name = "body `{0}`")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      textBlock =
          """
          ``                    | Request body is empty. Send {"w": {...}}
          []                    | Request body must be a JSON object: {"w": {...}}
          {}                    | Missing "w" object
          {"w": null}           | Missing "w" object
          {"w": []}             | "w" must be an object
          {"w": {}, "x": 1}     | Unknown field "x"
          """)
  void aWrappedObject(String body, String message) {
    ApiException thrown =
        assertThrows(
            ApiException.class, () -> JsonFields.wrapped(JsonBody.of(body), "w", "{\"w\": {...}}"));
    assertEquals(message, thrown.getMessage());
  }

  @Test
  void theWrappedObjectItself() {
    JsonObject inner =
        JsonFields.wrapped(JsonBody.of("{\"w\": {\"k\": 1}}"), "w", "{\"w\": {...}}");
    assertEquals(1, inner.getInt("k"));
  }
}
