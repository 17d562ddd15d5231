package dev.jobrunner.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jobrunner.testing.Api;
import dev.jobrunner.testing.Clock;
import dev.jobrunner.testing.ServerProcess;
import dev.jobrunner.testing.TargetServer;
import dev.jobrunner.testing.TestTokens;
import jakarta.json.JsonObject;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.h2.engine.Constants;
import org.junit.jupiter.api.Test;

/**
 * A data directory written by the H2 the service shipped with until December 2026 (2.2.224) still
 * opens, and is migrated on. The directory is made here as that version made it: with its own
 * driver (the jar from Maven Central, copied by the build), the migrations it shipped with (V1 to
 * V4) and a job stored in them. Then the current jar is started on it.
 */
class OldEmbeddedDatabaseIT {
  static final String OLD_H2 = "2.2.224";
  private static final String JOB = "0123456789abcdef01234567";

  @Test
  void aDataDirectoryWrittenByTheOldH2Opens() throws Exception {
    Path dir =
        Files.createDirectories(
            Path.of("target/it-data/old-h2-" + System.nanoTime()).toAbsolutePath());
    try (var target = TargetServer.start()) {
      writeWithOldH2(dir, target.url("/old"));

      String token = TestTokens.readWrite();
      try (var server =
          ServerProcess.start(
              "OldEmbeddedDatabaseIT", Map.of("JOBRUNNER_DATA_DIR", dir.toString()))) {
        Api api = server.api();
        JsonObject job = api.get(Api.PREFIX + "job-runner/" + JOB + ".json", token).json();
        assertEquals("written by H2 " + OLD_H2, job.getString("title"));
        assertEquals("[\"07:15\",\"19:45\"]", job.getJsonArray("schedulation").toString());
        assertEquals(
            1,
            api.get(Api.PREFIX + "job-runner/" + JOB + "/runs.json", token).json().getInt("count"));
        assertEquals("success", api.run(token, JOB).json().getString("status"));
        assertEquals(1, target.received("/old").size());
        api.createOk(
            token,
            "{\"title\":\"written now\",\"method\":\"GET\",\"url\":\"http://127.0.0.1:9/\"}");
        assertEquals(2, api.list(token).json().getInt("count"));
        // the migrated job's slots were counted by the migration: both have a timer, and its
        // delete takes them back
        assertTrue(
            Clock.await(
                Duration.ofSeconds(30),
                () -> !"never".equals(slotTimers(api).getString("last_reconciled"))),
            () -> slotTimers(api).toString());
        assertEquals("2", slotTimers(api).get("slot_timers").toString().replace("\"", ""));
        assertEquals(200, api.delete(token, JOB).status());
        assertEquals("0", slotTimers(api).get("slot_timers").toString().replace("\"", ""));
        String bundled = "(H2 " + Constants.VERSION_MAJOR + "." + Constants.VERSION_MINOR + ")";
        assertTrue(
            server.log().contains(bundled), "the server did not use the H2 it bundles " + bundled);
        server.stop();
      }
    }
  }

  private static JsonObject slotTimers(Api api) {
    return api.readiness("slot-timers");
  }

  /**
   * The schema as H2 2.2.224 wrote it (migrations V1 to V4, by Flyway through the old driver), and
   * one job.
   */
  private static void writeWithOldH2(Path dir, String url) throws Exception {
    URL jar = Path.of("target/old-h2/h2-" + OLD_H2 + ".jar").toUri().toURL();
    try (var loader = new URLClassLoader(new URL[] {jar}, ClassLoader.getPlatformClassLoader())) {
      DataSource old =
          (DataSource)
              loader.loadClass("org.h2.jdbcx.JdbcDataSource").getConstructor().newInstance();
      old.getClass()
          .getMethod("setURL", String.class)
          .invoke(old, DatabaseSettings.embedded(dir).url());
      old.getClass()
          .getMethod("setUser", String.class)
          .invoke(old, DatabaseSettings.embedded(dir).user());
      Flyway.configure()
          .dataSource(old)
          .locations("classpath:db/migration")
          .target("4")
          .load()
          .migrate();
      try (Connection db = old.getConnection();
          var sql = db.createStatement()) {
        assertEquals(OLD_H2, db.getMetaData().getDatabaseProductVersion().split(" ")[0]);
        sql.executeUpdate(
            "INSERT INTO job (id, title, method, url, created_at, version, active_since, created_by)"
                + " VALUES ('"
                + JOB
                + "', 'written by H2 "
                + OLD_H2
                + "', 'GET', '"
                + url
                + "', 1, 1, 1, 'old')");
        sql.executeUpdate(
            "INSERT INTO job_time (job_id, position, time_of_day) VALUES ('"
                + JOB
                + "', 0, '07:15'),"
                + " ('"
                + JOB
                + "', 1, '19:45')");
        sql.executeUpdate(
            "INSERT INTO job_run (id, job_id, trigger_kind, started_at, status)"
                + " VALUES ('aaaaaaaaaaaaaaaaaaaaaaaa', '"
                + JOB
                + "', 'MANUAL', 1, 'SUCCESS')");
      }
    }
  }
}
