package dev.jobrunner.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jobrunner.testing.DeployedApp;
import dev.jobrunner.testing.TargetServer;
import dev.jobrunner.testing.TestTokens;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Run-now against a real HTTP target that this test starts. */
class RunJobIT extends DeployedApp {
  private final String token = TestTokens.readWrite();
  private TargetServer target;

  @BeforeEach
  void startTarget() {
    target = TargetServer.start();
  }

  @AfterEach
  void stopTarget() {
    target.close();
  }

  private String job(String method, String path, String contentType, String body) {
    String fields =
        "\"title\":\"run test\",\"method\":\""
            + method
            + "\",\"url\":\""
            + target.url(path)
            + "\""
            + (contentType == null ? "" : ",\"content_type\":\"" + contentType + "\"")
            + (body == null ? "" : ",\"body\":\"" + body.replace("\"", "\\\"") + "\"");
    return api().createOk(token, "{" + fields + "}");
  }

  @Test
  void runCallsTheTargetAndAnswersWithTheSpecShape() {
    String id = job("POST", "/ok", "application/json", "{\"scope\":\"daily\"}");

    var reply = api().run(token, id);

    assertEquals(200, reply.status(), reply::toString);
    JsonObject run = reply.json();
    assertEquals(id, run.getString("job_runner_id"));
    assertEquals("success", run.getString("status"));
    List<String> headers = strings(run, "headers");
    assertEquals("HTTP/1.1 200 OK", headers.getFirst());
    assertTrue(
        headers.contains("X-target: yes") || headers.contains("X-Target: yes"), headers::toString);
    assertTrue(
        headers.stream().anyMatch(h -> h.equalsIgnoreCase("Content-Type: application/json")),
        headers::toString);
    assertEquals("{\"ok\":true}", run.getString("response"));
    BigDecimal ms = run.getJsonNumber("ms").bigDecimalValue();
    assertTrue(ms.signum() > 0 && ms.scale() <= 2, "ms with at most two decimals: " + ms);

    var received = target.received("/ok");
    assertEquals(1, received.size());
    assertEquals("POST", received.getFirst().method());
    assertEquals("application/json", received.getFirst().contentType());
    assertEquals("{\"scope\":\"daily\"}", received.getFirst().body());
  }

  @Test
  void everyMethodSendsItsContentTypeAndBody() {
    for (String method : List.of("PATCH", "PUT", "DELETE", "OPTIONS")) {
      String id =
          job(method, "/m-" + method, "text/plain; charset=utf-8", "body of " + method + " \u00e9");
      assertEquals("success", api().run(token, id).json().getString("status"), method);
      var received = target.received("/m-" + method);
      assertEquals(1, received.size(), method);
      assertEquals(method, received.getFirst().method());
      assertEquals("text/plain; charset=utf-8", received.getFirst().contentType());
      assertEquals("body of " + method + " \u00e9", received.getFirst().body());
    }
    String get = job("GET", "/m-GET", null, null);
    assertEquals("success", api().run(token, get).json().getString("status"));
    assertEquals("GET", target.received("/m-GET").getFirst().method());
    assertEquals("", target.received("/m-GET").getFirst().body());
  }

  @Test
  void aNon2xxAnswerIsAFailureWithItsStatusLineAndBody() {
    var run = api().run(token, job("GET", "/fail", null, null));
    assertEquals(200, run.status());
    assertEquals("failure", run.json().getString("status"));
    assertEquals("HTTP/1.1 500 Internal Server Error", strings(run.json(), "headers").getFirst());
    assertEquals("target broke", run.json().getString("response"));
  }

  @Test
  void redirectsAreNotFollowed() {
    var run = api().run(token, job("GET", "/redirect", null, null)).json();
    assertEquals("failure", run.getString("status"));
    assertTrue(strings(run, "headers").getFirst().startsWith("HTTP/1.1 302 "), run::toString);
    assertTrue(target.received("/ok").isEmpty(), "the redirect was followed");
  }

