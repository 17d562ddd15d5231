package dev.jobrunner.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jobrunner.testing.Api;
import dev.jobrunner.testing.DeployedApp;
import dev.jobrunner.testing.TargetServer;
import dev.jobrunner.testing.TestTokens;
import jakarta.json.JsonObject;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * How calls are made, seen from a real target: secret headers sent but never shown, Standard
 * Webhooks signatures a receiver can verify, per-job timeouts, the overlap policy, and
 * Idempotency-Key on run-now.
 */
class DeliveryIT extends DeployedApp {
  private final String token = TestTokens.readWrite();

  private String create(String json) {
    return api().createOk(token, json);
  }

  private JsonObject run(String id) {
    Api.Reply reply = api().run(token, id);
    assertEquals(200, reply.status(), reply.body());
    return reply.json();
  }

  @Test
  void secretHeadersAreSentButNeverShown() {
    try (var target = TargetServer.start()) {
      String id =
          create(
              """
              {"title":"with secrets","method":"POST","url":"%s","content_type":"application/json","body":"{}",
               "headers":{"Authorization":"Bearer s3cr3t-token-value","X-Tenant":"acme"}}"""
                  .formatted(target.url("/secret")));
      assertEquals("success", run(id).getString("status"));
      var received = target.received("/secret").getFirst();
      assertEquals(List.of("Bearer s3cr3t-token-value"), received.headers().get("Authorization"));
      assertEquals(List.of("acme"), received.headers().get("X-tenant"));

      JsonObject detail = api().get(Api.PREFIX + "job-runner/" + id + ".json", token).json();
      assertEquals(
          List.of("Authorization", "X-Tenant"),
          detail.getJsonArray("header_names").getValuesAs(jakarta.json.JsonString::getString));
      for (String shown :
          List.of(
              api().get(Api.PREFIX + "job-runner/" + id + ".json", token).body(),
              api().list(token, "size=100").body(),
              api().get(Api.PREFIX + "job-runner/" + id + "/runs.json", token).body())) {
        assertFalse(shown.contains("s3cr3t"), "a secret value was shown: " + shown);
      }

      // PATCH changes one header by name and keeps the other; PUT without headers keeps them all.
      var patch =
          api()
              .send(
                  "PATCH",
                  Api.PREFIX + "job-runner/" + id + ".json",
                  token,
                  "application/json",
                  "{\"jobrunner\":{\"headers\":{\"X-Tenant\":null,\"X-Extra\":\"e\"}}}");
      assertEquals(200, patch.status(), patch.body());
      assertEquals(
          List.of("Authorization", "X-Extra"),
          patch
              .json()
              .getJsonArray("header_names")
              .getValuesAs(jakarta.json.JsonString::getString));
      run(id);
      var second = target.received("/secret").getLast();
      assertEquals(List.of("Bearer s3cr3t-token-value"), second.headers().get("Authorization"));
      assertEquals(null, second.headers().get("X-tenant"));
      assertEquals(List.of("e"), second.headers().get("X-extra"));
    }
  }

