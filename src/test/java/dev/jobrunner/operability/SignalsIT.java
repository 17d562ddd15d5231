package dev.jobrunner.operability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jobrunner.secrets.WebhookSignature;
import dev.jobrunner.testing.Api;
import dev.jobrunner.testing.Clock;
import dev.jobrunner.testing.JaxRsRoutes;
import dev.jobrunner.testing.ServerProcess;
import dev.jobrunner.testing.TargetServer;
import dev.jobrunner.testing.TestTokens;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * What an operator gets from the running service, on the jar run as a process twice over one data
 * directory: the API description against the real routes, metrics, one JSON log line per run, and
 * alerts delivered to a real local receiver, signed. The restart in the middle produces what only
 * downtime produces: occurrences run late, a missed one (policy skip), a call interrupted by the
 * crash.
 */
class SignalsIT {
  private static final String SECRET_HEADER_VALUE = "sekrit-header-value-7d1f";
  private static final String BODY_MARKER = "body-marker-5e2a";
  private static final String IDLE_ID = "000000000000000000000000";

  private final String token = TestTokens.readWrite();

  @Test
  void metricsAlertsRunLinesAndTheApiDescription() {
    String serviceSecret = WebhookSignature.newSecret();
    try (var target = TargetServer.start()) {
      Map<String, String> env =
          Map.of(
              "JOBRUNNER_DATA_DIR",
                  Path.of("target/it-data/signals-" + System.nanoTime())
                      .toAbsolutePath()
                      .toString(),
              "JOBRUNNER_NOTIFY_URL", target.url("/service-alerts"),
              "JOBRUNNER_NOTIFY_SIGNING_SECRET", serviceSecret,
              "JOBRUNNER_NOTIFY_FAILURE_STREAK", "1",
              "JOBRUNNER_SCHEDULE_GRACE_SECONDS", "10",
              // Long enough that the call in flight is still waiting when the server is killed.
              "JOBRUNNER_HTTP_TOTAL_TIMEOUT_MS", "10000",
              "JOBRUNNER_LOG_FORMAT", "json");
      Jobs jobs;
      Instant t1;
      String firstLog;
      String ok;
      try (var server = ServerProcess.start("signals-1", env)) {
        Api api = server.api();
        theServedDescriptionIsTheRealRoutes(api);

        ok =
            api.createOk(
                token,
                "{\"title\":\"Manual ok\",\"method\":\"POST\",\"url\":\""
                    + target.url("/ok")
                    + "\",\"content_type\":\"text/plain\","
                    + "\"body\":\""
                    + BODY_MARKER
                    + "\",\"headers\":{\"X-Secret\":\""
                    + SECRET_HEADER_VALUE
                    + "\"}}");
        String failing =
            api.createOk(
                token,
                "{\"title\":\"Manual fail\",\"method\":\"GET\",\"url\":\""
                    + target.url("/fail")
                    + "\"}");
        assertEquals("success", api.run(token, ok).json().getString("status"));
        assertEquals("failure", api.run(token, failing).json().getString("status"));
        var metrics = Metrics.scrape(api);
        assertEquals(
            1, metrics.value("jobrunner_runs_total", "trigger", "manual", "outcome", "success"));
        assertEquals(
            1, metrics.value("jobrunner_runs_total", "trigger", "manual", "outcome", "failure"));
        assertEquals(
            2, metrics.value("jobrunner_call_duration_seconds_count", "trigger", "manual"));
        assertEquals(2, metrics.value("jobrunner_jobs", "state", "active"));

        var refused =
            api.create(
                token,
                "{\"jobrunner\":{\"title\":\"x\",\"method\":\"GET\",\"url\":\""
                    + target.url("/ok")
                    + "\",\"notify_url\":\"http://10.0.0.1/alerts\"}}");
        assertEquals(400, refused.status(), refused::toString);
        assertTrue(
            refused
                .error()
                .startsWith(
                    "Invalid notify_url \"http://10.0.0.1/alerts\": 10.0.0.1 is not a public"),
            refused::toString);

        // The kill comes more than 45 s after the database opened: H2 reuses file space only after
        // that (its retention time), and H2 2.5 lost the commits of the last seconds when killed
        // then.
        t1 = Clock.minuteAtLeast(Duration.ofSeconds(50));
        jobs = Jobs.create(api, token, target, t1);

        // A manual call in flight when the server dies: interrupted, found by a sweep after the
        // restart.
        Clock.sleepUntil(t1.minusSeconds(4));
        CompletableFuture.runAsync(
            () -> {
              try {
                api.run(token, jobs.hangs());
              } catch (RuntimeException cutOff) {
                // the server is killed under it
              }
            });
        assertTrue(
            Clock.await(Duration.ofSeconds(3), () -> target.received("/hang").size() == 1),
            "the hanging call was not made");
        assertTrue(Instant.now().isBefore(t1), "too slow for this test's timeline: past " + t1);
        firstLog = server.log();
        server.kill();
      }
      Clock.sleepUntil(t1.plusSeconds(12)); // t1 and its grace pass with nothing running

      try (var server = ServerProcess.start("signals-2", env)) {
        Api api = server.api();
        Set<String> caughtUp =
            Set.of(
                "job.failing " + jobs.failsAndPauses(),
                "job.auto_paused " + jobs.failsAndPauses(),
                "job.failing " + jobs.recovers(),
                "job.failing " + jobs.retried(),
                "run.missed " + jobs.missed());
        assertTrue(
            Clock.await(
                Duration.ofSeconds(60),
                () -> alerts(target, "/service-alerts").containsAll(caughtUp)),
            () -> "alerts received after the restart: " + alerts(target, "/service-alerts"));
        // C's only time is replaced by one in the coming minute (after a crash this once answered
        // 500: the
        // new time was inserted at position 0 before the old one left), which succeeds (its target
        // fails
        // once only): a recovery. By then the call cut by the crash has been settled too.
        Instant next = Clock.minuteAtLeast(Duration.ofSeconds(15));
        var rescheduled =
            api.send(
                "PATCH",
                Api.PREFIX + "job-runner/" + jobs.recovers() + ".json",
                token,
                "application/json",
                "{\"jobrunner\":{\"schedulation\":[\"" + Clock.hhmm(next, "UTC") + "\"]}}");
        assertEquals(200, rescheduled.status(), rescheduled::toString);
        Set<String> expected = new TreeSet<>(caughtUp);
        expected.addAll(
            Set.of("job.recovered " + jobs.recovers(), "run.interrupted " + jobs.hangs()));
        assertTrue(
            Clock.await(
                Duration.between(Instant.now(), next.plusSeconds(45)),
                () -> alerts(target, "/service-alerts").containsAll(expected)),
            () -> "alerts received: " + alerts(target, "/service-alerts"));
        assertEquals(expected, alerts(target, "/service-alerts"), "exactly one of each");
        target.received("/service-alerts").forEach(alert -> assertSigned(alert, serviceSecret));

        // The job's own receiver hears of that job only, signed with that job's secret.
        assertEquals(
            Set.of(
                "job.failing " + jobs.failsAndPauses(), "job.auto_paused " + jobs.failsAndPauses()),
            alerts(target, "/job-alerts"));
        target.received("/job-alerts").forEach(alert -> assertSigned(alert, jobs.signingSecret()));

        JsonObject missed = alert(target, "run.missed");
        assertEquals(t1.toString(), missed.getJsonObject("data").getString("scheduled_at"));
        assertEquals("B is missed", missed.getJsonObject("data").getString("title"));
        String instance = missed.getJsonObject("data").getString("instance_id");
        assertEquals(
            0, alert(target, "job.recovered").getJsonObject("data").getInt("consecutive_failures"));

        var metrics = Metrics.scrape(api);
        assertEquals(
            1, metrics.value("jobrunner_runs_total", "trigger", "schedule", "outcome", "missed"));
        assertEquals(
            3, metrics.value("jobrunner_runs_total", "trigger", "schedule", "outcome", "failure"));
        assertEquals(
            1, metrics.value("jobrunner_runs_total", "trigger", "schedule", "outcome", "retried"));
        assertEquals(
            1, metrics.value("jobrunner_runs_total", "trigger", "schedule", "outcome", "success"));
        assertEquals(
            1,
            metrics.value("jobrunner_runs_total", "trigger", "manual", "outcome", "interrupted"));
        assertEquals(
            5, metrics.value("jobrunner_call_duration_seconds_count", "trigger", "schedule"));
        double late = metrics.value("jobrunner_run_lateness_seconds_count");
        assertEquals(4, late, "first attempts of scheduled calls");
        assertEquals(late, metrics.value("jobrunner_run_lateness_seconds_bucket", "le", "+Inf"));
        assertTrue(
            metrics.value("jobrunner_run_lateness_seconds_bucket", "le", "5.0") <= late - 3,
            "three ran over 10 s late");
        assertEquals(1, metrics.value("jobrunner_jobs", "state", "auto_paused"));
        assertEquals(0, metrics.value("jobrunner_jobs", "state", "paused"));
        assertEquals(6, metrics.value("jobrunner_jobs", "state", "active"));
        assertEquals(0, metrics.value("jobrunner_retries_waiting"));
        assertEquals(9, metrics.value("jobrunner_notifications_total", "outcome", "sent"));
        assertEquals(0, metrics.value("jobrunner_notifications_total", "outcome", "dropped"));
        assertEquals(1, metrics.value("jobrunner_instance_info", "instance_id", instance));
        assertEquals(0, metrics.value("jobrunner_backlog"));

        Map<String, String> lateRun = runLine(server.log(), jobs.failsAndPauses());
        assertEquals("schedule", lateRun.get("trigger"));
        assertEquals(t1.toString(), lateRun.get("scheduled_at"));
        assertEquals("failure", lateRun.get("status"));
        assertTrue(Long.parseLong(lateRun.get("lateness_ms")) > 10_000, lateRun::toString);
        Map<String, String> manualRun = runLine(firstLog, ok);
        assertEquals("manual", manualRun.get("trigger"));
        assertEquals("success", manualRun.get("status"));
        assertTrue(Double.parseDouble(manualRun.get("ms")) > 0, manualRun::toString);
        assertFalse(manualRun.containsKey("lateness_ms"), manualRun::toString);
        for (String log : List.of(firstLog, server.log())) {
          assertFalse(log.contains(SECRET_HEADER_VALUE), "a secret header value was logged");
          assertFalse(log.contains(BODY_MARKER), "a request body was logged");
        }
        server.stop();
      }
    }
  }

