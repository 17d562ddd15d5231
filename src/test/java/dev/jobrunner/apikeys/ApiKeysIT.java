package dev.jobrunner.apikeys;

import static dev.jobrunner.testing.TestTokens.READ;
import static dev.jobrunner.testing.TestTokens.WRITE;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jobrunner.api.RandomId;
import dev.jobrunner.testing.Api;
import dev.jobrunner.testing.Api.Credential;
import dev.jobrunner.testing.Api.IssuedKey;
import dev.jobrunner.testing.DeployedApp;
import dev.jobrunner.testing.TestTokens;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * API keys end to end: made by an administrator, shown once, used by a client, revoked, on the
 * audit trail.
 */
class ApiKeysIT extends DeployedApp {
  private static final String KEY_SHAPE = "jr_[0-9a-f]{24}_[A-Za-z0-9_-]{43}";
  private static final String CREATE_JOB =
      "{\"jobrunner\":{\"title\":\"keys\",\"method\":\"GET\",\"url\":\"http://127.0.0.1:9/\"}}";

  private final String admin = TestTokens.admin();
  private final String run = RandomId.next().substring(0, 8);

  private String name(String what) {
    return "keys-it-" + run + "-" + what;
  }

  private static String request(String name, String... permissions) {
    return "{\"api_key\":{\"name\":\""
        + name
        + "\",\"permissions\":["
        + String.join(",", List.of(permissions).stream().map(p -> "\"" + p + "\"").toList())
        + "]}}";
  }

  /** The key as the list shows it, if listed. */
  private Optional<JsonObject> listed(String id) {
    for (int page = 1; ; page++) {
      JsonObject list = api().listApiKeys(admin, "size=100&page=" + page).json();
      for (JsonValue element : list.getJsonArray("elements")) {
        if (element.asJsonObject().getString("id").equals(id)) {
          return Optional.of(element.asJsonObject());
        }
      }
      if (page >= list.getJsonObject("pages").getInt("max")) {
        return Optional.empty();
      }
    }
  }

  @Test
  void theKeyIsShownOnceAtCreationAndNeverAgain() {
    Api.Reply created = api().createApiKey(admin, request(name("once"), WRITE, READ));
    assertEquals(201, created.status(), created::toString);
    JsonObject body = created.json();
    String id = body.getString("id");
    String key = body.getString("key");
    assertTrue(key.matches(KEY_SHAPE), key);
    assertTrue(key.startsWith("jr_" + id + "_"), key);
    assertEquals(name("once"), body.getString("name"));
    assertEquals(
        List.of(READ, WRITE), body.getJsonArray("permissions").getValuesAs(JsonString::getString));
    assertEquals(TestTokens.SUBJECT, body.getString("created_by"));
    assertNotNull(body.getString("created_at"));
    assertTrue(
        created.header("Location").endsWith("/2026-02-01/api-keys/" + id + ".json"),
        created.header("Location"));
    assertEquals("no-store", created.header("Cache-Control"));

    Api.Reply list = api().listApiKeys(admin, "size=100");
    assertEquals(200, list.status());
    assertEquals("ApiKey", list.json().getString("entities"));
    JsonObject element = listed(id).orElseThrow();
    assertFalse(element.containsKey("key"), element::toString);
    assertFalse(element.getBoolean("revoked"));
    assertTrue(element.isNull("revoked_at"));
    assertTrue(element.isNull("revoked_by"));
    assertFalse(list.body().contains(key.substring(28)), "the secret is never listed");
    Api.Reply shown = api().getApiKey(admin, id);
    assertEquals(200, shown.status(), shown::toString);
    assertEquals(
        body.getString("created_at"),
        shown.json().getString("created_at"),
        "the same instant, as stored");
    assertFalse(shown.body().contains(key.substring(28)), "nor shown");
    assertFalse(shown.json().containsKey("key"));
  }

