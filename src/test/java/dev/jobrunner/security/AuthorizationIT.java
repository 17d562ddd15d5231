package dev.jobrunner.security;

import static dev.jobrunner.testing.TestTokens.ADMIN;
import static dev.jobrunner.testing.TestTokens.READ;
import static dev.jobrunner.testing.TestTokens.WRITE;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jobrunner.api.RandomId;
import dev.jobrunner.testing.Api;
import dev.jobrunner.testing.Api.Credential;
import dev.jobrunner.testing.DeployedApp;
import dev.jobrunner.testing.TestTokens;
import jakarta.json.JsonString;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Every endpoint x every kind of caller -> the exact status, always with a JSON error body: 401 for
 * a missing or bad credential, 403 naming the permission for a caller without it, the endpoint's
 * success otherwise.
 */
class AuthorizationIT extends DeployedApp {
  private static final String REVOKED = "This API key has been revoked";
  private static final String MALFORMED = "Invalid API key: expected jr_<key id>_<secret>";
  private static final String NO_CREDENTIAL =
      "Authentication required: send a valid bearer token or API key";
  private static final String JOB =
      "{\"title\":\"authz\",\"method\":\"GET\",\"url\":\"http://127.0.0.1:9/\"}";

  /**
   * An endpoint, the permission it needs and its success status. Path and body come from the
   * fixture, so a call that consumes its target (delete, revoke) gets a fresh one each time.
   */
  private record Endpoint(
      String name,
      String method,
      String permission,
      int success,
      Function<Fixture, String> path,
      Function<Fixture, String> body) {}

  /** An endpoint without a request body. */
  private static Endpoint endpoint(
      String name, String method, String permission, int success, Function<Fixture, String> path) {
    return new Endpoint(name, method, permission, success, path, f -> null);
  }

  /** More endpoints are one more line each. */
  private static final List<Endpoint> ENDPOINTS =
      List.of(
          endpoint("list", "GET", READ, 200, f -> "job-runner.json"),
          endpoint("get one", "GET", READ, 200, f -> "job-runner/" + f.job() + ".json"),
          endpoint("runs", "GET", READ, 200, f -> "job-runner/" + f.job() + "/runs.json"),
          new Endpoint(
              "create",
              "POST",
              WRITE,
              201,
              f -> "job-runner.json",
              f -> "{\"jobrunner\":" + JOB + "}"),
          endpoint("run", "POST", WRITE, 200, f -> "job-runner/" + f.job() + "/run.json"),
          endpoint("delete", "DELETE", WRITE, 200, f -> "job-runner/" + f.freshJob() + ".json"),
          new Endpoint(
              "replace",
              "PUT",
              WRITE,
              200,
              f -> "job-runner/" + f.job() + ".json",
              f -> "{\"jobrunner\":" + JOB + "}"),
          new Endpoint(
              "patch",
              "PATCH",
              WRITE,
              200,
              f -> "job-runner/" + f.job() + ".json",
              f -> "{\"jobrunner\":{\"retries\":2}}"),
          endpoint("pause", "POST", WRITE, 200, f -> "job-runner/" + f.job() + "/pause.json"),
          endpoint("resume", "POST", WRITE, 200, f -> "job-runner/" + f.job() + "/resume.json"),
          endpoint("audit", "GET", ADMIN, 200, f -> "audit.json"),
          endpoint("list keys", "GET", ADMIN, 200, f -> "api-keys.json"),
          new Endpoint(
              "create key", "POST", ADMIN, 201, f -> "api-keys.json", f -> f.newKeyRequest()),
          endpoint("show key", "GET", ADMIN, 200, f -> "api-keys/" + f.key() + ".json"),
          endpoint("revoke key", "DELETE", ADMIN, 200, f -> "api-keys/" + f.freshKey() + ".json"));

  /**
   * A caller: its credential, and the permissions it has (null: not authenticated at all, a 401).
   */
  private record Caller(
      String name, Credential credential, Set<String> permissions, String unauthorizedMessage) {
    static Caller refused(String name, Credential credential) {
      return new Caller(name, credential, null, null);
    }

    static Caller refused(String name, Credential credential, String message) {
      return new Caller(name, credential, null, message);
    }

    static Caller granted(String name, Credential credential, String... permissions) {
      return new Caller(name, credential, Set.of(permissions), null);
    }
  }

  /** What the endpoints act on, made with an administrator's and a writer's token. */
  private final class Fixture {
    private final Api api = api();
    private final String admin = TestTokens.admin();
    private final String writer = TestTokens.readWrite();
    private final AtomicInteger counter = new AtomicInteger();
    private final String run = RandomId.next().substring(0, 8);
    private String job;
    private String key;

    String job() {
      return job == null ? job = freshJob() : job;
    }

    String freshJob() {
      return api.createOk(writer, JOB);
    }

    String key() {
      return key == null ? key = freshKey() : key;
    }

    String freshKey() {
      return api.createApiKeyOk(admin, unique(), READ).id();
    }

    String newKeyRequest() {
      return "{\"api_key\":{\"name\":\"" + unique() + "\",\"permissions\":[\"job_runner:read\"]}}";
    }

    private String unique() {
      return "authz-" + run + "-" + counter.incrementAndGet();
    }
  }

