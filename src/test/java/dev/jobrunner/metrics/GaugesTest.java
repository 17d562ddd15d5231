package dev.jobrunner.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.enterprise.concurrent.ManagedExecutorService;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The jobs gauges on a real (in-memory) H2 database with the service's tables. A job table that
 * reads slowly stands for a large one under load: its paused count outlasts what a scrape waits.
 */
public class GaugesTest {
  private final JdbcDataSource db = new JdbcDataSource();
  private final ExecutorService threads = Executors.newSingleThreadExecutor();
  private Connection keepsTheDatabase;

  /** Called by H2 for each job row read: a slow read of the job table. */
  public static int slowRow(int ms) throws InterruptedException {
    Thread.sleep(ms);
    return 0;
  }

  @BeforeEach
  void tables() throws SQLException {
    db.setURL("jdbc:h2:mem:gauges-" + System.nanoTime());
    keepsTheDatabase = db.getConnection();
    try (var s = keepsTheDatabase.createStatement()) {
      s.execute("CREATE TABLE job_run (id INT, retry_at BIGINT)");
      s.execute("INSERT INTO job_run VALUES (1, 5), (2, NULL)");
      s.execute("CREATE TABLE job_tally (stripe INT, created BIGINT, deleted BIGINT)");
      s.execute("INSERT INTO job_tally VALUES (0, 196, 1), (1, 5, 0)"); // 200 jobs
      s.execute("CREATE TABLE job_row (id INT, paused BOOLEAN, paused_reason VARCHAR(100))");
      s.execute(
          "INSERT INTO job_row VALUES (1, TRUE, 'Paused'), (2, TRUE, 'Auto-paused after 3"
              + " failures'), (3, TRUE, 'Auto-paused after 5 failures'), (4, FALSE, NULL)");
      s.execute("CREATE ALIAS SLOW_ROW FOR \"" + GaugesTest.class.getName() + ".slowRow\"");
      s.execute("CREATE TABLE read_ms (ms INT)");
      s.execute("INSERT INTO read_ms VALUES (0)");
      s.execute("INSERT INTO job_row SELECT X, FALSE, NULL FROM SYSTEM_RANGE(5, 200)");
      s.execute(
          "CREATE VIEW job AS SELECT id, CASE WHEN SLOW_ROW((SELECT ms FROM read_ms)) = 0"
              + " THEN paused ELSE FALSE END AS paused, paused_reason FROM job_row");
    }
  }

  @AfterEach
  void close() throws SQLException {
    threads.shutdownNow();
    keepsTheDatabase.close();
  }

  @Test
  void countsTheJobsByState() {
    Gauges gauges = gauges();

    assertEquals(197, gauges.activeJobs());
    assertEquals(1, gauges.pausedJobs());
    assertEquals(2, gauges.autoPausedJobs());
    assertEquals(1, gauges.retriesWaiting());
  }

  @Test
  void aCountTooSlowForTheScrapeGoesOnInTheBackground() throws SQLException {
    try (var s = keepsTheDatabase.createStatement()) {
      // 200 rows: 2.4 s, over the scrape's 1 s (H2 checks a query's time every 128 rows).
      s.execute("UPDATE read_ms SET ms = 12");
    }
    Gauges gauges = gauges();
    gauges.scrapeWaitSeconds = 1;

    Instant scraped = Instant.now();
    double first = gauges.pausedJobs();
    Duration scrape = Duration.between(scraped, Instant.now());

    assertTrue(Double.isNaN(first), "not counted yet: " + first);
    assertTrue(scrape.compareTo(Duration.ofMillis(2000)) < 0, "the scrape waited " + scrape);
    Instant deadline = Instant.now().plusSeconds(10);
    while (Double.isNaN(gauges.autoPausedJobs()) && Instant.now().isBefore(deadline)) {
      Thread.onSpinWait();
    }
    assertEquals(2, gauges.autoPausedJobs(), "counted in the background");
    assertEquals(1, gauges.pausedJobs());
    assertEquals(197, gauges.activeJobs());
  }

  @Test
  void aSlowCountIsDueAfterTwentyTimesItsDuration() {
    Instant at = Instant.parse("2026-12-04T12:00:00Z");
    var fast = new PausedJobs(at, Duration.ofMillis(40), 1, 0);
    var slow = new PausedJobs(at, Duration.ofSeconds(3), 1, 0);

    assertEquals(false, fast.due(at.plusMillis(4_999)));
    assertEquals(true, fast.due(at.plusSeconds(5)));
    assertEquals(false, slow.due(at.plusSeconds(59)));
    assertEquals(true, slow.due(at.plusSeconds(60)));
  }

  private Gauges gauges() {
    Gauges gauges = new Gauges();
    gauges.db = db;
    gauges.executor =
        (ManagedExecutorService)
            Proxy.newProxyInstance(
                getClass().getClassLoader(),
                new Class<?>[] {ManagedExecutorService.class},
                (proxy, method, args) -> {
                  if (method.getName().equals("execute")) {
                    threads.execute((Runnable) args[0]);
                    return null;
                  }
                  throw new UnsupportedOperationException(method.getName());
                });
    return gauges;
  }
}
