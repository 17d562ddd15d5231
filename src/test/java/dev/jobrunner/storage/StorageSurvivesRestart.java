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
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The same story on each database: create a job and run it, stop the server with SIGTERM, start it again on
 * the same storage, and find everything as it was; then delete.
 */
abstract class StorageSurvivesRestart {
  protected final Path dataDir = Path.of("target/it-data/" + getClass().getSimpleName() + "-" + System.nanoTime());

  /** Environment that selects the database under test. */
  protected abstract Map<String, String> storageEnv();

  /** Checks the stored rows directly in the database, bypassing the service. */
  protected abstract void assertStored(String jobId) throws Exception;

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
            server.api().createOk(token, """
                {"title":"Persistent","method":"PUT","url":"%s","content_type":"text/plain",
                 "body":"hello","schedulation":["23:59","00:00"]}""".formatted(target.url("/ok")));
        assertEquals("success", server.api().run(token, id).json().getString("status"));
        listing = server.api().list(token).body();
        // The JVM's own answer to SIGTERM once its shutdown hooks have run (the server's last log line is
        // not always flushed before it ends, so it is not what is checked).
        int exit = server.stop();
        assertTrue(exit == 0 || exit == 143, "exit code on SIGTERM: " + exit);
      }
      assertStored(id);

      try (var server = ServerProcess.start(getClass().getSimpleName() + "-again", env)) {
        assertEquals(listing, server.api().list(token).body(), "the list changed across the restart");
        JsonObject runs = server.api().get("2026-02-01/job-runner/" + id + "/runs.json", token).json();
        assertEquals(1, runs.getInt("count"));
        assertEquals("success", runs.getJsonArray("elements").getJsonObject(0).getString("status"));
        assertEquals("success", server.api().run(token, id).json().getString("status"));
        assertEquals(2, target.received("/ok").size());
        assertEquals(200, server.api().delete(token, id).status());
        assertFalse(server.api().list(token).body().contains(id));
        server.stop();
      }
    }
  }

  protected boolean embeddedFilesExist() {
    return Files.exists(dataDir.resolve("jobrunner.mv.db"));
  }
}
