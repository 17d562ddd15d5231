package dev.jobrunner.operability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jobrunner.testing.Api;
import dev.jobrunner.testing.Clock;
import dev.jobrunner.testing.PrivatePostgres;
import dev.jobrunner.testing.ServerProcess;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The health checks as a Kubernetes probe sees them, on the jar run as a process over a PostgreSQL
 * of the test's own, which the test stalls and stops for real: a sweep held by a lock another
 * session keeps on the dispatcher's table, then the database shut down. Each makes readiness DOWN
 * (503) with the failing check named and its data, liveness stays UP, and readiness comes back once
 * the cause is gone.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HealthIT {
  private static final Set<String> READINESS =
      Set.of("database", "migrations", "slot-timers", "dispatcher", "backlog");

  private PrivatePostgres postgres;
  private ServerProcess server;

  @BeforeAll
  void start() {
    postgres = PrivatePostgres.start();
    server =
        ServerProcess.start(
            "health",
            Map.of(
                "JOBRUNNER_DB_URL", postgres.url(),
                "JOBRUNNER_DB_USER", "postgres",
                "JOBRUNNER_DB_PASSWORD", "",
                "JOBRUNNER_HEALTH_SWEEP_STALL_SECONDS", "3",
                "JOBRUNNER_OPENAPI_ENABLED", "false"));
  }

  @AfterAll
  void stop() {
    if (server != null) {
      server.close();
    }
    if (postgres != null) {
      postgres.close();
    }
  }

  private Api.Reply probe(String which) {
    return server.api().get("health/" + which, null);
  }

  /** The checks of an answer by name. */
  private static Map<String, JsonObject> checks(Api.Reply reply) {
    Map<String, JsonObject> byName = new TreeMap<>();
    for (JsonValue check : reply.json().getJsonArray("checks")) {
      byName.put(check.asJsonObject().getString("name"), check.asJsonObject());
    }
    return byName;
  }

  private static String data(JsonObject check, String key) {
    return check.getJsonObject("data").getString(key, null);
  }

  private boolean ready() {
    return probe("ready").status() == 200;
  }

  @Test
  @Order(1)
  void readyLiveAndStartedWithEveryCheckAndItsData() {
    assertTrue(
        Clock.await(Duration.ofSeconds(30), this::ready), () -> "never ready: " + probe("ready"));
    var ready = probe("ready");
    Map<String, JsonObject> checks = checks(ready);
    assertEquals(READINESS, checks.keySet(), ready::toString);
    checks
        .values()
        .forEach(check -> assertEquals("UP", check.getString("status"), check::toString));
    String instance = data(checks.get("database"), "instance_id");
    assertTrue(instance != null && !instance.isBlank(), ready::toString);
    checks
        .values()
        .forEach(check -> assertEquals(instance, data(check, "instance_id"), check::toString));
    assertEquals("0", data(checks.get("migrations"), "pending"));
    assertEquals("0", data(checks.get("backlog"), "backlog"));
    assertTrue(
        data(checks.get("slot-timers"), "last_reconciled").startsWith("20"), ready::toString);
    assertTrue(data(checks.get("database"), "answered_in_ms") != null, ready::toString);

    var live = probe("live");
    assertEquals(200, live.status(), live::toString);
    assertEquals("0", data(checks(live).get("deadlocks"), "deadlocked_threads"));
    var started = probe("started");
    assertEquals(200, started.status(), started::toString);
    assertEquals("UP", checks(started).get("started").getString("status"));
    // The HTTP client made one call at deployment, before the web module started (deployed_at).
    JsonObject startedCheck = checks(started).get("started");
    assertTrue(
        data(startedCheck, "http_client_warm_up").startsWith("SUCCESS in "), started::toString);
    assertTrue(
        Instant.parse(data(startedCheck, "http_client_warmed_up_at"))
            .isBefore(Instant.parse(data(startedCheck, "deployed_at"))),
        started::toString);
  }

  @Test
  @Order(2)
  void openApiCanBeTurnedOff() {
    var document = server.api().get("openapi?format=json", null);
    assertEquals(200, document.status(), document::toString);
    assertEquals(0, document.json().getJsonObject("paths").size(), document::toString);
    assertTrue(
        document
            .json()
            .getJsonObject("info")
            .getString("description")
            .contains("JOBRUNNER_OPENAPI_ENABLED=false"));
  }

  /**
   * Another session holds the dispatch watermark's table: the minute sweep blocks at its first
   * statement.
   */
  @Test
  @Order(3)
  void aStalledSweepMakesTheInstanceNotReadyUntilItMovesAgain() throws Exception {
    assertTrue(
        Clock.await(Duration.ofSeconds(30), this::ready),
        () -> "not ready before: " + probe("ready"));
    try (Connection lock = postgres.connect()) {
      lock.setAutoCommit(false);
      try (var statement = lock.createStatement()) {
        statement.execute("LOCK TABLE scheduler_state IN ACCESS EXCLUSIVE MODE");
      }
      // The next sweep starts at the next whole minute and then stays at work.
      assertTrue(
          Clock.await(Duration.ofSeconds(75), () -> !ready()),
          () -> "still ready: " + probe("ready"));
      var notReady = probe("ready");
      assertEquals(503, notReady.status(), notReady::toString);
      Map<String, JsonObject> checks = checks(notReady);
      JsonObject dispatcher = checks.get("dispatcher");
      assertEquals("DOWN", dispatcher.getString("status"), notReady::toString);
      assertTrue(data(dispatcher, "sweep_running_since") != null, dispatcher::toString);
      assertTrue(data(dispatcher, "error").contains("at work for over 3 s"), dispatcher::toString);
      assertEquals(
          "UP", checks.get("database").getString("status"), "the database itself still answers");
      assertEquals(200, probe("live").status(), "a stuck sweep is no reason to restart");
      lock.rollback();
    }
    assertTrue(
        Clock.await(Duration.ofSeconds(15), this::ready),
        () -> "not ready again: " + probe("ready"));
  }

  @Test
  @Order(4)
  void aStoppedDatabaseMakesTheInstanceNotReadyButStillLive() {
    assertTrue(
        Clock.await(Duration.ofSeconds(30), this::ready),
        () -> "not ready before: " + probe("ready"));
    postgres.stop();
    try {
      assertTrue(
          Clock.await(Duration.ofSeconds(20), () -> !ready()),
          () -> "still ready: " + probe("ready"));
      Instant asked = Instant.now();
      var notReady = probe("ready");
      Duration answeredIn = Duration.between(asked, Instant.now());
      assertEquals(503, notReady.status(), notReady::toString);
      JsonObject database = checks(notReady).get("database");
      assertEquals("DOWN", database.getString("status"), notReady::toString);
      assertTrue(data(database, "error") != null, database::toString);
      assertTrue(answeredIn.compareTo(Duration.ofSeconds(5)) < 0, "the probe took " + answeredIn);
      var live = probe("live");
      assertEquals(200, live.status(), () -> "a database outage is no reason to restart: " + live);
    } finally {
      postgres.startAgain();
    }
    assertTrue(
        Clock.await(Duration.ofSeconds(60), this::ready),
        () -> "not ready after the database came back: " + probe("ready"));
  }
}