  @Test
  void aKeyWorksForThePermissionsItCarriesAndNoOthers() {
    IssuedKey reader = api().createApiKeyOk(admin, name("reader"), READ);
    IssuedKey writer = api().createApiKeyOk(admin, name("writer"), WRITE);
    String list = Api.PREFIX + "job-runner.json";
    assertAll(
        () -> assertEquals(200, api().getWithKey(list, reader.key()).status()),
        () -> assertEquals(200, api().get(list, reader.key()).status(), "as Authorization: Bearer"),
        () -> {
          Api.Reply refused =
              api().sendWithKey("POST", list, reader.key(), "application/json", CREATE_JOB);
          assertEquals(403, refused.status(), refused::toString);
          assertEquals(
              "Permission denied: this needs the job_runner:write permission", refused.error());
        },
        () -> {
          Api.Reply refused = api().getWithKey(Api.PREFIX + "api-keys.json", reader.key());
          assertEquals(403, refused.status(), refused::toString);
          assertEquals(
              "Permission denied: this needs the job_runner:admin permission", refused.error());
        },
        () -> assertEquals(403, api().getWithKey(Api.PREFIX + "audit.json", writer.key()).status()),
        () -> assertEquals(403, api().getWithKey(list, writer.key()).status()),
        () -> {
          Api.Reply made =
              api().sendWithKey("POST", list, writer.key(), "application/json", CREATE_JOB);
          assertEquals(201, made.status(), made::toString);
          String job = made.json().getString("id");
          String path = Api.PREFIX + "job-runner/" + job + ".json";
          assertEquals(200, api().sendWithKey("DELETE", path, writer.key(), null, null).status());
        });
  }

  @Test
  void changesMadeWithAKeyAreRecordedUnderTheKeysName() {
    String keyName = name("deployer");
    IssuedKey key = api().createApiKeyOk(admin, keyName, READ, WRITE);
    var created =
        api()
            .sendWithKey(
                "POST",
                "2026-02-01/job-runner.json",
                key.key(),
                "application/json",
                "{\"jobrunner\":{\"title\":\"by key\",\"method\":\"GET\",\"url\":\"http://127.0.0.1:9/\"}}");
    assertEquals(201, created.status(), created.body());
    String id = created.json().getString("id");
    var job = api().getWithKey("2026-02-01/job-runner/" + id + ".json", key.key()).json();
    assertEquals("key:" + keyName, job.getString("created_by"));
    var audit = api().get("2026-02-01/audit.json?size=100", admin).json().getJsonArray("elements");
    assertTrue(
        audit.stream()
            .map(e -> e.asJsonObject())
            .anyMatch(
                e ->
                    e.getString("target_id").equals(id)
                        && e.getString("actor").equals("key:" + keyName)));
  }

  @Test
  void aUsedKeyShowsWhenItWasLastUsed() {
    IssuedKey key = api().createApiKeyOk(admin, name("used"), READ);
    assertTrue(api().getApiKey(admin, key.id()).json().isNull("last_used_at"));
    assertEquals(200, api().getWithKey(Api.PREFIX + "job-runner.json", key.key()).status());
    assertFalse(api().getApiKey(admin, key.id()).json().isNull("last_used_at"));
  }

  @Test
  void aRevokedKeyIsRefusedAtOnceAndStaysListed() {
    IssuedKey key = api().createApiKeyOk(admin, name("revoked"), READ);
    String list = Api.PREFIX + "job-runner.json";
    assertEquals(200, api().getWithKey(list, key.key()).status());

    Api.Reply revoked = api().revokeApiKey(admin, key.id());
    assertEquals(200, revoked.status(), revoked::toString);
    assertEquals("{\"id\":\"" + key.id() + "\",\"revoked\":true}", revoked.body());

    Api.Reply refused = api().getWithKey(list, key.key());
    assertEquals(401, refused.status(), refused::toString);
    assertEquals("This API key has been revoked", refused.error());
    assertEquals(401, api().get(list, key.key()).status(), "as bearer too");
    Api.Reply elsewhere = api().getWithKey(Api.PREFIX + "no-such-path", key.key());
    assertEquals(401, elsewhere.status(), "never anonymous, on any path: " + elsewhere);

    JsonObject element = listed(key.id()).orElseThrow();
    assertTrue(element.getBoolean("revoked"));
    assertFalse(element.isNull("revoked_at"));
    assertEquals(TestTokens.SUBJECT, element.getString("revoked_by"));

    Api.Reply again = api().revokeApiKey(admin, key.id());
    assertEquals(200, again.status(), "idempotent: " + again);
    assertEquals(
        element.getString("revoked_at"),
        listed(key.id()).orElseThrow().getString("revoked_at"),
        "unchanged");
  }

