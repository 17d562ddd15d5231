package dev.jobrunner.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jobrunner.testing.Api;
import dev.jobrunner.testing.Clock;
import dev.jobrunner.testing.ServerProcess;
import dev.jobrunner.testing.TestTokens;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** No database settings at all: the embedded database, in files under JOBRUNNER_DATA_DIR. */
class EmbeddedStorageIT extends StorageSurvivesRestart {

  @Override
  protected Map<String, String> storageEnv() {
    return Map.of();
  }

  @Override
  protected Connection database() throws Exception {
    return DriverManager.getConnection(
        "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("jobrunner"), "jobrunner", "");
  }

  /** The database file itself (pages, free space, log) never saw the header value. */
  @Override
  protected void assertStored(String jobId) throws Exception {
    byte[] file = Files.readAllBytes(dataDir.resolve("jobrunner.mv.db"));
    String bytes = new String(file, StandardCharsets.ISO_8859_1);
    assertFalse(bytes.contains("at-rest-secret"), "the H2 file holds a header value in clear");
    assertFalse(bytes.contains("whsec_"), "the H2 file holds a signing secret in clear");
    assertStoredRow(jobId);
  }

  /** The file's housekeeping ran in the server, without failing. */
  @Override
  protected void assertHousekeeping(ServerProcess server) {
    assertTrue(
        Clock.await(Duration.ofSeconds(10), () -> server.log().contains(HOUSEKEEPING)),
        "no housekeeping of the H2 file: " + server.log());
    assertFalse(server.log().contains("housekeeping failed"), server.log());
  }

  static final String HOUSEKEEPING = "The embedded database's housekeeping runs every second";

  /** Without JOBRUNNER_SECRET_KEY, secrets are refused with a clear error and nothing is stored. */
  @Test
  void withoutASecretKeySecretsAreRefused() {
    Path dir = Path.of("target/it-data/no-secret-key-" + System.nanoTime());
    String token = TestTokens.readWrite();
    var env =
        Map.of("JOBRUNNER_DATA_DIR", dir.toAbsolutePath().toString(), "JOBRUNNER_SECRET_KEY", "");
    try (var server = ServerProcess.start("EmbeddedStorageIT-no-key", env)) {
      for (String secretField :
          List.of("\"headers\":{\"Authorization\":\"Bearer x\"}", "\"signed\":true")) {
        var refused =
            server
                .api()
                .create(
                    token,
                    "{\"jobrunner\":{\"title\":\"t\",\"method\":\"GET\",\"url\":\"http://127.0.0.1:9/\","
                        + secretField
                        + "}}");
        assertEquals(400, refused.status());
        assertEquals(
            "Custom headers and signing secrets are stored encrypted, and this server has no JOBRUNNER_SECRET_KEY:"
                + " nothing was stored. Ask the operator to set one",
            refused.error());
      }
      assertEquals(0, server.api().list(token).json().getInt("count"));
      server
          .api()
          .createOk(
              token,
              "{\"title\":\"no secrets\",\"method\":\"GET\",\"url\":\"http://127.0.0.1:9/\"}");
      assertEquals(
          1, server.api().list(token).json().getInt("count"), "jobs without secrets still work");
    }
  }

  /**
   * A restart whose new server starts while the old one still holds the database files (a
   * supervisor's restart) waits for the files instead of failing its deployment, then serves what
   * the old one stored.
   */
  @Test
  void aServerStartedBeforeThePreviousOneStoppedWaitsForTheFiles() {
    Path dir = Path.of("target/it-data/overlapping-restart-" + System.nanoTime());
    var env = Map.of("JOBRUNNER_DATA_DIR", dir.toAbsolutePath().toString());
    String token = TestTokens.readWrite();
    try (var first = ServerProcess.start("EmbeddedStorageIT-first", env);
        var second = ServerProcess.launch("EmbeddedStorageIT-second", env)) {
      String id =
          first
              .api()
              .createOk(
                  token,
                  "{\"title\":\"before the restart\",\"method\":\"GET\",\"url\":\"http://127.0.0.1:9/\"}");
      assertTrue(
          Clock.await(
              Duration.ofMinutes(2),
              () -> second.log().contains("The embedded database is held by another process")),
          "the second server never waited for the files; see its log");
      first.stop();
      second.awaitReady(Duration.ofMinutes(2));
      Api.Reply job = second.api().get(Api.PREFIX + "job-runner/" + id + ".json", token);
      assertEquals(200, job.status(), job::toString);
      assertEquals("before the restart", job.json().getString("title"));
    }
  }

  private void assertStoredRow(String jobId) throws Exception {
    assertTrue(embeddedFilesExist(), "no database file in " + dataDir);
    String url = "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("jobrunner");
    try (var db = DriverManager.getConnection(url, "jobrunner", "");
        var query = db.prepareStatement("SELECT title, method, body FROM job WHERE id = ?")) {
      query.setString(1, jobId);
      try (var row = query.executeQuery()) {
        assertTrue(row.next(), "job row missing");
        assertEquals("Persistent", row.getString(1));
        assertEquals("PUT", row.getString(2));
        assertEquals("hello", row.getString(3));
      }
    }
  }
}
