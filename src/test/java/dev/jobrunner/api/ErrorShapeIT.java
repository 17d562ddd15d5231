package dev.jobrunner.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jobrunner.testing.Api;
import dev.jobrunner.testing.DeployedApp;
import dev.jobrunner.testing.TestTokens;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import org.junit.jupiter.api.Test;

/**
 * Errors from every layer (JAX-RS, servlet container, security) come as {"error": "..."}, never
 * HTML.
 */
class ErrorShapeIT extends DeployedApp {
  private final String token = TestTokens.readWrite();

  private static void assertJsonError(Api.Reply reply, int status) {
    assertEquals(status, reply.status(), reply::toString);
    assertTrue(reply.header("Content-Type").startsWith("application/json"), reply::toString);
    assertFalse(reply.error().isBlank());
    assertFalse(reply.body().contains("Exception"), reply::toString);
    assertFalse(reply.body().contains("<html"), reply::toString);
  }

  /**
   * /openapi is the published contract, public like the spec it describes
   * (JOBRUNNER_OPENAPI_ENABLED turns it off): the hand-written document, not a map Payara generates
   * by scanning the classes.
   */
  @Test
  void theOpenApiDocumentIsThePublishedContract() {
    Api.Reply openapi = api().get("openapi", null);
    assertEquals(200, openapi.status());
    assertTrue(openapi.body().contains("/2026-02-01/job-runner.json"), openapi::body);
    assertTrue(openapi.body().contains("bearerJwt"), openapi::body);
    assertTrue(openapi.body().contains("DatabaseUnavailable"), openapi::body);
  }

  @Test
  void unknownPathsAre404() {
    assertJsonError(api().get("2026-02-01/nothing-here", token), 404);
    assertJsonError(api().get("somewhere/else", token), 404);
    assertJsonError(api().get("2026-02-01/job-runner", token), 404);
    assertJsonError(
        api().get("dashboard/nothing-here.js", null), 404); // "/" itself is the dashboard
  }

  @Test
  void wrongMethodIs405() {
    assertJsonError(
        api().send("PUT", Api.PREFIX + "job-runner.json", token, "application/json", "{}"), 405);
    assertJsonError(
        api()
            .send(
                "GET",
                Api.PREFIX + "job-runner/0123456789abcdef01234567/run.json",
                token,
                null,
                null),
        405);
  }

  @Test
  void unacceptableAcceptIs406() throws Exception {
    var request =
        HttpRequest.newBuilder(
                URI.create(
                    api()
                        .get("", null)
                        .raw()
                        .uri()
                        .resolve("/2026-02-01/job-runner.json")
                        .toString()))
            .header("Authorization", "Bearer " + token)
            .header("Accept", "text/html")
            .build();
    var response = HttpClient.newHttpClient().send(request, BodyHandlers.ofString());
    assertEquals(406, response.statusCode());
    assertTrue(response.body().startsWith("{\"error\":"), response.body());
  }

  @Test
  void wrongContentTypeIs415() {
    assertJsonError(
        api().send("POST", Api.PREFIX + "job-runner.json", token, "application/xml", "<a/>"), 415);
  }

  @Test
  void unauthenticatedIs401() {
    assertJsonError(api().list(null), 401);
    assertJsonError(api().list("not-a-token"), 401);
  }
}