  @Test
  void unknownAndMalformedIdsAreNotFound() {
    for (String id : List.of(RandomId.next(), "nope", "0123456789ABCDEF01234567")) {
      Api.Reply revoke = api().revokeApiKey(admin, id);
      assertEquals(404, revoke.status(), revoke::toString);
      assertEquals("API key \"" + id + "\" not found", revoke.error());
      assertEquals(404, api().getApiKey(admin, id).status());
    }
  }

  @Test
  void aLiveKeysNameIsTakenUntilItIsRevoked() {
    IssuedKey first = api().createApiKeyOk(admin, name("rotated"), READ);
    Api.Reply taken = api().createApiKey(admin, request(name("rotated"), WRITE));
    assertEquals(409, taken.status(), taken::toString);
    assertEquals(
        "An API key named \""
            + name("rotated")
            + "\" already exists. Revoke it first or choose another name",
        taken.error());
    assertEquals(200, api().revokeApiKey(admin, first.id()).status());
    IssuedKey second = api().createApiKeyOk(admin, name("rotated"), WRITE);
    assertEquals(401, api().getWithKey(Api.PREFIX + "job-runner.json", first.key()).status());
    assertEquals(403, api().getWithKey(Api.PREFIX + "job-runner.json", second.key()).status());
  }

  /** A refused create request and its message, both written with ' for " to stay readable. */
  private record Bad(String body, String message) {
    static Bad of(String body, String message) {
      return new Bad(body.replace('\'', '"'), message.replace('\'', '"'));
    }
  }

  @Test
  void badRequestsAreRefusedWithTheirMessageAndChangeNothing() {
    long before = api().listApiKeys(admin, null).json().getJsonNumber("count").longValue();
    String use = ". Use job_runner:read or job_runner:write";
    List<Bad> cases =
        List.of(
            Bad.of(
                "", "Request body is empty. Send {'api_key': {'name': ..., 'permissions': [...]}}"),
            Bad.of("{'api_key':", "Malformed JSON: the body ends before the JSON is complete"),
            Bad.of(
                "{'api_key':{'name':'x','permissions':['job_runner:read']},'more':1}",
                "Unknown field 'more'"),
            Bad.of("{'api_key':[]}", "'api_key' must be an object"),
            Bad.of("{'api_key':{'permissions':['job_runner:read']}}", "Missing 'name'"),
            Bad.of(
                "{'api_key':{'name':' ','permissions':['job_runner:read']}}",
                "'name' must not be blank"),
            Bad.of(
                "{'api_key':{'name':'" + "n".repeat(101) + "','permissions':['job_runner:read']}}",
                "'name' is longer than 100 characters"),
            Bad.of(
                "{'api_key':{'name':'a\\nb','permissions':['job_runner:read']}}",
                "'name' must not contain control characters"),
            Bad.of("{'api_key':{'name':'x'}}", "Missing 'permissions'"),
            Bad.of(
                "{'api_key':{'name':'x','permissions':[]}}",
                "'permissions' must not be empty" + use),
            Bad.of(
                "{'api_key':{'name':'x','permissions':['job_runner:run']}}",
                "Invalid permission 'job_runner:run'" + use),
            Bad.of(
                "{'api_key':{'name':'x','permissions':['job_runner:admin']}}",
                "Permission 'job_runner:admin' cannot be given to an API key: only administrators signed in with a token"
                    + " manage keys and read the audit trail"),
            Bad.of(
                "{'api_key':{'name':'x','permissions':['job_runner:read'],'color':'red'}}",
                "Unknown field 'color' in 'api_key'"));
    List<Executable> checks = new ArrayList<>();
    for (Bad bad : cases) {
      checks.add(
          () -> {
            Api.Reply reply = api().createApiKey(admin, bad.body());
            assertEquals(400, reply.status(), () -> bad.body() + " -> " + reply);
            assertEquals(bad.message(), reply.error(), bad.body());
          });
    }
    checks.add(
        () -> {
          String huge = request("x".repeat(300 * 1024), READ);
          Api.Reply reply = api().createApiKey(admin, huge);
          assertEquals(413, reply.status(), reply::toString);
          assertEquals("Request body is larger than 262144 bytes", reply.error());
        });
    checks.add(
        () -> {
          Api.Reply reply =
              api()
                  .send(
                      "POST",
                      Api.PREFIX + "api-keys.json",
                      admin,
                      "text/plain",
                      request("x", READ));
          assertEquals(415, reply.status(), reply::toString);
        });
    assertAll(checks);
    long after = api().listApiKeys(admin, null).json().getJsonNumber("count").longValue();
    assertEquals(before, after, "nothing was stored");
  }