  /**
   * The document the server serves names the same operations as the compiled resources, each
   * answering OPTIONS.
   */
  private static void theServedDescriptionIsTheRealRoutes(Api api) {
    var served = api.get("openapi?format=json", null);
    assertEquals(200, served.status(), served::toString);
    JsonObject paths = served.json().getJsonObject("paths");
    Set<String> documented = new TreeSet<>();
    paths.forEach(
        (path, item) ->
            item.asJsonObject().keySet().stream()
                .filter(Set.of("get", "put", "post", "delete", "patch")::contains)
                .forEach(
                    verb ->
                        documented.add(
                            verb.toUpperCase(Locale.ROOT) + " " + JaxRsRoutes.normalize(path))));
    Set<String> real =
        JaxRsRoutes.ofApplication().stream()
            .map(JaxRsRoutes.Route::key)
            .collect(Collectors.toCollection(TreeSet::new));
    assertEquals(real, documented);
    for (String operation : documented) {
      String[] parts = operation.split(" ", 2);
      String path = parts[1].substring(1).replace("{}", IDLE_ID);
      var options = api.send("OPTIONS", path, (String) null, null, null);
      assertEquals(200, options.status(), () -> "OPTIONS " + path + ": " + options);
      assertTrue(
          options.header("Allow").contains(parts[0]),
          () -> operation + " not allowed: " + options.header("Allow"));
    }
    assertEquals(
        404, api.send("OPTIONS", "2026-02-01/nothing.json", (String) null, null, null).status());
    assertTrue(
        served
            .json()
            .getJsonObject("components")
            .getJsonObject("securitySchemes")
            .containsKey("apiKey"));
  }

