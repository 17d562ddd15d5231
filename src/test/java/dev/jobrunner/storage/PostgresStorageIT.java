package dev.jobrunner.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jobrunner.testing.ServerProcess;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;

/**
 * The same WAR on PostgreSQL, chosen by environment variables alone. bin/test starts a private
 * PostgreSQL and passes its URL; run without it (plain mvn verify), this class is skipped with that
 * reason.
 */
class PostgresStorageIT extends StorageSurvivesRestart {
  private static final String URL = System.getProperty("jobrunner.test.pg.url", "");
  private static final String USER = System.getProperty("jobrunner.test.pg.user", "postgres");

  @BeforeAll
  static void needsPostgres() {
    Assumptions.assumeFalse(URL.isBlank(), "no PostgreSQL given (bin/test starts one)");
  }

  /** PostgreSQL keeps its own files: no housekeeping of an embedded file runs. */
  @Override
  protected void assertHousekeeping(ServerProcess server) {
    assertFalse(server.log().contains(EmbeddedStorageIT.HOUSEKEEPING), server.log());
  }

  @Override
  protected Map<String, String> storageEnv() {
    return Map.of("JOBRUNNER_DB_URL", URL, "JOBRUNNER_DB_USER", USER, "JOBRUNNER_DB_PASSWORD", "");
  }

  @Override
  protected Connection database() throws Exception {
    return DriverManager.getConnection(URL, USER, "");
  }

  @Override
  protected void assertStored(String jobId) throws Exception {
    assertFalse(
        embeddedFilesExist(),
        "an embedded database was created although PostgreSQL was configured");
    try (var db = DriverManager.getConnection(URL, USER, "");
        var query =
            db.prepareStatement(
                "SELECT j.title, j.method, j.body, (SELECT count(*) FROM job_run r WHERE r.job_id = j.id),"
                    + " (SELECT string_agg(t.time_of_day, ',' ORDER BY t.position) FROM job_time t WHERE t.job_id = j.id)"
                    + " FROM job j WHERE j.id = ?")) {
      query.setString(1, jobId);
      try (var row = query.executeQuery()) {
        assertTrue(row.next(), "job row missing in PostgreSQL");
        assertEquals("Persistent", row.getString(1));
        assertEquals("PUT", row.getString(2));
        assertEquals("hello", row.getString(3));
        assertEquals(1, row.getLong(4));
        assertEquals("23:59,00:00", row.getString(5));
      }
    }
  }
}