  @Test
  void signedCallsVerifyIndependently() throws Exception {
    try (var target = TargetServer.start()) {
      Api.Reply created =
          api()
              .create(
                  token,
                  """
              {"jobrunner":{"title":"signed","method":"POST","url":"%s","content_type":"application/json",
               "body":"{\\"event\\":\\"ping\\"}","signed":true}}"""
                      .formatted(target.url("/signed")));
      assertEquals(201, created.status(), created.body());
      String secret = created.json().getString("signing_secret");
      assertTrue(secret.startsWith("whsec_"));
      String id = created.json().getString("id");
      JsonObject detail = api().get(Api.PREFIX + "job-runner/" + id + ".json", token).json();
      assertTrue(detail.getBoolean("signed"));
      assertFalse(detail.containsKey("signing_secret"), "the secret is shown once, at creation");

      JsonObject run = run(id);
      var received = target.received("/signed").getFirst();
      String webhookId = received.headers().get("Webhook-id").getFirst();
      String timestamp = received.headers().get("Webhook-timestamp").getFirst();
      String signature = received.headers().get("Webhook-signature").getFirst();
      assertEquals(run.getString("run_id"), webhookId, "a manual run's webhook-id is its run id");
      assertTrue(Math.abs(Instant.now().getEpochSecond() - Long.parseLong(timestamp)) < 60);
      // What a receiver does (standardwebhooks.com): HMAC-SHA256 of id.timestamp.body with the
      // decoded secret.
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(
          new SecretKeySpec(
              Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
      String expected =
          Base64.getEncoder()
              .encodeToString(
                  mac.doFinal(
                      (webhookId + "." + timestamp + "." + received.body())
                          .getBytes(StandardCharsets.UTF_8)));
      assertEquals("v1," + expected, signature);

      // Turning signing off stops the headers.
      api()
          .send(
              "PATCH",
              Api.PREFIX + "job-runner/" + id + ".json",
              token,
              "application/json",
              "{\"jobrunner\":{\"signed\":false}}");
      run(id);
      assertEquals(null, target.received("/signed").getLast().headers().get("Webhook-signature"));
    }
  }

  @Test
  void aJobsOwnTimeoutIsShorterThanTheServicesAndNeverLonger() {
    try (var target = TargetServer.start()) {
      String id =
          create(
              "{\"title\":\"quick\",\"method\":\"GET\",\"url\":\"%s\",\"timeout_ms\":400}"
                  .formatted(target.url("/hang")));
      JsonObject run = run(id);
      assertEquals("timeout", run.getString("status"));
      assertEquals("No complete answer within 400 ms", run.getString("reason"));
      assertTrue(run.getJsonNumber("ms").doubleValue() < 1_500, "took " + run.get("ms"));

      Api.Reply tooLong =
          api()
              .create(
                  token,
                  "{\"jobrunner\":{\"title\":\"t\",\"method\":\"GET\",\"url\":\"http://127.0.0.1:9/\",\"timeout_ms\":2001}}");
      assertEquals(400, tooLong.status());
      assertEquals("\"timeout_ms\" must be a whole number from 1 to 2000", tooLong.error());
    }
  }

  /** A listener whose accept queue is full drops new connections' SYNs, so connecting hangs. */
  @Test
  void aJobsOwnConnectTimeout() throws Exception {
    try (var full = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
        var first = new Socket("127.0.0.1", full.getLocalPort());
        var second = new Socket("127.0.0.1", full.getLocalPort())) {
      String id =
          create(
              "{\"title\":\"unanswered\",\"method\":\"GET\",\"url\":\"http://127.0.0.1:%d/\",\"connect_timeout_ms\":300}"
                  .formatted(full.getLocalPort()));
      JsonObject run = run(id);
      assertEquals("timeout", run.getString("status"), run.toString());
      assertEquals("Connect timed out after 300 ms", run.getString("reason"));
      assertTrue(run.getJsonNumber("ms").doubleValue() < 1_500, "took " + run.get("ms"));
    }
  }

  @Test
  void overlapSkipRecordsTheSecondRunAsSkipped() throws Exception {
    try (var target = TargetServer.start()) {
      String skip =
          create(
              "{\"title\":\"one at a time\",\"method\":\"GET\",\"url\":\"%s\"}"
                  .formatted(target.url("/slow")));
      List<String> statuses = twoAtOnce(skip);
      assertEquals(List.of("skipped", "success"), statuses.stream().sorted().toList());
      assertEquals(1, target.received("/slow").size());
      var runs =
          api()
              .get(Api.PREFIX + "job-runner/" + skip + "/runs.json", token)
              .json()
              .getJsonArray("elements");
      assertEquals(
          List.of("skipped", "success"),
          runs.stream().map(r -> r.asJsonObject().getString("status")).sorted().toList());
      assertEquals(1, target.received("/slow").size());
      assertEquals(
          "success", run(skip).getString("status"), "the slot is free again once the run ended");

      String allow =
          create(
              "{\"title\":\"in parallel\",\"method\":\"GET\",\"url\":\"%s\",\"overlap_policy\":\"allow\"}"
                  .formatted(target.url("/slow?allow")));
      assertEquals(List.of("success", "success"), twoAtOnce(allow));
    }
  }

  private List<String> twoAtOnce(String id) throws Exception {
    var first = CompletableFuture.supplyAsync(() -> api().run(token, id));
    Thread.sleep(300);
    var second = CompletableFuture.supplyAsync(() -> api().run(token, id));
    List<String> statuses = new ArrayList<>();
    for (var reply : List.of(first.get(), second.get())) {
      assertEquals(200, reply.status(), reply.body());
      statuses.add(reply.json().getString("status"));
    }
    return statuses;
  }

  @Test
  void idempotencyKeyOnRunCallsOnce() {
    try (var target = TargetServer.start()) {
      String id =
          create(
              "{\"title\":\"once\",\"method\":\"POST\",\"url\":\"%s\"}"
                  .formatted(target.url("/once")));
      String key = UUID.randomUUID().toString();
      var path = Api.PREFIX + "job-runner/" + id + "/run.json";
      Api.Reply first = api().send("POST", path, token, null, null, Map.of("Idempotency-Key", key));
      Api.Reply retry = api().send("POST", path, token, null, null, Map.of("Idempotency-Key", key));
      assertEquals(200, first.status());
      assertEquals(first.body(), retry.body());
      assertEquals("true", retry.header("Idempotent-Replayed"));
      assertEquals(1, target.received("/once").size(), "the target was called twice");
      api()
          .send(
              "POST",
              path,
              token,
              null,
              null,
              Map.of("Idempotency-Key", UUID.randomUUID().toString()));
      assertEquals(2, target.received("/once").size(), "a new key is a new run");
    }
  }
}
