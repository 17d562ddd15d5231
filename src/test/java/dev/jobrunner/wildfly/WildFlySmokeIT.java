package dev.jobrunner.wildfly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jobrunner.testing.Api;
import dev.jobrunner.testing.Api.Credential;
import dev.jobrunner.testing.Clock;
import dev.jobrunner.testing.TargetServer;
import dev.jobrunner.testing.TestTokens;
import dev.jobrunner.testing.WildFlyServer;
import jakarta.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The very WAR that runs on Payara, on a stock WildFly 39 (Hibernate instead of EclipseLink,
 * SmallRye JWT, RESTEasy, WildFly's EJB timers), configured by server-config/wildfly.cli only. Run
 * by {@code -Pwildfly} (bin/test), skipped otherwise.
 *
 * <p>One server for the whole class, started once and restarted once (each start costs tens of
 * seconds): the tests run in order and the restart comes last. A job scheduled every minute from
 * the coming one is made first, so that its first minute passes while the other tests run.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WildFlySmokeIT {
  private static final String PREFIX = Api.PREFIX;
  private static final Duration START_LIMIT = Duration.ofMinutes(5);

  private static WildFlyServer server;
  private static TargetServer target;
  private static String everyMinute;
  private static Instant firstMinute;

  private final String token = TestTokens.readWrite();

  @BeforeAll
  static void start() {
    String home = System.getProperty("wildfly.home", "");
    assumeTrue(!home.isBlank(), "WildFly is not unpacked here: bin/test runs this with -Pwildfly");
    target = TargetServer.start();
    Path data = Path.of("target/it-data/wildfly-" + System.nanoTime()).toAbsolutePath();
    // The failsafe environment (MP_JWT_*, JOBRUNNER_*) is inherited; only the data directory is
    // WildFly's own.
    server = new WildFlyServer(Path.of(home), data, Map.of("JOBRUNNER_DATA_DIR", data.toString()));
    server.configure(Path.of("server-config/wildfly.cli"), Map.of());
    server.deploy(Path.of(System.getProperty("jobrunner.war")));
    server.start(START_LIMIT);

    firstMinute = Clock.minuteAtLeast(Duration.ofSeconds(20));
    List<String> times = new ArrayList<>();
    for (int minute = 0; minute < 15; minute++) {
      times.add("\"" + Clock.hhmm(firstMinute.plus(Duration.ofMinutes(minute)), "UTC") + "\"");
    }
    everyMinute =
        server
            .api()
            .createOk(
                TestTokens.readWrite(),
                """
            {"title":"every minute","method":"POST","url":"%s","content_type":"text/plain","body":"tick",
             "schedulation":[%s],"timezone":"UTC"}"""
                    .formatted(target.url("/minute"), String.join(",", times)));
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
    if (target != null) {
      target.close();
    }
  }

  @Test
  @Order(1)
  void refusalsAreJsonErrors() {
    Api api = server.api();
    assertError(
        401, "Authentication required: send a valid bearer token or API key", api.list(null));
    assertError(
        401,
        "Authentication required: send a valid bearer token or API key",
        api.list(TestTokens.signedByAnotherKey(TestTokens.READ)));
    assertError(
        403,
        "Permission denied: this needs the job_runner:write permission",
        api.create(
            TestTokens.withPermissions(TestTokens.READ),
            "{\"jobrunner\":{\"title\":\"t\",\"method\":\"GET\",\"url\":\"http://127.0.0.1:9/\"}}"));
    assertError(
        404,
        "Job runner \"" + "0".repeat(24) + "\" not found",
        api.get(PREFIX + "job-runner/" + "0".repeat(24) + ".json", token));
    assertEquals(404, api.get(PREFIX + "no-such-thing.json", token).status());
    assertTrue(
        api.get(PREFIX + "no-such-thing.json", token)
            .header("Content-Type")
            .startsWith("application/json"));
    assertError(
        400,
        "Invalid schedulation time \"24:30\". Use HH:mm format",
        api.create(
            token,
            "{\"jobrunner\":{\"title\":\"t\",\"method\":\"GET\",\"url\":\"http://127.0.0.1:9/\",\"schedulation\":[\"24:30\"]}}"));
    // Refused callers are not server errors: no ERROR or SEVERE line (WildFly logs EJB access
    // denials with a
    // stack trace unless wildfly.cli turns that off).
    assertEquals(List.of(), errorLines());
  }

  @Test
  @Order(2)
  void createListRunHistoryDelete() {
    Api api = server.api();
    Api.Reply created =
        api.create(
            token,
            """
        {"jobrunner":{"title":"smoke","method":"PUT","url":"%s","content_type":"text/plain","body":"hello",
         "schedulation":["23:59"]}}"""
                .formatted(target.url("/smoke")));
    assertEquals(201, created.status(), created::toString);
    String id = created.json().getString("id");
    // EclipseLink starts versions at 1, Hibernate at 0 unless told: the first ETag is the same on
    // both servers.
    assertEquals("\"1\"", created.header("ETag"));

    JsonObject listed =
        api.list(token).json().getJsonArray("elements").getValuesAs(JsonObject.class).stream()
            .filter(job -> job.getString("id").equals(id))
            .findFirst()
            .orElseThrow();
    assertEquals("smoke", listed.getString("title"));
    assertEquals("[\"23:59\"]", listed.getJsonArray("schedulation").toString());
    assertTrue(listed.getBoolean("has_body"));

    JsonObject run = api.run(token, id).json();
    assertEquals("success", run.getString("status"), run::toString);
    assertEquals("HTTP/1.1 200 OK", run.getJsonArray("headers").getString(0));
    assertEquals("{\"ok\":true}", run.getString("response"));
    TargetServer.Received call = target.received("/smoke").getFirst();
    assertEquals("PUT", call.method());
    assertEquals("hello", call.body());
    assertEquals("text/plain", call.contentType());

    JsonObject history = api.get(PREFIX + "job-runner/" + id + "/runs.json", token).json();
    assertEquals(1, history.getInt("count"));
    JsonObject recorded = history.getJsonArray("elements").getJsonObject(0);
    assertEquals("manual", recorded.getString("trigger"));
    assertEquals("success", recorded.getString("status"));
    assertEquals(run.getString("run_id"), recorded.getString("id"));

    Api.Reply patched =
        api.send(
            "PATCH",
            PREFIX + "job-runner/" + id + ".json",
            token,
            "application/json",
            "{\"jobrunner\":{\"title\":\"smoke, renamed\"}}",
            Map.of("If-Match", "\"1\""));
    assertEquals(200, patched.status(), patched::toString);
    assertEquals("\"2\"", patched.header("ETag"));

    Api.Reply deleted = api.delete(token, id);
    assertEquals(200, deleted.status(), deleted::toString);
    assertEquals(id, deleted.json().getString("id"));
    assertTrue(deleted.json().getBoolean("deleted"));
    assertEquals(404, api.get(PREFIX + "job-runner/" + id + ".json", token).status());
  }

  /**
   * The API-key mechanism delegates everything else to SmallRye's MP-JWT mechanism, the one other
   * on WildFly.
   */
  @Test
  @Order(3)
  void apiKeys() {
    Api api = server.api();
    Api.IssuedKey key =
        api.createApiKeyOk(TestTokens.admin(), "smoke", TestTokens.READ, TestTokens.WRITE);
    assertEquals(200, api.getWithKey(PREFIX + "job-runner.json", key.key()).status());
    assertEquals(
        200,
        api.send("GET", PREFIX + "job-runner.json", Credential.bearer(key.key()), null, null)
            .status());
    String id =
        api.sendWithKey(
                "POST",
                PREFIX + "job-runner.json",
                key.key(),
                "application/json",
                "{\"jobrunner\":{\"title\":\"by key\",\"method\":\"GET\",\"url\":\"http://127.0.0.1:9/\"}}")
            .json()
            .getString("id");
    assertEquals(
        "key:smoke",
        api.get(PREFIX + "job-runner/" + id + ".json", token).json().getString("created_by"));
    String forged = key.key().substring(0, key.key().length() - 4) + "AAAA";
    assertEquals(401, api.getWithKey(PREFIX + "job-runner.json", forged).status());

    assertEquals(200, api.revokeApiKey(TestTokens.admin(), key.id()).status());
    assertError(
        401,
        "This API key has been revoked",
        api.getWithKey(PREFIX + "job-runner.json", key.key()));
    assertEquals(200, api.delete(token, id).status());
  }

  @Test
  @Order(4)
  void aJobInTheComingMinuteFiresOnce() {
    Clock.sleepUntil(firstMinute);
    assertTrue(
        Clock.await(Duration.ofSeconds(90), () -> !callsFor(firstMinute).isEmpty()),
        "the job due at " + firstMinute + " was not called");
    Clock.sleepUntil(Instant.now().plusSeconds(5)); // a second call would come now, if any
    assertEquals(1, callsFor(firstMinute).size(), "called more than once for " + firstMinute);
    assertEquals("tick", callsFor(firstMinute).getFirst().body());

    List<JsonObject> runs = runsFor(server.api(), token, firstMinute);
    assertEquals(1, runs.size(), runs::toString);
    assertEquals("schedule", runs.getFirst().getString("trigger"));
    assertEquals("success", runs.getFirst().getString("status"));
    assertEquals(List.of(), errorLines());
  }

  /**
   * Stopped with SIGTERM and started again on the same data: the schedule is kept and the next
   * minute fires, once. The second start also loses its token key file (an operator's mistake):
   * tokens are refused with a 401, not a 500, and an API key still reads the jobs.
   */
  @Test
  @Order(5)
  void aRestartKeepsTheSchedule() {
    Api before = server.api();
    Api.IssuedKey reader =
        before.createApiKeyOk(TestTokens.admin(), "after-restart", TestTokens.READ);
    String listing = before.list(token).body();
    int exit = server.stop();
    assertTrue(exit == 0 || exit == 143, "exit code on SIGTERM: " + exit);

    server.withEnv(
        "MP_JWT_VERIFY_PUBLICKEY_LOCATION", "file:///nonexistent/job-runner-public-key.pem");
    server.start(START_LIMIT);
    Instant ready = Instant.now();
    Api after = server.api();
    assertError(
        401, "Authentication required: send a valid bearer token or API key", after.list(token));
    assertError(
        401, "Authentication required: send a valid bearer token or API key", after.list(null));
    assertEquals(
        listing,
        after.getWithKey(PREFIX + "job-runner.json", reader.key()).body(),
        "the list changed across the restart");

    Instant next = Clock.minuteAtLeast(Duration.ZERO);
    if (Duration.between(ready, next).toSeconds() < 5) {
      next = next.plus(Duration.ofMinutes(1)); // a minute that surely comes after the restart
    }
    Instant expected = next;
    Clock.sleepUntil(expected);
    assertTrue(
        Clock.await(Duration.ofSeconds(90), () -> !callsFor(expected).isEmpty()),
        "no call for " + expected + " after the restart");
    Clock.sleepUntil(Instant.now().plusSeconds(5));
    List<String> scheduled =
        target.received("/minute").stream()
            .map(call -> call.headers().get("X-scheduled-at").getFirst())
            .toList();
    assertEquals(
        scheduled.stream().distinct().toList(),
        scheduled,
        "an occurrence was called twice: " + scheduled);
    List<JsonObject> runs =
        after
            .getWithKey(PREFIX + "job-runner/" + everyMinute + "/runs.json", reader.key())
            .json()
            .getJsonArray("elements")
            .getValuesAs(JsonObject.class);
    assertTrue(
        runs.stream()
            .anyMatch(
                run ->
                    expected.toString().equals(run.getString("scheduled_at", null))
                        && run.getString("status").equals("success")),
        runs::toString);
  }

  private static List<String> errorLines() {
    return server
        .log()
        .lines()
        .filter(line -> line.contains(" ERROR [") || line.contains(" SEVERE ["))
        .toList();
  }

  private static List<TargetServer.Received> callsFor(Instant minute) {
    return target.received("/minute").stream()
        .filter(call -> List.of(minute.toString()).equals(call.headers().get("X-scheduled-at")))
        .toList();
  }

  private static List<JsonObject> runsFor(Api api, String token, Instant minute) {
    return api
        .get(PREFIX + "job-runner/" + everyMinute + "/runs.json", token)
        .json()
        .getJsonArray("elements")
        .getValuesAs(JsonObject.class)
        .stream()
        .filter(run -> minute.toString().equals(run.getString("scheduled_at", null)))
        .toList();
  }

  private static void assertError(int status, String message, Api.Reply reply) {
    assertEquals(status, reply.status(), reply::toString);
    assertTrue(
        String.valueOf(reply.header("Content-Type")).startsWith("application/json"),
        reply::toString);
    assertEquals(message, reply.error(), reply::toString);
  }
}