  /** The jobs scheduled at t1, each for one signal, and one to be cut off by the crash. */
  record Jobs(
      String failsAndPauses,
      String signingSecret,
      String missed,
      String recovers,
      String retried,
      String hangs) {
    static Jobs create(Api api, String token, TargetServer target, Instant t1) {
      String at1 = "\"" + Clock.hhmm(t1, "UTC") + "\"";
      var signed =
          api.create(
              token,
              "{\"jobrunner\":{\"title\":\"A fails and pauses\",\"method\":\"GET\",\"url\":\""
                  + target.url("/fail")
                  + "\","
                  + "\"schedulation\":["
                  + at1
                  + "],\"retries\":0,\"auto_pause_after\":1,\"signed\":true,"
                  + "\"notify_url\":\""
                  + target.url("/job-alerts")
                  + "\"}}");
      assertEquals(201, signed.status(), signed::toString);
      return new Jobs(
          signed.json().getString("id"),
          signed.json().getString("signing_secret"),
          api.createOk(
              token,
              "{\"title\":\"B is missed\",\"method\":\"GET\",\"url\":\""
                  + target.url("/b")
                  + "\","
                  + "\"schedulation\":["
                  + at1
                  + "],\"missed_run_policy\":\"skip\"}"),
          api.createOk(
              token,
              "{\"title\":\"C recovers\",\"method\":\"GET\",\"url\":\""
                  + target.url("/flaky/1/c")
                  + "\","
                  + "\"schedulation\":["
                  + at1
                  + "],\"retries\":0}"),
          api.createOk(
              token,
              "{\"title\":\"D is retried\",\"method\":\"GET\",\"url\":\""
                  + target.url("/status/500")
                  + "\","
                  + "\"schedulation\":["
                  + at1
                  + "],\"retries\":1}"),
          api.createOk(
              token,
              "{\"title\":\"E hangs\",\"method\":\"GET\",\"url\":\""
                  + target.url("/hang")
                  + "\"}"));
    }
  }

