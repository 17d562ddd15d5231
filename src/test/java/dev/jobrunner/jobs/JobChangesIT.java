package dev.jobrunner.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jobrunner.testing.Api;
import dev.jobrunner.testing.DeployedApp;
import dev.jobrunner.testing.TestTokens;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Update (PUT and PATCH) with ETag and If-Match, pause and resume, Idempotency-Key on create, and
 * who did what: created_by, updated_by and the audit trail.
 */
class JobChangesIT extends DeployedApp {
  private static final String JOB =
      """
      {"title":"Original","method":"POST","url":"http://127.0.0.1:9/hook","content_type":"text/plain","body":"b",
       "schedulation":["08:00","14:30"],"timezone":"Europe/Paris"}""";

  private final String token = TestTokens.readWrite();

  private Api.Reply get(String id) {
    return api().get(Api.PREFIX + "job-runner/" + id + ".json", token);
  }

  private Api.Reply change(String method, String id, String json, Map<String, String> headers) {
    String type = method.equals("PATCH") ? "application/merge-patch+json" : "application/json";
    return api()
        .send(method, Api.PREFIX + "job-runner/" + id + ".json", token, type, json, headers);
  }

  @Test
  void putReplacesTheDefinitionAndBumpsTheETag() {
    Api.Reply created = api().create(token, "{\"jobrunner\":" + JOB + "}");
    String id = created.json().getString("id");
    Api.Reply read = get(id);
    String etag = read.header("ETag");
    assertEquals(
        "\"1\"", etag, "a new job's first ETag, the same on Payara and WildFly (WildFlySmokeIT)");
    assertEquals(etag, created.header("ETag"), "the create answer's ETag is the job's");

    Api.Reply put =
        change(
            "PUT",
            id,
            """
            {"jobrunner":{"title":"Replaced","method":"GET","url":"http://127.0.0.1:9/other","schedulation":["09:15"]}}""",
            Map.of("If-Match", etag));
    assertEquals(200, put.status(), put.body());
    JsonObject job = put.json();
    assertEquals("Replaced", job.getString("title"));
    assertEquals("GET", job.getString("method"));
    assertEquals(JsonValue.NULL, job.get("body"), "PUT replaces: the body not given is gone");
    assertEquals(
        List.of("09:15"),
        job.getJsonArray("schedulation").getValuesAs(jakarta.json.JsonString::getString));
    assertEquals("UTC", job.getString("timezone"), "fields not given take their defaults");
    assertNotEquals(etag, put.header("ETag"));
    assertEquals(put.header("ETag"), get(id).header("ETag"));
    assertTrue(
        job.getJsonArray("next_runs").getJsonObject(0).getString("utc").endsWith("09:15:00Z"));
  }

  @Test
  void aStaleIfMatchIsA412AndChangesNothing() {
    String id = api().createOk(token, JOB);
    String etag = get(id).header("ETag");
    assertEquals(
        200,
        change("PATCH", id, "{\"jobrunner\":{\"title\":\"First\"}}", Map.of("If-Match", etag))
            .status());
    String before = get(id).body();

    for (String method : List.of("PUT", "PATCH")) {
      Api.Reply stale = change(method, id, "{\"jobrunner\":" + JOB + "}", Map.of("If-Match", etag));
      assertEquals(412, stale.status(), method);
      assertTrue(
          stale
              .error()
              .startsWith("The job runner has changed since you read it (If-Match " + etag),
          stale.error());
    }
    var staleDelete =
        api()
            .send(
                "DELETE",
                Api.PREFIX + "job-runner/" + id + ".json",
                token,
                null,
                null,
                Map.of("If-Match", etag));
    assertEquals(412, staleDelete.status());
    var stalePause =
        api()
            .send(
                "POST",
                Api.PREFIX + "job-runner/" + id + "/pause.json",
                token,
                null,
                null,
                Map.of("If-Match", "\"999\""));
    assertEquals(412, stalePause.status());
    assertEquals(before, get(id).body(), "a refused change changed the job");
    assertEquals(
        200,
        change("PATCH", id, "{\"jobrunner\":{\"title\":\"Star\"}}", Map.of("If-Match", "*"))
            .status());
  }

