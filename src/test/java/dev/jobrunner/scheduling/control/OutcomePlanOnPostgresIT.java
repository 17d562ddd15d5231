package dev.jobrunner.scheduling.control;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jobrunner.testing.PrivatePostgres;
import java.sql.Connection;
import java.sql.SQLException;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL finds the run an outcome is written onto by its key, whatever its statistics say of
 * the runs' statuses. Analysed while no run is running, as between bursts, it took the status index
 * for {@code status = 'RUNNING'}, and then read every running run of the next burst for each
 * outcome: a burst drained at under a third of its speed.
 */
class OutcomePlanOnPostgresIT {
  @Test
  void anOutcomeFindsItsRunByKey() throws SQLException {
    Assumptions.assumeTrue(PrivatePostgres.available(), "PostgreSQL is not installed");
    try (var pg = PrivatePostgres.start();
        Connection db = pg.connect()) {
      Flyway.configure()
          .dataSource(pg.url(), "postgres", "")
          .locations("classpath:db/migration")
          .load()
          .migrate();
      try (var sql = db.createStatement()) {
        sql.executeUpdate(
            "INSERT INTO job (id, title, method, url, created_at, version, active_since, created_by)"
                + " VALUES ('job', 'plan', 'GET', 'http://127.0.0.1:9/', 0, 1, 0, 'test')");
        sql.executeUpdate(
            "INSERT INTO job_run (id, job_id, trigger_kind, scheduled_at, attempt, started_at, status)"
                + " SELECT 'run' || n, 'job', 'SCHEDULE', n, 1, n, 'SUCCESS'"
                + " FROM generate_series(1, 20000) AS n");
        sql.executeUpdate("UPDATE job_run SET status = 'RUNNING' WHERE id = 'run1'");
        sql.execute("ANALYZE job_run");
      }
      String plan = explain(db, RunRecorder.FINISH);
      assertTrue(plan.contains("job_run_pkey"), plan);
    }
  }

  /** The generic plan, the one a prepared statement settles on after a few executions. */
  private static String explain(Connection db, String statement) throws SQLException {
    String numbered = statement;
    for (int i = 1; numbered.contains("?"); i++) {
      numbered = numbered.replaceFirst("\\?", "\\$" + i);
    }
    StringBuilder plan = new StringBuilder();
    try (var sql = db.createStatement()) {
      sql.execute("SET plan_cache_mode = force_generic_plan");
      sql.execute("PREPARE finish AS " + numbered);
      try (var rows =
          sql.executeQuery(
              "EXPLAIN EXECUTE finish (0, 0, 'SUCCESS', NULL, NULL, NULL, NULL, NULL, 'run1')")) {
        while (rows.next()) {
          plan.append(rows.getString(1)).append('\n');
        }
      }
    }
    return plan.toString();
  }
}