  private static JsonObject json(String text) {
    try (var reader = Json.createReader(new StringReader(text))) {
      return reader.readObject();
    }
  }

  /** "type job_id" of each notification a receiver path got. */
  private static Set<String> alerts(TargetServer target, String path) {
    return target.received(path).stream()
        .map(r -> json(r.body()))
        .map(n -> n.getString("type") + " " + n.getJsonObject("data").getString("job_id"))
        .collect(Collectors.toCollection(TreeSet::new));
  }

  private static JsonObject alert(TargetServer target, String type) {
    return target.received("/service-alerts").stream()
        .map(r -> json(r.body()))
        .filter(n -> n.getString("type").equals(type))
        .findFirst()
        .orElseThrow();
  }

  private static String header(TargetServer.Received received, String name) {
    return received.headers().entrySet().stream()
        .filter(e -> e.getKey().equalsIgnoreCase(name))
        .map(e -> e.getValue().getFirst())
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + name + " header: " + received.headers()));
  }

  /**
   * Verified the way a receiver would, by hand: HMAC-SHA256 over "id.timestamp.body" with the
   * decoded secret.
   */
  private static void assertSigned(TargetServer.Received received, String secret) {
    try {
      var mac = javax.crypto.Mac.getInstance("HmacSHA256");
      mac.init(
          new javax.crypto.spec.SecretKeySpec(
              java.util.Base64.getDecoder().decode(secret.substring(6)), "HmacSHA256"));
      String signed =
          header(received, "webhook-id")
              + "."
              + header(received, "webhook-timestamp")
              + "."
              + received.body();
      String expected =
          "v1,"
              + java.util.Base64.getEncoder()
                  .encodeToString(
                      mac.doFinal(signed.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
      assertEquals(expected, header(received, "webhook-signature"), received.body());
      assertEquals("application/json", received.contentType());
      long age =
          Instant.now().getEpochSecond() - Long.parseLong(header(received, "webhook-timestamp"));
      assertTrue(age >= 0 && age < 300, "timestamp " + age + " s old");
    } catch (java.security.GeneralSecurityException e) {
      throw new AssertionError(e);
    }
  }

  /** The JSON run line of a job in a log (Payara's JSON formatter: the fields at top level). */
  private static Map<String, String> runLine(String log, String jobId) {
    return log.lines()
        .filter(
            line ->
                line.startsWith("{")
                    && line.contains("\"dev.jobrunner.runs\"")
                    && line.contains(jobId))
        .map(SignalsIT::json)
        .map(
            line -> {
              Map<String, String> fields = new HashMap<>();
              line.forEach(
                  (key, value) ->
                      fields.put(
                          key,
                          value instanceof jakarta.json.JsonString s
                              ? s.getString()
                              : value.toString()));
              return fields;
            })
        .findFirst()
        .orElseThrow(() -> new AssertionError("no run line for " + jobId));
  }

  /** A /metrics scrape (Prometheus text), read by name and labels. */
  record Metrics(String text) {
    private static final Pattern SAMPLE =
        Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{([^}]*)})? (\\S+)$");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_]+)=\"([^\"]*)\"");

    static Metrics scrape(Api api) {
      var reply = api.get("metrics", null);
      assertEquals(200, reply.status(), reply::toString);
      return new Metrics(reply.body());
    }

    /** The sample with this name whose labels include these (name, value, name, value...). */
    double value(String name, String... labels) {
      for (String line : text.lines().toList()) {
        Matcher sample = SAMPLE.matcher(line);
        if (!sample.matches() || !sample.group(1).equals(name)) {
          continue;
        }
        Map<String, String> found = new HashMap<>();
        Matcher label = LABEL.matcher(sample.group(3) == null ? "" : sample.group(3));
        while (label.find()) {
          found.put(label.group(1), label.group(2));
        }
        boolean matches = true;
        for (int i = 0; i < labels.length; i += 2) {
          matches &= labels[i + 1].equals(found.get(labels[i]));
        }
        if (matches) {
          return Double.parseDouble(sample.group(4));
        }
      }
      throw new AssertionError(
          "no sample "
              + name
              + " "
              + List.of(labels)
              + " in:\n"
              + text.lines()
                  .filter(l -> l.startsWith("jobrunner_"))
                  .collect(Collectors.joining("\n")));
    }
  }
}