  @Test
  void aTargetThatNeverAnswersTripsTheTotalTimeout() {
    var reply = api().run(token, job("GET", "/hang", null, null));
    assertEquals(200, reply.status(), reply::toString);
    JsonObject run = reply.json();
    assertEquals("timeout", run.getString("status"));
    assertTrue(run.getJsonArray("headers").isEmpty());
    double ms = run.getJsonNumber("ms").doubleValue();
    assertTrue(ms >= 1900 && ms < 10_000, "total timeout is 2000 ms in the tests, took " + ms);
    assertTrue(run.getString("reason").contains("2000 ms"), run::toString);
  }

  @Test
  void aRefusedPortIsUnreachable() throws IOException {
    int closedPort;
    try (var socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    String id =
        api()
            .createOk(
                token,
                "{\"title\":\"refused\",\"method\":\"GET\",\"url\":\"http://127.0.0.1:"
                    + closedPort
                    + "/\"}");
    var run = api().run(token, id).json();
    assertEquals("unreachable", run.getString("status"));
    assertTrue(run.getJsonArray("headers").isEmpty());
    assertEquals("", run.getString("response"));
    assertTrue(run.getString("reason").startsWith("Connection refused"), run::toString);
  }

  @Test
  void anUnknownHostIsUnreachable() {
    String id =
        api()
            .createOk(
                token,
                "{\"title\":\"dns\",\"method\":\"GET\",\"url\":\"http://no-such-host.invalid/\"}");
    var run = api().run(token, id).json();
    assertEquals("unreachable", run.getString("status"));
    assertEquals("Unknown host no-such-host.invalid", run.getString("reason"));
  }

  @Test
  void aLargeResponseIsCutAtTheCapAndFlagged() {
    var run = api().run(token, job("GET", "/big", null, null)).json();
    assertEquals("success", run.getString("status"));
    assertEquals(65_536, run.getString("response").length());
    assertTrue(run.getBoolean("response_truncated"));
  }

  @Test
  void everyRunIsRecordedNewestFirst() {
    String id = job("GET", "/ok", null, null);
    api().run(token, id);
    String otherId = job("GET", "/fail", null, null);
    api().run(token, otherId);
    var second = api().run(token, id).json();

    JsonObject history = api().get("2026-02-01/job-runner/" + id + "/runs.json", token).json();
    assertEquals("JobRun", history.getString("entities"));
    assertEquals(2, history.getInt("count"));
    List<JsonObject> runs = history.getJsonArray("elements").getValuesAs(JsonObject.class);
    JsonObject newest = runs.getFirst();
    assertEquals(second.getString("run_id"), newest.getString("id"));
    assertEquals(id, newest.getString("job_runner_id"));
    assertEquals("manual", newest.getString("trigger"));
    assertTrue(newest.isNull("scheduled_at"));
    assertEquals("success", newest.getString("status"));
    assertEquals("HTTP/1.1 200 OK", newest.getString("status_line"));
    assertEquals("{\"ok\":true}", newest.getString("response"));
    assertTrue(newest.isNull("error"));
    assertTrue(newest.getJsonNumber("ms").doubleValue() > 0);
    assertFalse(newest.getString("started_at").isEmpty());
  }

  @Test
  void unknownAndMalformedIdsAreNotFound() {
    var unknown = api().run(token, "0123456789abcdef01234567");
    assertEquals(404, unknown.status());
    assertEquals("Job runner \"0123456789abcdef01234567\" not found", unknown.error());
    var malformed = api().run(token, "not-an-id");
    assertEquals(404, malformed.status());
    assertEquals("Job runner \"not-an-id\" not found", malformed.error());
  }

  static List<String> strings(JsonObject object, String field) {
    return object.getJsonArray(field).getValuesAs(JsonString.class).stream()
        .map(JsonString::getString)
        .toList();
  }
}
