package dev.jobrunner.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jobrunner.testing.ServerProcess;
import dev.jobrunner.testing.TargetServer;
import dev.jobrunner.testing.TestTokens;
import jakarta.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Connection;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The same story on each database: create a job and run it, stop the server with SIGTERM, start it
 * again on the same storage, and find everything as it was; then delete.
 */
abstract class StorageSurvivesRestart {
  protected final Path dataDir =
      Path.of("target/it-data/" + getClass().getSimpleName() + "-" + System.nanoTime());

  /** Environment that selects the database under test. */
  protected abstract Map<String, String> storageEnv();

  /** Checks the stored rows directly in the database, bypassing the service. */
  protected abstract void assertStored(String jobId) throws Exception;

  /** A connection straight to the database under test, with the server stopped. */
  protected abstract Connection database() throws Exception;

  private static final String HEADER_SECRET = "Bearer at-rest-secret-4711";

  @Test
  void jobsAndRunsSurviveARestart() throws Exception {
    Map<String, String> env = new HashMap<>(storageEnv());
    env.put("JOBRUNNER_DATA_DIR", dataDir.toAbsolutePath().toString());
    String token = TestTokens.readWrite();
    try (var target = TargetServer.start()) {
      String id;
      String listing;
      try (var server = ServerProcess.start(getClass().getSimpleName(), env)) {
        id =
            server
                .api()
                .createOk(
                    token,
                    """
                {"title":"Persistent","method":"PUT","url":"%s","content_type":"text/plain",
                 "body":"hello","schedulation":["23:59","00:00"],"headers":{"Authorization":"%s"},
                 "signed":true}"""
                        .formatted(target.url("/ok"), HEADER_SECRET));
        assertEquals("success", server.api().run(token, id).json().getString("status"));
        // Kept to the end, to see its secrets sealed again after the key rotation below.
        server
            .api()
            .createOk(
                token,
                """
            {"title":"Kept","method":"GET","url":"%s","headers":{"X-Token":"kept-secret"},"signed":true}"""
                    .formatted(target.url("/kept")));
        listing = server.api().list(token).body();
        assertHousekeeping(server);
        // The JVM's own answer to SIGTERM once its shutdown hooks have run (the server's last log
        // line is not always flushed before it ends, so it is not what is checked).
        int exit = server.stop();
        assertTrue(exit == 0 || exit == 143, "exit code on SIGTERM: " + exit);
      }
      assertStored(id);
      assertTrue(
          target.received("/ok").getFirst().headers().containsKey("Webhook-signature"),
          "not signed");
      assertNoPlaintextSecret();

      // The second start rotates the secret key: a new one first, the old one still listed.
      String oldKey = System.getenv("JOBRUNNER_SECRET_KEY");
      String newKey = Base64.getEncoder().encodeToString(new SecureRandom().generateSeed(32));
      env.put("JOBRUNNER_SECRET_KEY", newKey + "," + oldKey);
      try (var server = ServerProcess.start(getClass().getSimpleName() + "-again", env)) {
        assertEquals(
            listing, server.api().list(token).body(), "the list changed across the restart");
        JsonObject runs =
            server.api().get("2026-02-01/job-runner/" + id + "/runs.json", token).json();
        assertEquals(1, runs.getInt("count"));
        assertEquals("success", runs.getJsonArray("elements").getJsonObject(0).getString("status"));
        assertEquals("success", server.api().run(token, id).json().getString("status"));
        assertEquals(2, target.received("/ok").size());
        assertEquals(
            List.of(HEADER_SECRET),
            target.received("/ok").getLast().headers().get("Authorization"),
            "the sealed header does not open after a restart");
        assertEquals(200, server.api().delete(token, id).status());
        assertFalse(server.api().list(token).body().contains(id));
        server.stop();
      }
      assertResealedWith(keyId(newKey));
    }
  }

  /** What the server says of its database's housekeeping while it runs. */
  protected abstract void assertHousekeeping(ServerProcess server) throws Exception;

  /**
   * After a start with a rotated key list, every stored secret is sealed with the new first key.
   */
  private void assertResealedWith(String keyId) throws Exception {
    try (Connection db = database();
        var rows =
            db.createStatement()
                .executeQuery("SELECT sealed_headers, sealed_signing_secret FROM job")) {
      int sealed = 0;
      while (rows.next()) {
        for (int column = 1; column <= 2; column++) {
          String value = rows.getString(column);
          if (value != null) {
            assertTrue(
                value.startsWith(keyId + ":"),
                "not sealed again with the new key: " + value.substring(0, 9));
            sealed++;
          }
        }
      }
      assertTrue(sealed >= 2, "no sealed secrets left to check");
    }
  }

  private static String keyId(String base64Key) throws Exception {
    byte[] digest =
        MessageDigest.getInstance("SHA-256").digest(Base64.getDecoder().decode(base64Key));
    return HexFormat.of().formatHex(digest).substring(0, 8);
  }

  /**
   * The database holds no secret in clear: no column of any row holds the header value or a whsec_
   * secret.
   */
  private void assertNoPlaintextSecret() throws Exception {
    try (Connection db = database()) {
      for (String table : List.of("job", "job_run", "audit_event", "idempotency_record")) {
        try (var rows = db.createStatement().executeQuery("SELECT * FROM " + table)) {
          int columns = rows.getMetaData().getColumnCount();
          while (rows.next()) {
            for (int i = 1; i <= columns; i++) {
              String value = String.valueOf(rows.getObject(i));
              assertFalse(
                  value.contains("at-rest-secret"), table + " holds the header value in clear");
              assertFalse(value.contains("whsec_"), table + " holds a signing secret in clear");
            }
          }
        }
      }
    }
  }

  protected boolean embeddedFilesExist() {
    return Files.exists(dataDir.resolve("jobrunner.mv.db"));
  }
}