  @Test
  void matrix() {
    Api api = api();
    Fixture fixture = new Fixture();
    String admin = TestTokens.admin();
    Api.IssuedKey read = api.createApiKeyOk(admin, fixture.unique(), READ);
    Api.IssuedKey write = api.createApiKeyOk(admin, fixture.unique(), WRITE);
    Api.IssuedKey both = api.createApiKeyOk(admin, fixture.unique(), READ, WRITE);
    Api.IssuedKey revoked = api.createApiKeyOk(admin, fixture.unique(), READ, WRITE);
    assertEquals(200, api.revokeApiKey(admin, revoked.id()).status());
    String unknown = "jr_" + RandomId.next() + "_" + both.key().substring(both.key().length() - 43);

    List<Caller> callers =
        List.of(
            Caller.refused("no credential", Credential.NONE),
            Caller.refused(
                "expired JWT", Credential.bearer(TestTokens.expired(READ, WRITE, ADMIN))),
            Caller.refused(
                "JWT from another issuer",
                Credential.bearer(TestTokens.wrongIssuer(READ, WRITE, ADMIN))),
            Caller.refused(
                "JWT signed by another key",
                Credential.bearer(TestTokens.signedByAnotherKey(READ, WRITE, ADMIN))),
            Caller.refused("not a JWT", Credential.bearer("abc.def.ghi")),
            Caller.granted("JWT read", Credential.bearer(TestTokens.withPermissions(READ)), READ),
            Caller.granted(
                "JWT write", Credential.bearer(TestTokens.withPermissions(WRITE)), WRITE),
            Caller.granted(
                "JWT read+write", Credential.bearer(TestTokens.readWrite()), READ, WRITE),
            Caller.granted("JWT admin", Credential.bearer(TestTokens.admin()), ADMIN),
            Caller.granted(
                "JWT without permission", Credential.bearer(TestTokens.withPermissions())),
            Caller.granted("API key read", Credential.apiKey(read.key()), READ),
            Caller.granted("API key write", Credential.apiKey(write.key()), WRITE),
            Caller.granted("API key read+write", Credential.apiKey(both.key()), READ, WRITE),
            Caller.granted(
                "API key read+write as Authorization: Bearer",
                Credential.bearer(both.key()),
                READ,
                WRITE),
            Caller.refused("revoked API key", Credential.apiKey(revoked.key()), REVOKED),
            Caller.refused("revoked API key as bearer", Credential.bearer(revoked.key()), REVOKED),
            Caller.refused("unknown API key", Credential.apiKey(unknown), "Invalid API key"),
            Caller.refused("malformed API key", Credential.apiKey("jr_123"), MALFORMED));

    List<Executable> checks = new ArrayList<>();
    for (Endpoint e : ENDPOINTS) {
      for (Caller c : callers) {
        checks.add(() -> expect(api, e, c, fixture));
      }
    }
    for (Caller c : callers) {
      checks.add(() -> expectMe(api, c));
    }
    assertAll(checks);
  }

  @Test
  void forbiddenNamesThePermissionNeeded() {
    var reply = api().create(TestTokens.withPermissions(READ), "{}");
    assertEquals(403, reply.status());
    assertEquals("Permission denied: this needs the job_runner:write permission", reply.error());
  }

  /**
   * me.json tells any signed-in caller its own permissions, none included; the others get the
   * endpoints' 401.
   */
  private static void expectMe(Api api, Caller c) {
    String what = "me.json / " + c.name();
    Api.Reply reply = api.send("GET", Api.PREFIX + "me.json", c.credential(), null, null);
    if (c.permissions() == null) {
      assertEquals(401, reply.status(), () -> what + ": " + reply);
      assertEquals(
          c.unauthorizedMessage() == null ? NO_CREDENTIAL : c.unauthorizedMessage(),
          reply.error(),
          what);
      return;
    }
    assertEquals(200, reply.status(), () -> what + ": " + reply);
    var me = reply.json();
    assertEquals(Set.of("subject", "permissions"), me.keySet(), what);
    assertEquals(
        c.permissions(),
        Set.copyOf(me.getJsonArray("permissions").getValuesAs(JsonString::getString)),
        what);
    String subject = me.getString("subject");
    assertTrue(
        c.name().startsWith("JWT")
            ? subject.equals(TestTokens.SUBJECT)
            : subject.startsWith("key:authz-"),
        () -> what + ": " + subject);
  }

  private static void expect(Api api, Endpoint e, Caller c, Fixture fixture) {
    String what = e.name() + " / " + c.name();
    int status =
        c.permissions() == null
            ? 401
            : c.permissions().contains(e.permission()) ? e.success() : 403;
    String body = e.body().apply(fixture);
    String path = Api.PREFIX + e.path().apply(fixture);
    Api.Reply reply =
        api.send(e.method(), path, c.credential(), body == null ? null : "application/json", body);
    assertEquals(status, reply.status(), () -> what + ": " + reply);
    assertTrue(reply.header("Content-Type").startsWith("application/json"), what);
    if (status == 403) {
      assertEquals(
          "Permission denied: this needs the " + e.permission() + " permission",
          reply.error(),
          what);
    } else if (status == 401) {
      assertEquals(
          c.unauthorizedMessage() == null ? NO_CREDENTIAL : c.unauthorizedMessage(),
          reply.error(),
          what);
    } else {
      assertFalse(reply.body().contains("\"error\""), what);
    }
  }
}
