package dev.jobrunner.security;

import static dev.jobrunner.testing.TestTokens.READ;
import static dev.jobrunner.testing.TestTokens.WRITE;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jobrunner.testing.Api;
import dev.jobrunner.testing.DeployedApp;
import dev.jobrunner.testing.TestTokens;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Every endpoint x every kind of caller -> the exact status, always with a JSON error body. */
class AuthorizationIT extends DeployedApp {

  private record Endpoint(String name, String method, String path, String body, String permission, int allowedStatus) {}

  @Test
  void matrix() {
    Api api = api();
    String admin = TestTokens.readWrite();
    String jobId = api.createOk(admin, "{\"title\":\"authz\",\"method\":\"GET\",\"url\":\"http://127.0.0.1:9/\"}");
    String doomed = api.createOk(admin, "{\"title\":\"authz-delete\",\"method\":\"GET\",\"url\":\"http://127.0.0.1:9/\"}");
    String job = "{\"jobrunner\":{\"title\":\"t\",\"method\":\"GET\",\"url\":\"http://example.com\"}}";
    List<Endpoint> endpoints =
        List.of(
            new Endpoint("list", "GET", "2026-02-01/job-runner.json", null, READ, 200),
            new Endpoint("runs", "GET", "2026-02-01/job-runner/" + jobId + "/runs.json", null, READ, 200),
            new Endpoint("create", "POST", "2026-02-01/job-runner.json", job, WRITE, 201),
            new Endpoint("run", "POST", "2026-02-01/job-runner/" + jobId + "/run.json", null, WRITE, 200),
            new Endpoint("delete", "DELETE", "2026-02-01/job-runner/" + doomed + ".json", null, WRITE, 200));
    Map<String, String> rejected =
        Map.of(
            "no token", "",
            "expired", TestTokens.expired(READ, WRITE),
            "wrong issuer", TestTokens.wrongIssuer(READ, WRITE),
            "wrong signature", TestTokens.signedByAnotherKey(READ, WRITE),
            "not a JWT", "abc.def.ghi");

    List<Executable> checks = new ArrayList<>();
    for (Endpoint e : endpoints) {
      rejected.forEach(
          (caller, token) ->
              checks.add(() -> expect(api, e, token.isEmpty() ? null : token, 401, e.name() + " / " + caller)));
      String other = e.permission().equals(READ) ? WRITE : READ;
      checks.add(() -> expect(api, e, TestTokens.withPermissions(other), 403, e.name() + " / only " + other));
      checks.add(() -> expect(api, e, TestTokens.withPermissions(), 403, e.name() + " / no permission"));
    }
    assertAll(checks);
    // Allowed last: delete consumes its job.
    for (Endpoint e : endpoints) {
      expect(api, e, TestTokens.withPermissions(e.permission()), e.allowedStatus(), e.name() + " / " + e.permission());
    }
  }

  @Test
  void forbiddenNamesThePermissionNeeded() {
    var reply = api().create(TestTokens.withPermissions(READ), "{}");
    assertEquals(403, reply.status());
    assertEquals("Permission denied: this needs the job_runner:write permission", reply.error());
  }

  private static void expect(Api api, Endpoint e, String token, int status, String what) {
    Api.Reply reply = api.send(e.method(), e.path(), token, e.body() == null ? null : "application/json", e.body());
    assertEquals(status, reply.status(), () -> what + ": " + reply);
    assertTrue(reply.header("Content-Type").startsWith("application/json"), what);
    if (status >= 400) {
      assertTrue(!reply.error().isBlank(), what);
    }
  }
}