  @Test
  void twoCredentialsAtOnceAreRefused() {
    IssuedKey key = api().createApiKeyOk(admin, name("both"), READ);
    String list = Api.PREFIX + "job-runner.json";
    Credential keyAndToken =
        Credential.apiKey(key.key()).and(Credential.bearer(TestTokens.readWrite()));
    Api.Reply both = api().send("GET", list, keyAndToken, null, null);
    assertEquals(401, both.status(), both::toString);
    assertEquals("Send one credential: X-API-Key or Authorization, not both", both.error());
    Credential twoKeys = Credential.apiKey(key.key()).and(Credential.apiKey(key.key()));
    Api.Reply twice = api().send("GET", list, twoKeys, null, null);
    assertEquals(401, twice.status(), twice::toString);
    assertEquals("Send one X-API-Key header", twice.error());
  }

  @Test
  void createAndRevokeAreOnTheAuditTrailUnderTheAdministratorsName() {
    IssuedKey key = api().createApiKeyOk(admin, name("audited"), READ, WRITE);
    assertEquals(200, api().revokeApiKey(admin, key.id()).status());
    assertEquals(200, api().revokeApiKey(admin, key.id()).status());

    List<JsonObject> events = new ArrayList<>();
    for (JsonValue e :
        api().get(Api.PREFIX + "audit.json?size=100", admin).json().getJsonArray("elements")) {
      if (e.asJsonObject().getString("target_id").equals(key.id())) {
        events.add(e.asJsonObject());
      }
    }
    assertEquals(
        List.of("api_key.revoked", "api_key.created"),
        events.stream().map(e -> e.getString("action")).toList(),
        "newest first; the second revoke changed nothing, so recorded nothing");
    String detail =
        "name \"" + name("audited") + "\", permissions job_runner:read job_runner:write";
    for (JsonObject e : events) {
      assertEquals(TestTokens.SUBJECT, e.getString("actor"));
      assertEquals("api_key", e.getString("target_kind"));
      assertEquals(detail, e.getString("detail"));
      assertFalse(e.toString().contains(key.key().substring(28)), "no secret on the trail");
    }
  }

  /**
   * The embedded database file holds the key's name and hash, never the key (H2 does not compress
   * its pages).
   */
  @Test
  void theDatabaseHoldsTheHashNotTheKey() throws IOException {
    String url = System.getenv("JOBRUNNER_DB_URL");
    Assumptions.assumeTrue(url == null || url.isBlank(), "reads the embedded database's file");
    IssuedKey key = api().createApiKeyOk(admin, name("stored"), READ);
    Path file = Path.of(System.getenv("JOBRUNNER_DATA_DIR"), "jobrunner.mv.db");
    String bytes = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
    assertTrue(bytes.contains(name("stored")), "the check can see stored text at all");
    assertFalse(bytes.contains(key.key().substring(28)), "the secret is not stored");
    assertFalse(bytes.contains(key.key()), "nor the key");
    assertTrue(bytes.contains(sha256Hex(key.key())), "but its SHA-256");
  }

  private static String sha256Hex(String text) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
