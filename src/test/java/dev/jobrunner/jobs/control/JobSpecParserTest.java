package dev.jobrunner.jobs.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jobrunner.api.ApiError;
import dev.jobrunner.api.ApiException;
import dev.jobrunner.api.JsonBody;
import dev.jobrunner.jobs.entity.HttpMethod;
import dev.jobrunner.jobs.entity.JobSpec;
import dev.jobrunner.jobs.entity.ScheduleTime;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.URI;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class JobSpecParserTest {
  private static final String ALLOWED_METHODS = "GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS";

  // ---------------------------------------------------------------------------------------------------------
  // Helpers: a valid job as a builder, tweaked per test, wrapped as {"jobrunner": {...}}.

  /** title, method and url: the smallest valid job. */
  private static JsonObjectBuilder minimalJob() {
    return Json.createObjectBuilder()
        .add("title", "Ping")
        .add("method", "POST")
        .add("url", "https://example.com/hook");
  }

  private static String request(JsonObjectBuilder job) {
    return Json.createObjectBuilder().add("jobrunner", job).build().toString();
  }

  private static JsonValue json(String text) {
    try (var reader = Json.createReader(new StringReader(text))) {
      return reader.readValue();
    }
  }

  private static JobSpec parse(JsonObjectBuilder job) {
    return JobSpecParser.parseCreateRequest(request(job));
  }

  private static ApiException rejected(String requestBody) {
    ApiException thrown =
        assertThrows(ApiException.class, () -> JobSpecParser.parseCreateRequest(requestBody));
    assertEquals(400, thrown.status());
    return thrown;
  }

  private static ApiException rejected(JsonObjectBuilder job) {
    return rejected(request(job));
  }

  /** Asserts exactly one problem was reported, with this message. */
  private static void assertOnlyProblem(String expected, ApiException thrown) {
    ApiError error = thrown.toError();
    assertEquals(expected, error.error());
    assertNull(error.errors(), "a single problem has no \"errors\" list");
    assertEquals(expected, thrown.getMessage());
  }

  /** Asserts every problem, in order. */
  private static void assertProblems(List<String> expected, ApiException thrown) {
    ApiError error = thrown.toError();
    assertEquals(expected.getFirst(), error.error());
    assertEquals(expected, error.errors());
  }

  private static String repeat(String unit, int times) {
    return unit.repeat(times);
  }

  // ---------------------------------------------------------------------------------------------------------

  @Nested
  class ValidRequests {
    @Test
    void fullRequest() {
      String body =
          """
          {
            "jobrunner": {
              "title": "Nightly report",
              "method": "PUT",
              "url": "https://reports.example.com:8443/api/v1/run?x=1&y=2",
              "content_type": "application/json; charset=utf-8",
              "body": "{\\"full\\": true}",
              "schedulation": ["08:00", "12:30", "23:59"]
            }
          }
          """;

      JobSpec spec = JobSpecParser.parseCreateRequest(body);

      assertEquals("Nightly report", spec.title());
      assertEquals(HttpMethod.PUT, spec.method());
      assertEquals(URI.create("https://reports.example.com:8443/api/v1/run?x=1&y=2"), spec.url());
      assertEquals("application/json; charset=utf-8", spec.contentType());
      assertEquals("{\"full\": true}", spec.body());
      assertTrue(spec.hasBody());
      assertEquals(List.of(time("08:00"), time("12:30"), time("23:59")), spec.times());
    }

    @Test
    void minimalRequestIsAnOnDemandJobWithoutBody() {
      JobSpec spec = parse(minimalJob());

      assertEquals("Ping", spec.title());
      assertEquals(HttpMethod.POST, spec.method());
      assertEquals(URI.create("https://example.com/hook"), spec.url());
      assertNull(spec.contentType());
      assertNull(spec.body());
      assertFalse(spec.hasBody());
      assertEquals(List.of(), spec.times());
    }

    @Test
    void emptySchedulationIsAnOnDemandJob() {
      assertEquals(
          List.of(), parse(minimalJob().add("schedulation", Json.createArrayBuilder())).times());
    }

    @Test
    void nullSchedulationIsLikeMissing() {
      assertEquals(List.of(), parse(minimalJob().addNull("schedulation")).times());
    }

    @Test
    void nullOptionalFieldsAreLikeMissing() {
      JobSpec spec = parse(minimalJob().addNull("content_type").addNull("body"));
      assertNull(spec.contentType());
      assertNull(spec.body());
    }

    @Test
    void fieldOrderDoesNotMatter() {
      String body =
          """
          {"jobrunner": {"schedulation": ["06:15"], "url": "http://example.org", "method": "GET", "title": "x"}}
          """;
      JobSpec spec = JobSpecParser.parseCreateRequest(body);
      assertEquals(HttpMethod.GET, spec.method());
      assertEquals(List.of(time("06:15")), spec.times());
    }
  }

  // ---------------------------------------------------------------------------------------------------------

  @Nested
  class Envelope {
    @ParameterizedTest(name = "body \"{0}\" is empty")
    @NullAndEmptySource
    @ValueSource(strings = {" ", "\n\t  \r\n"})
    void emptyOrBlankBody(String body) {
      assertOnlyProblem("Request body is empty. Send {\"jobrunner\": {...}}", rejected(body));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
        strings = {
          "{",
          "{\"jobrunner\": ",
          "{\"jobrunner\": {\"title\": \"x\",}}",
          "{'jobrunner': {}}",
          "{\"jobrunner\": {\"title\": x}}",
          "not json",
          "}",
        })
    void malformedJson(String body) {
      String message = rejected(body).toError().error();
      assertTrue(message.startsWith("Malformed JSON"), message);
    }

    @Test
    void malformedJsonNamesTheLine() {
      String body = "{\n  \"jobrunner\": {\n    \"title\": oops\n  }\n}";
      String message = rejected(body).toError().error();
      assertTrue(message.matches("Malformed JSON at line 3, column \\d+"), message);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"[]", "[{\"jobrunner\": {}}]", "\"jobrunner\"", "42", "true", "null"})
    void topLevelMustBeAnObject(String body) {
      assertOnlyProblem(
          "Request body must be a JSON object: {\"jobrunner\": {...}}", rejected(body));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
        strings = {"{}", "{\"jobrunner\": null}", "{\"job_runner\": {}}", "{\"JobRunner\": {}}"})
    void missingJobrunner(String body) {
      assertOnlyProblem("Missing \"jobrunner\" object", rejected(body));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
        strings = {
          "{\"jobrunner\": []}",
          "{\"jobrunner\": [{\"title\": \"x\"}]}",
          "{\"jobrunner\": \"x\"}",
          "{\"jobrunner\": 1}",
          "{\"jobrunner\": false}",
        })
    void jobrunnerMustBeAnObject(String body) {
      assertOnlyProblem("\"jobrunner\" must be an object", rejected(body));
    }

    @Test
    void unknownTopLevelField() {
      String body = request(minimalJob()).replaceFirst("^\\{", "{\"extra\": 1, ");
      assertOnlyProblem("Unknown field \"extra\"", rejected(body));
    }

    @Test
    void unknownTopLevelFieldIsReportedAloneEvenIfTheJobIsAlsoInvalid() {
      String body = "{\"jobrunner\": {}, \"extra\": 1}";
      assertOnlyProblem("Unknown field \"extra\"", rejected(body));
    }

    @Test
    void unknownFieldInsideJobrunner() {
      assertOnlyProblem(
          "Unknown field \"schedule\" in \"jobrunner\"",
          rejected(minimalJob().add("schedule", Json.createArrayBuilder().add("08:00"))));
    }

    @Test
    void everyUnknownFieldInsideJobrunnerIsReported() {
      ApiException thrown = rejected(minimalJob().add("foo", 1).add("bar", JsonValue.NULL));
      assertEquals(2, thrown.toError().errors().size());
      assertTrue(thrown.toError().errors().contains("Unknown field \"foo\" in \"jobrunner\""));
      assertTrue(thrown.toError().errors().contains("Unknown field \"bar\" in \"jobrunner\""));
    }

    @Test
    void fieldNamesAreCaseSensitive() {
      assertOnlyProblem(
          "Unknown field \"Title\" in \"jobrunner\"", rejected(minimalJob().add("Title", "x")));
    }

    @Test
    void unknownFieldNamesAreEchoedSafely() {
      assertOnlyProblem(
          "Unknown field \"a\\u000ab\" in \"jobrunner\"", rejected(minimalJob().add("a\nb", 1)));
    }

    @Test
    void longUnknownFieldNamesAreShortened() {
      String name = repeat("n", 81);
      assertOnlyProblem(
          "Unknown field \"" + repeat("n", 80) + "...\" in \"jobrunner\"",
          rejected(minimalJob().add(name, 1)));
    }
  }

  // ---------------------------------------------------------------------------------------------------------

  @Nested
  class Title {
    @Test
    void missing() {
      assertOnlyProblem("Missing \"title\"", rejected(minimalJob().remove("title")));
    }

    @Test
    void nullIsMissing() {
      assertOnlyProblem("Missing \"title\"", rejected(minimalJob().addNull("title")));
    }

    @ParameterizedTest(name = "\"{0}\" is blank")
    @ValueSource(strings = {"", " ", "   ", "\t", "\n", " \r\n "})
    void blank(String title) {
      assertOnlyProblem("\"title\" must not be blank", rejected(minimalJob().add("title", title)));
    }

    @Test
    void exactly200CodePointsIsAccepted() {
      String title = repeat("t", 200);
      assertEquals(title, parse(minimalJob().add("title", title)).title());
    }

    @Test
    void lengthCountsCodePointsNotUtf16Units() {
      String title = repeat("\uD83D\uDE80", 200); // 200 rockets, 400 chars
      assertEquals(400, title.length());
      assertEquals(title, parse(minimalJob().add("title", title)).title());
    }

    @ParameterizedTest(name = "201 x \"{0}\"")
    @ValueSource(strings = {"t", "é", "\uD83D\uDE80"})
    void over200CodePoints(String unit) {
      assertOnlyProblem(
          "\"title\" is longer than 200 characters",
          rejected(minimalJob().add("title", repeat(unit, 201))));
    }

    @ParameterizedTest(name = "control U+{0}")
    @ValueSource(strings = {"0000", "0001", "0007", "0009", "000a", "000d", "001b", "001f", "007f"})
    void controlCharacters(String hex) {
      String title = "Nightly" + (char) Integer.parseInt(hex, 16) + "report";
      assertOnlyProblem(
          "\"title\" must not contain control characters",
          rejected(minimalJob().add("title", title)));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"1", "true", "[\"x\"]", "{\"x\": 1}"})
    void notAString(String value) {
      assertOnlyProblem(
          "\"title\" must be a string", rejected(minimalJob().add("title", json(value))));
    }

    @Test
    void unicodeAndPunctuationAreFine() {
      String title = "Rapport quotidien — 東京 ✓ \"quoted\" <tag>";
      assertEquals(title, parse(minimalJob().add("title", title)).title());
    }
  }

  // ---------------------------------------------------------------------------------------------------------

  @Nested
  class Method {
    @ParameterizedTest
    @EnumSource(HttpMethod.class)
    void everyAllowedMethod(HttpMethod method) {
      assertEquals(method, parse(minimalJob().add("method", method.name())).method());
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(
        strings = {"post", "Post", "get", "CONNECT", "TRACE", "FETCH", "", " POST", "POST "})
    void unknownOrWrongCase(String method) {
      assertOnlyProblem(
          "Invalid method \"" + method + "\". Use one of " + ALLOWED_METHODS,
          rejected(minimalJob().add("method", method)));
    }

    @Test
    void allowedListMatchesTheEnum() {
      assertEquals(ALLOWED_METHODS, HttpMethod.ALLOWED);
    }

    @Test
    void missing() {
      assertOnlyProblem("Missing \"method\"", rejected(minimalJob().remove("method")));
    }

    @Test
    void notAString() {
      assertOnlyProblem("\"method\" must be a string", rejected(minimalJob().add("method", 1)));
    }
  }

  // ---------------------------------------------------------------------------------------------------------

  @Nested
  class Url {
    @ParameterizedTest(name = "{0}")
    @ValueSource(
        strings = {
          "http://example.com",
          "https://example.com/",
          "HTTPS://EXAMPLE.COM/Path",
          "http://localhost:8080/x?y=z#frag",
          "http://127.0.0.1/",
          "http://[::1]:9000/",
          "https://sub.example.co.uk/a%20b",
        })
    void acceptsAbsoluteHttpAndHttps(String url) {
      assertEquals(URI.create(url), parse(minimalJob().add("url", url)).url());
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(
        strings = {
          "example.com", // not absolute
          "/hook", // not absolute
          "//example.com/hook", // no scheme
          "ftp://example.com/file", // wrong scheme
          "file:///etc/passwd",
          "mailto:someone@example.com",
          "javascript:alert(1)",
          "http:///path", // missing host
          "https://", // missing host
          "http:example.com", // opaque, no host
          "http://exa mple.com/", // space
          "https://example.com/a b",
          " https://example.com",
          "",
        })
    void rejectsOthers(String url) {
      assertOnlyProblem(
          "Invalid url \"" + url + "\". Use an absolute http or https URL",
          rejected(minimalJob().add("url", url)));
    }

    @Test
    void controlCharactersAreEscapedInTheMessage() {
      assertOnlyProblem(
          "Invalid url \"http://example.com/\\u000d\\u000aX: y\". Use an absolute http or https URL",
          rejected(minimalJob().add("url", "http://example.com/\r\nX: y")));
    }

    @Test
    void exactly2048CharactersIsAccepted() {
      String url = "https://example.com/";
      url += repeat("a", 2048 - url.length());
      assertEquals(2048, url.length());
      assertEquals(URI.create(url), parse(minimalJob().add("url", url)).url());
    }

    @Test
    void over2048Characters() {
      String url = "https://example.com/";
      url += repeat("a", 2049 - url.length());
      assertOnlyProblem(
          "\"url\" is longer than 2048 characters", rejected(minimalJob().add("url", url)));
    }

    @Test
    void missing() {
      assertOnlyProblem("Missing \"url\"", rejected(minimalJob().remove("url")));
    }

    @Test
    void notAString() {
      assertOnlyProblem(
          "\"url\" must be a string",
          rejected(minimalJob().add("url", Json.createObjectBuilder().add("href", "http://x"))));
    }
  }

  // ---------------------------------------------------------------------------------------------------------

  @Nested
  class ContentType {
    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(
        strings = {
          "application/json",
          "text/plain",
          "application/json; charset=utf-8",
          "application/json;charset=UTF-8",
          "application/json ; charset=utf-8",
          "application/json;\tcharset=utf-8",
          "text/plain; charset=\"utf-8\"",
          "multipart/form-data; boundary=abc123; charset=utf-8",
          "application/vnd.api+json",
          "application/x-www-form-urlencoded",
        })
    void valid(String type) {
      JobSpec spec = parse(minimalJob().add("content_type", type).add("body", "x"));
      assertEquals(type, spec.contentType());
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(
        strings = {
          "",
          "json",
          "application",
          "application/",
          "/json",
          "application/json;",
          "application/json; charset",
          "application/json; charset=",
          "application json",
          "application/json/extra",
          " application/json",
          "application/json ",
          "text/plain; charset=\"utf-8",
          "application/jsön",
        })
    void invalid(String type) {
      assertOnlyProblem(
          "Invalid content_type \"" + type + "\". Use a media type such as application/json",
          rejected(minimalJob().add("content_type", type).add("body", "x")));
    }

    @Test
    void allowedWithoutBody() {
      JobSpec spec = parse(minimalJob().add("content_type", "text/plain"));
      assertEquals("text/plain", spec.contentType());
      assertFalse(spec.hasBody());
    }

    @Test
    void exactly255CharactersIsAccepted() {
      String type = "application/" + repeat("x", 255 - "application/".length());
      assertEquals(255, type.length());
      assertEquals(type, parse(minimalJob().add("content_type", type)).contentType());
    }

    @Test
    void over255Characters() {
      String type = "application/" + repeat("x", 256 - "application/".length());
      assertOnlyProblem(
          "\"content_type\" is longer than 255 characters",
          rejected(minimalJob().add("content_type", type)));
    }

    @Test
    void notAString() {
      assertOnlyProblem(
          "\"content_type\" must be a string", rejected(minimalJob().add("content_type", 7)));
    }
  }

  // ---------------------------------------------------------------------------------------------------------

  @Nested
  class Body {
    private JsonObjectBuilder withBody(String method, String body) {
      return minimalJob().add("method", method).add("content_type", "text/plain").add("body", body);
    }

    @ParameterizedTest
    @EnumSource(
        value = HttpMethod.class,
        names = {"POST", "PUT", "PATCH", "DELETE", "OPTIONS"})
    void allowedOnMethodsThatCarryABody(HttpMethod method) {
      JobSpec spec = parse(withBody(method.name(), "payload"));
      assertEquals("payload", spec.body());
      assertTrue(spec.hasBody());
    }

    @ParameterizedTest
    @EnumSource(
        value = HttpMethod.class,
        names = {"GET", "HEAD"})
    void refusedOnGetAndHead(HttpMethod method) {
      assertOnlyProblem(
          "Method " + method.name() + " cannot carry a body",
          rejected(withBody(method.name(), "x")));
    }

    @Test
    void exactMessageForGet() {
      assertOnlyProblem("Method GET cannot carry a body", rejected(withBody("GET", "{}")));
    }

    @ParameterizedTest
    @EnumSource(
        value = HttpMethod.class,
        names = {"GET", "HEAD"})
    void anEmptyBodyIsNoBodyEvenOnGetAndHead(HttpMethod method) {
      JobSpec spec = parse(minimalJob().add("method", method.name()).add("body", ""));
      assertFalse(spec.hasBody());
    }

    @Test
    void requiresAContentType() {
      assertOnlyProblem(
          "\"content_type\" is required when a body is given",
          rejected(minimalJob().add("body", "hello")));
    }

    @Test
    void requiresAContentTypeEvenWhenItIsNull() {
      assertOnlyProblem(
          "\"content_type\" is required when a body is given",
          rejected(minimalJob().addNull("content_type").add("body", "hello")));
    }

    @Test
    void getWithBodyAndNoContentTypeReportsBoth() {
      assertProblems(
          List.of(
              "Method GET cannot carry a body",
              "\"content_type\" is required when a body is given"),
          rejected(minimalJob().add("method", "GET").add("body", "hello")));
    }

    @Test
    void exactly65536BytesIsAccepted() {
      String body = repeat("b", 65_536);
      assertEquals(body, parse(withBody("POST", body)).body());
    }

    @Test
    void over65536Bytes() {
      assertOnlyProblem(
          "\"body\" is larger than 65536 bytes", rejected(withBody("POST", repeat("b", 65_537))));
    }

    @Test
    void sizeIsCountedInUtf8BytesNotCharacters() {
      String body = repeat("€", 21_846); // 21,846 chars, 65,538 UTF-8 bytes
      assertOnlyProblem("\"body\" is larger than 65536 bytes", rejected(withBody("POST", body)));

      String fits = repeat("€", 21_845) + "b"; // 65,536 bytes
      assertEquals(fits, parse(withBody("POST", fits)).body());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"{\"a\": 1}", "[1, 2]", "42", "true"})
    void mustBeAString(String value) {
      assertOnlyProblem(
          "\"body\" must be a string",
          rejected(minimalJob().add("content_type", "application/json").add("body", json(value))));
    }

    @Test
    void controlCharactersAndJsonTextAreKeptVerbatim() {
      String body = "{\"a\":\n\t\"b\"}\r\n";
      assertEquals(body, parse(withBody("PATCH", body)).body());
    }
  }

  // ---------------------------------------------------------------------------------------------------------

  @Nested
  class Schedulation {
    private JsonObjectBuilder scheduled(JsonArrayBuilder times) {
      return minimalJob().add("schedulation", times);
    }

    private JsonObjectBuilder scheduled(String... times) {
      JsonArrayBuilder array = Json.createArrayBuilder();
      for (String time : times) {
        array.add(time);
      }
      return scheduled(array);
    }

    @Test
    void parsesEveryTime() {
      assertEquals(
          List.of(time("00:00"), time("08:00"), time("23:59")),
          parse(scheduled("00:00", "08:00", "23:59")).times());
    }

    @Test
    void exactMessageForHour24() {
      assertOnlyProblem(
          "Invalid schedulation time \"24:30\". Use HH:mm format", rejected(scheduled("24:30")));
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"8:00", "08:0", "08:00:00", " 08:00", "", "ab:cd", "23:60", "noon"})
    void invalidStrings(String text) {
      assertOnlyProblem(
          "Invalid schedulation time \"" + text + "\". Use HH:mm format",
          rejected(scheduled("08:00", text)));
    }

    @ParameterizedTest(name = "{0} is shown as {1}")
    @CsvSource(
        delimiter = '|',
        value = {
          "5       | 5",
          "800     | 800",
          "8.5     | 8.5",
          "null    | null",
          "true    | true",
          "[\"08:00\"] | [\"08:00\"]",
          "{\"at\":\"08:00\"} | {\"at\":\"08:00\"}",
        })
    void nonStringEntriesShowTheRawJson(String entry, String shown) {
      assertOnlyProblem(
          "Invalid schedulation time " + shown + ". Use HH:mm format",
          rejected(scheduled(Json.createArrayBuilder().add(json(entry)))));
    }

    @Test
    void exactMessageForANumber() {
      assertOnlyProblem(
          "Invalid schedulation time 5. Use HH:mm format",
          rejected(scheduled(Json.createArrayBuilder().add(5))));
    }

    @Test
    void controlCharactersInEntriesAreEscaped() {
      assertOnlyProblem(
          "Invalid schedulation time \"08:00\\u000a\". Use HH:mm format",
          rejected(scheduled("08:00\n")));
    }

    @Test
    void duplicates() {
      assertOnlyProblem(
          "Duplicate schedulation time \"08:00\"", rejected(scheduled("08:00", "09:00", "08:00")));
    }

    @Test
    void eachRepeatIsReported() {
      assertProblems(
          List.of("Duplicate schedulation time \"08:00\"", "Duplicate schedulation time \"08:00\""),
          rejected(scheduled("08:00", "08:00", "08:00")));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"\"08:00\"", "{\"time\": \"08:00\"}", "8", "true"})
    void mustBeAnArray(String value) {
      assertOnlyProblem(
          "\"schedulation\" must be an array of \"HH:mm\" times",
          rejected(minimalJob().add("schedulation", json(value))));
    }

    @Test
    void everyBadEntryIsReportedInOrder() {
      assertProblems(
          List.of(
              "Invalid schedulation time \"24:30\". Use HH:mm format",
              "Invalid schedulation time 7. Use HH:mm format",
              "Duplicate schedulation time \"08:00\"",
              "Invalid schedulation time \"8:00\". Use HH:mm format"),
          rejected(
              scheduled(
                  Json.createArrayBuilder()
                      .add("08:00")
                      .add("24:30")
                      .add(7)
                      .add("08:00")
                      .add("8:00"))));
    }

    @Test
    void allMinutesOfTheDayAreAccepted() {
      JsonArrayBuilder all = Json.createArrayBuilder();
      IntStream.range(0, 24 * 60).forEach(m -> all.add("%02d:%02d".formatted(m / 60, m % 60)));
      assertEquals(24 * 60, parse(scheduled(all)).times().size());
    }
  }

  // ---------------------------------------------------------------------------------------------------------

  @Nested
  class SeveralProblems {
    @Test
    void emptyJobrunnerNamesEveryRequiredField() {
      assertProblems(
          List.of("Missing \"title\"", "Missing \"method\"", "Missing \"url\""),
          rejected("{\"jobrunner\": {}}"));
    }

    @Test
    void problemsAreCollectedInFieldOrder() {
      JsonObjectBuilder job =
          Json.createObjectBuilder()
              .add("extra", true)
              .add("schedulation", Json.createArrayBuilder().add("24:30"))
              .add("body", 5)
              .add("content_type", "bad")
              .add("url", "ftp://example.com")
              .add("method", "post")
              .add("title", " ");

      ApiException thrown = rejected(job);

      assertProblems(
          List.of(
              "\"title\" must not be blank",
              "Invalid method \"post\". Use one of " + ALLOWED_METHODS,
              "Invalid url \"ftp://example.com\". Use an absolute http or https URL",
              "Invalid content_type \"bad\". Use a media type such as application/json",
              "\"body\" must be a string",
              "Invalid schedulation time \"24:30\". Use HH:mm format",
              "Unknown field \"extra\" in \"jobrunner\""),
          thrown);
      assertEquals("\"title\" must not be blank", thrown.getMessage());
    }

    @Test
    void bodyProblemsFollowTheOtherFields() {
      JsonObjectBuilder job =
          minimalJob()
              .add("title", repeat("t", 201))
              .add("method", "HEAD")
              .add("body", repeat("b", 65_537));

      assertProblems(
          List.of(
              "\"title\" is longer than 200 characters",
              "\"body\" is larger than 65536 bytes",
              "Method HEAD cannot carry a body",
              "\"content_type\" is required when a body is given"),
          rejected(job));
    }

    @Test
    void atMost20MessagesAreReturned() {
      JsonArrayBuilder times = Json.createArrayBuilder();
      for (int i = 0; i < 30; i++) {
        times.add(i);
      }
      List<String> errors = rejected(minimalJob().add("schedulation", times)).toError().errors();

      assertEquals(20, errors.size());
      assertEquals("Invalid schedulation time 0. Use HH:mm format", errors.getFirst());
      assertEquals("Invalid schedulation time 19. Use HH:mm format", errors.getLast());
    }
  }

  @Nested
  class DeliveryAndSecrets {
    private JobSpecParser.ParsedJob parsed(JsonObjectBuilder job) {
      return JobSpecParser.parse(
          JsonBody.of(request(job)),
          java.time.ZoneOffset.UTC,
          new JobSpecParser.Limits(5_000, 30_000));
    }

    @Test
    void defaultsWhenNotGiven() {
      var parsed = parsed(minimalJob());
      assertEquals(dev.jobrunner.jobs.entity.DeliveryPolicy.DEFAULT, parsed.spec().delivery());
      assertNull(parsed.headers(), "headers not mentioned");
      assertNull(parsed.signed(), "signed not mentioned");
    }

    @Test
    void everyPolicyField() {
      var parsed =
          parsed(
              minimalJob()
                  .add("connect_timeout_ms", 1000)
                  .add("timeout_ms", 30000)
                  .add("retries", 0)
                  .add("overlap_policy", "allow")
                  .add("auto_pause_after", 0)
                  .add("signed", true)
                  .add(
                      "headers",
                      Json.createObjectBuilder()
                          .add("Authorization", "Bearer x")
                          .add("X-Tenant", "a b")));
      var delivery = parsed.spec().delivery();
      assertEquals(1000, delivery.connectTimeoutMs());
      assertEquals(30000, delivery.timeoutMs());
      assertEquals(0, delivery.retries());
      assertEquals(dev.jobrunner.jobs.entity.OverlapPolicy.ALLOW, delivery.overlap());
      assertEquals(0, delivery.autoPauseAfter());
      assertEquals(Boolean.TRUE, parsed.signed());
      assertEquals(
          java.util.Map.of("Authorization", "Bearer x", "X-Tenant", "a b"), parsed.headers());
    }

    @ParameterizedTest
    @CsvSource(
        delimiter = '|',
        value = {
          "connect_timeout_ms|0|\"connect_timeout_ms\" must be a whole number from 1 to 5000",
          "connect_timeout_ms|5001|\"connect_timeout_ms\" must be a whole number from 1 to 5000",
          "timeout_ms|30001|\"timeout_ms\" must be a whole number from 1 to 30000",
          "timeout_ms|1.5|\"timeout_ms\" must be a whole number from 1 to 30000",
          "timeout_ms|\"100\"|\"timeout_ms\" must be a whole number from 1 to 30000",
          "timeout_ms|1e400|\"timeout_ms\" must be a whole number from 1 to 30000",
          "retries|-1|\"retries\" must be a whole number from 0 to 10",
          "retries|11|\"retries\" must be a whole number from 0 to 10",
          "retries|99999999999999999999|\"retries\" must be a whole number from 0 to 10",
          "auto_pause_after|1001|\"auto_pause_after\" must be a whole number from 0 to 1000",
          "overlap_policy|\"queue\"|Invalid overlap_policy \"queue\". Use skip or allow",
          "overlap_policy|1|\"overlap_policy\" must be a string",
          "signed|\"yes\"|\"signed\" must be true or false",
          "headers|[]|\"headers\" must be an object of header names to string values",
          "headers|{\"X-A\": 1}|Header \"X-A\" must have a string value",
          "headers|{\"X-A\": null}|Header \"X-A\" must have a string value",
          "headers|{\"Bad Name\": \"v\"}|Invalid header name \"Bad Name\". Use letters, digits and - (at most 64 characters)",
          "headers|{\"\": \"v\"}|Invalid header name \"\". Use letters, digits and - (at most 64 characters)",
          "headers|{\"Host\": \"evil\"}|Header \"Host\" cannot be set: Job Runner sets it",
          "headers|{\"content-type\": \"x/y\"}|Header \"content-type\" cannot be set: Job Runner sets it (use \"content_type\")",
          "headers|{\"Webhook-Signature\": \"v1,x\"}|Header \"Webhook-Signature\" cannot be set: Job Runner sets it",
          "headers|{\"Idempotency-Key\": \"k\"}|Header \"Idempotency-Key\" cannot be set: Job Runner sets it",
          "headers|{\"X-A\": \"a\\r\\nX-Injected: 1\"}|Header \"X-A\" value must be printable ASCII on one line (no control characters)",
          "headers|{\"X-A\": \"caf\u00e9\"}|Header \"X-A\" value must be printable ASCII on one line (no control characters)",
        })
    void refused(String field, String value, String message) {
      assertOnlyProblem(message, rejected(minimalJob().add(field, json(value))));
    }

    @Test
    void headerLimits() {
      var many = Json.createObjectBuilder();
      for (int i = 0; i < 21; i++) {
        many.add("X-H" + i, "v");
      }
      assertOnlyProblem(
          "\"headers\" has more than 20 headers", rejected(minimalJob().add("headers", many)));
      assertOnlyProblem(
          "Header \"X-A\" value is longer than 4096 characters",
          rejected(
              minimalJob()
                  .add("headers", Json.createObjectBuilder().add("X-A", "v".repeat(4097)))));
      var big = Json.createObjectBuilder();
      for (int i = 0; i < 3; i++) {
        big.add("X-H" + i, "v".repeat(4000));
      }
      assertOnlyProblem(
          "\"headers\" are larger than 8192 bytes in all",
          rejected(minimalJob().add("headers", big)));
    }

    @Test
    void messagesNeverRepeatAHeaderValue() {
      var thrown =
          rejected(
              minimalJob()
                  .add("headers", Json.createObjectBuilder().add("X-A", "s3cr3t\n").add("X-B", 5)));
      assertFalse(thrown.toError().toString().contains("s3cr3t"));
    }

    @Test
    void aPatchMayRemoveAHeaderWithNull() {
      var stored = minimalJob().add("retries", 5).build();
      var parsed =
          JobSpecParser.parsePatch(
              stored,
              JsonBody.of(
                  "{\"jobrunner\": {\"title\": \"New\", \"retries\": null, \"headers\": {\"X-Old\": null, \"X-New\": \"v\"}}}"),
              java.time.ZoneOffset.UTC,
              JobSpecParser.Limits.DEFAULT);
      assertEquals("New", parsed.spec().title());
      assertEquals(3, parsed.spec().delivery().retries(), "null resets to the default");
      var expected = new java.util.HashMap<String, String>();
      expected.put("X-Old", null);
      expected.put("X-New", "v");
      assertEquals(expected, parsed.headers());
    }
  }

  private static ScheduleTime time(String text) {
    return ScheduleTime.parse(text).orElseThrow();
  }
}