  /**
   * The preconditions of a change, as JAX-RS evaluates them: {tag} is the job's current ETag,
   * {bare} the same version unquoted, {stale} a tag it never had. A refused change changes nothing
   * and names the current tag.
   */
  @ParameterizedTest(name = "{0}: {1} -> {2}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          If-Match      | {tag}                  | 200
          If-Match      | "1", {tag}, "999999"   | 200
          If-Match      | *                      | 200
          If-Match      | {stale}                | 412
          If-Match      | "999998", {stale}      | 412
          If-Match      | W/{tag}                | 412
          If-Match      | {bare}                 | 412
          If-Match      | garbage                | 412
          If-None-Match | *                      | 412
          If-None-Match | {tag}                  | 412
          If-None-Match | {stale}                | 200
          """)
  void preconditionsOfAChange(String header, String value, int status) {
    String id = api().createOk(token, JOB);
    String tag = get(id).header("ETag");
    String given =
        value
            .replace("{tag}", tag)
            .replace("{bare}", tag.replace("\"", ""))
            .replace("{stale}", "\"999999\"");
    String before = get(id).body();

    Api.Reply reply =
        change("PATCH", id, "{\"jobrunner\":{\"title\":\"Changed\"}}", Map.of(header, given));

    assertEquals(status, reply.status(), reply.body());
    if (status == 412) {
      assertTrue(reply.error().contains("current ETag " + tag), reply.error());
      assertEquals(before, get(id).body(), "a refused change changed the job");
    } else {
      assertEquals("Changed", reply.json().getString("title"));
    }
  }

  @Test
  void patchMergesAndValidatesLikeCreate() {
    String id = api().createOk(token, JOB);
    Api.Reply patched =
        change(
            "PATCH",
            id,
            "{\"jobrunner\":{\"title\":\"Patched\",\"retries\":5,\"timezone\":null}}",
            Map.of());
    assertEquals(200, patched.status(), patched.body());
    JsonObject job = patched.json();
    assertEquals("Patched", job.getString("title"));
    assertEquals("POST", job.getString("method"), "fields not in the patch are kept");
    assertEquals("b", job.getString("body"));
    assertEquals(5, job.getInt("retries"));
    assertEquals("UTC", job.getString("timezone"), "null resets a field to its default");

    String before = get(id).body();
    Api.Reply invalid =
        change("PATCH", id, "{\"jobrunner\":{\"method\":\"GET\",\"url\":\"ftp://x\"}}", Map.of());
    assertEquals(400, invalid.status());
    assertEquals(
        List.of(
            "Invalid url \"ftp://x\". Use an absolute http or https URL",
            "Method GET cannot carry a body"),
        invalid.json().getJsonArray("errors").getValuesAs(jakarta.json.JsonString::getString));
    Api.Reply nullTitle = change("PATCH", id, "{\"jobrunner\":{\"title\":null}}", Map.of());
    assertEquals(400, nullTitle.status());
    assertEquals("Missing \"title\"", nullTitle.error());
    Api.Reply privateTarget =
        change(
            "PATCH", id, "{\"jobrunner\":{\"url\":\"http://169.254.169.254/latest\"}}", Map.of());
    assertEquals(400, privateTarget.status());
    assertEquals(before, get(id).body(), "a refused patch changed the job");

    assertEquals(
        404, change("PATCH", "0123456789abcdef01234567", "{\"jobrunner\":{}}", Map.of()).status());
    assertEquals(
        415,
        api()
            .send("PATCH", Api.PREFIX + "job-runner/" + id + ".json", token, "text/plain", "x")
            .status());
  }

  @Test
  void pauseAndResumeAreShownAndAudited() {
    String id = api().createOk(token, JOB);
    Api.Reply paused =
        api()
            .send(
                "POST",
                Api.PREFIX + "job-runner/" + id + "/pause.json",
                token,
                "application/json",
                "{\"reason\":\"maintenance window\"}");
    assertEquals(200, paused.status(), paused.body());
    JsonObject job = paused.json();
    assertTrue(job.getBoolean("paused"));
    assertEquals("maintenance window", job.getString("paused_reason"));
    assertTrue(job.getJsonArray("next_runs").isEmpty(), "a paused job has no next runs");
    assertEquals("test-user", job.getString("updated_by"));
    assertTrue(api().list(token, "size=100").body().contains("\"id\":\"" + id + "\""));

    Api.Reply again =
        api().send("POST", Api.PREFIX + "job-runner/" + id + "/pause.json", token, null, null);
    assertEquals(200, again.status(), "pausing a paused job is fine");
    assertEquals(
        "maintenance window",
        again.json().getString("paused_reason"),
        "and keeps the first reason");

    Api.Reply resumed =
        api().send("POST", Api.PREFIX + "job-runner/" + id + "/resume.json", token, null, null);
    assertEquals(200, resumed.status());
    assertFalse(resumed.json().getBoolean("paused"));
    assertEquals(JsonValue.NULL, resumed.json().get("paused_reason"));
    assertFalse(
        resumed.json().getJsonArray("next_runs").isEmpty(), "a resumed job has next runs again");

    Api.Reply badReason =
        api()
            .send(
                "POST",
                Api.PREFIX + "job-runner/" + id + "/pause.json",
                token,
                "application/json",
                "{\"reason\":5}");
    assertEquals(400, badReason.status());
    assertEquals("\"reason\" must be a string", badReason.error());

    List<String> actions = auditFor(id);
    assertEquals(List.of("job.resumed", "job.paused", "job.created"), actions);
  }

  @Test
  void createdByUpdatedByAndTheAuditTrail() {
    String creator = TestTokens.withSubject("alice", TestTokens.READ, TestTokens.WRITE);
    String editor = TestTokens.withSubject("bob", TestTokens.READ, TestTokens.WRITE);
    String id = api().createOk(creator, JOB);
    JsonObject created = api().get(Api.PREFIX + "job-runner/" + id + ".json", creator).json();
    assertEquals("alice", created.getString("created_by"));
    assertEquals(JsonValue.NULL, created.get("updated_by"));

    assertEquals(
        200,
        api()
            .send(
                "PATCH",
                Api.PREFIX + "job-runner/" + id + ".json",
                editor,
                "application/json",
                "{\"jobrunner\":{\"title\":\"Bob's\"}}")
            .status());
    JsonObject updated = api().get(Api.PREFIX + "job-runner/" + id + ".json", creator).json();
    assertEquals("alice", updated.getString("created_by"));
    assertEquals("bob", updated.getString("updated_by"));
    assertTrue(updated.getString("updated_at").compareTo(updated.getString("created_at")) >= 0);

    assertEquals(200, api().delete(editor, id).status());
    List<JsonObject> events = auditEvents(id);
    assertEquals(
        List.of("job.deleted", "job.updated", "job.created"),
        events.stream().map(e -> e.getString("action")).toList());
    assertEquals(
        List.of("bob", "bob", "alice"), events.stream().map(e -> e.getString("actor")).toList());
    assertEquals("job", events.getFirst().getString("target_kind"));

    assertEquals(
        403,
        api().get(Api.PREFIX + "audit.json", token).status(),
        "the audit trail needs job_runner:admin");
  }

  @Test
  void idempotencyKeyOnCreateReturnsTheFirstAnswer() {
    String key = UUID.randomUUID().toString();
    String body = "{\"jobrunner\":" + JOB + "}";
    long before = api().list(token).json().getJsonNumber("count").longValue();
    Api.Reply first =
        api()
            .send(
                "POST",
                Api.PREFIX + "job-runner.json",
                token,
                "application/json",
                body,
                Map.of("Idempotency-Key", key));
    Api.Reply retry =
        api()
            .send(
                "POST",
                Api.PREFIX + "job-runner.json",
                token,
                "application/json",
                body,
                Map.of("Idempotency-Key", key));
    assertEquals(201, first.status());
    assertEquals(201, retry.status());
    assertEquals(first.json().getString("id"), retry.json().getString("id"));
    assertEquals(first.header("Location"), retry.header("Location"));
    assertEquals("true", retry.header("Idempotent-Replayed"));
    assertEquals(
        before + 1, api().list(token).json().getJsonNumber("count").longValue(), "created twice");

    Api.Reply other =
        api()
            .send(
                "POST",
                Api.PREFIX + "job-runner.json",
                token,
                "application/json",
                body.replace("Original", "Other"),
                Map.of("Idempotency-Key", key));
    assertEquals(422, other.status());
    assertEquals(
        "This Idempotency-Key was already used for a different request; use a new key",
        other.error());

    String refusedKey = UUID.randomUUID().toString();
    Api.Reply refused =
        api()
            .send(
                "POST",
                Api.PREFIX + "job-runner.json",
                token,
                "application/json",
                "{\"jobrunner\":{}}",
                Map.of("Idempotency-Key", refusedKey));
    assertEquals(400, refused.status());
    Api.Reply corrected =
        api()
            .send(
                "POST",
                Api.PREFIX + "job-runner.json",
                token,
                "application/json",
                body,
                Map.of("Idempotency-Key", refusedKey));
    assertEquals(201, corrected.status(), "a refused request does not use up its key");

    Api.Reply badKey =
        api()
            .send(
                "POST",
                Api.PREFIX + "job-runner.json",
                token,
                "application/json",
                body,
                Map.of("Idempotency-Key", "x".repeat(256)));
    assertEquals(400, badKey.status());
    assertEquals(
        "Invalid Idempotency-Key: use 1 to 255 visible ASCII characters, such as a UUID",
        badKey.error());
  }

  private List<String> auditFor(String id) {
    return auditEvents(id).stream().map(e -> e.getString("action")).toList();
  }

  private List<JsonObject> auditEvents(String id) {
    String admin = TestTokens.withPermissions(TestTokens.ADMIN);
    return api()
        .get(Api.PREFIX + "audit.json?size=100", admin)
        .json()
        .getJsonArray("elements")
        .stream()
        .map(JsonValue::asJsonObject)
        .filter(e -> e.getString("target_id").equals(id))
        .toList();
  }
}
