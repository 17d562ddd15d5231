package dev.jobrunner.apikeys.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jobrunner.api.ApiException;
import dev.jobrunner.apikeys.entity.ApiKeySpec;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ApiKeySpecParserTest {

  private static ApiException rejected(String body) {
    ApiException thrown =
        assertThrows(ApiException.class, () -> ApiKeySpecParser.parseCreateRequest(body));
    assertEquals(400, thrown.status());
    return thrown;
  }

  @Test
  void aValidRequest() {
    assertEquals(
        new ApiKeySpec("ci-deploy", List.of("job_runner:read", "job_runner:write")),
        ApiKeySpecParser.parseCreateRequest(
            "{\"api_key\":{\"name\":\"ci-deploy\",\"permissions\":[\"job_runner:read\",\"job_runner:write\"]}}"));
  }

  @Test
  void permissionsComeInOneOrderWhateverTheOrderGiven() {
    assertEquals(
        List.of("job_runner:read", "job_runner:write"),
        ApiKeySpecParser.parseCreateRequest(
                "{\"api_key\":{\"name\":\"n\",\"permissions\":[\"job_runner:write\",\"job_runner:read\"]}}")
            .permissions());
  }

  @Test
  void aNameOfExactlyTheMaximumLengthIsFine() {
    String name = "é".repeat(ApiKeySpecParser.MAX_NAME_CHARS);
    assertEquals(
        name,
        ApiKeySpecParser.parseCreateRequest(
                "{\"api_key\":{\"name\":\"" + name + "\",\"permissions\":[\"job_runner:read\"]}}")
            .name());
  }

  /**
   * One problem per request, exactly as the client sees it. '|' separates the body from the
   * message.
   */
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      textBlock =
          """
          `` | Request body is empty. Send {"api_key": {"name": ..., "permissions": [...]}}
          {"api_key": | Malformed JSON: the body ends before the JSON is complete
          {"api_key" {}} | Malformed JSON at line 1, column 12
          [] | Request body must be a JSON object: {"api_key": {"name": ..., "permissions": [...]}}
          {} | Missing "api_key" object
          {"api_key": "x"} | "api_key" must be an object
          {"api_key": {"name": "n", "permissions": ["job_runner:read"]}, "x": 1} | Unknown field "x"
          {"api_key": {"permissions": ["job_runner:read"]}} | Missing "name"
          {"api_key": {"name": 5, "permissions": ["job_runner:read"]}} | "name" must be a string
          {"api_key": {"name": "  ", "permissions": ["job_runner:read"]}} | "name" must not be blank
          {"api_key": {"name": "\\u200b\\u00a0", "permissions": ["job_runner:read"]}} | "name" must not be blank
          {"api_key": {"name": "a\\u0007b", "permissions": ["job_runner:read"]}} | "name" must not contain control characters
          {"api_key": {"name": "a\\u202eb", "permissions": ["job_runner:read"]}} | "name" must not contain control characters
          {"api_key": {"name": "n"}} | Missing "permissions"
          {"api_key": {"name": "n", "permissions": "job_runner:read"}} | "permissions" must be an array of permission names
          {"api_key": {"name": "n", "permissions": []}} | "permissions" must not be empty. Use job_runner:read or job_runner:write
          {"api_key": {"name": "n", "permissions": ["job_runner:delete"]}} | Invalid permission "job_runner:delete". Use job_runner:read or job_runner:write
          {"api_key": {"name": "n", "permissions": ["JOB_RUNNER:READ"]}} | Invalid permission "JOB_RUNNER:READ". Use job_runner:read or job_runner:write
          {"api_key": {"name": "n", "permissions": [7]}} | Invalid permission 7. Use job_runner:read or job_runner:write
          {"api_key": {"name": "n", "permissions": ["job_runner:admin"]}} | Permission "job_runner:admin" cannot be given to an API key: only administrators signed in with a token manage keys and read the audit trail
          {"api_key": {"name": "n", "permissions": ["job_runner:read", "job_runner:read"]}} | Duplicate permission "job_runner:read"
          {"api_key": {"name": "n", "permissions": ["job_runner:read"], "expires": 1}} | Unknown field "expires" in "api_key"
          """)
  void eachProblemHasItsMessage(String body, String message) {
    ApiException thrown = rejected(body);
    assertEquals(message, thrown.toError().error());
    assertEquals(null, thrown.toError().errors(), "one problem, no list");
  }

  @Test
  void aLongNameIsRefused() {
    String name = "n".repeat(ApiKeySpecParser.MAX_NAME_CHARS + 1);
    assertEquals(
        "\"name\" is longer than 100 characters",
        rejected("{\"api_key\":{\"name\":\"" + name + "\",\"permissions\":[\"job_runner:read\"]}}")
            .getMessage());
  }

  @Test
  void everyProblemIsListed() {
    var error = rejected("{\"api_key\":{\"name\":\"\",\"permissions\":[\"x\"],\"y\":1}}").toError();
    assertEquals(
        List.of(
            "\"name\" must not be blank",
            "Invalid permission \"x\". Use job_runner:read or job_runner:write",
            "Unknown field \"y\" in \"api_key\""),
        error.errors());
  }
}
