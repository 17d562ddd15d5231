package dev.jobrunner.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.DriverManager;
import java.util.Map;

/** No database settings at all: the embedded database, in files under JOBRUNNER_DATA_DIR. */
class EmbeddedStorageIT extends StorageSurvivesRestart {

  @Override
  protected Map<String, String> storageEnv() {
    return Map.of();
  }

  @Override
  protected void assertStored(String jobId) throws Exception {
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
