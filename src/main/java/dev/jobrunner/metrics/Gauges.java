package dev.jobrunner.metrics;

import dev.jobrunner.delivery.control.HttpCaller;
import dev.jobrunner.scheduling.boundary.SlotTimers;
import dev.jobrunner.scheduling.control.SendQueue;
import dev.jobrunner.storage.JobRunnerDataSource;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * What the gauges read when scraped. This instance's own state (backlog, calls in flight, slot
 * timers) is read as is; the database's (retries waiting, jobs by state, the same on every
 * instance) at most every few seconds, whatever the number of scrapers, and as NaN while the
 * database does not answer. The jobs come from the job tally (a few rows); only the paused ones are
 * counted by reading every job, and when that count takes longer than a scrape should wait it goes
 * on in the background while the last count stands.
 */
@ApplicationScoped
public class Gauges {
  private static final Logger LOG = Logger.getLogger(Gauges.class.getName());
  private static final Duration FRESH_FOR = Duration.ofSeconds(5);
  private static final String AUTO_PAUSED = "Auto-paused%";

  /** The longest a paused count taken off the scrape may take. */
  private static final int BACKGROUND_COUNT_SECONDS = 120;

  @Inject SendQueue queue;
  @Inject HttpCaller caller;
  @EJB SlotTimers slotTimers;

  @Resource(lookup = JobRunnerDataSource.JNDI_NAME)
  DataSource db;

  @Resource ManagedExecutorService executor;

  /** The longest a scrape waits for a count. */
  int scrapeWaitSeconds = 2;

  /** Counts read from the database at {@code at}. */
  record Stored(Instant at, double retriesWaiting, double jobs) {
    static final Stored UNKNOWN = new Stored(Instant.EPOCH, Double.NaN, Double.NaN);
  }

  private volatile Stored stored = Stored.UNKNOWN;
  private volatile PausedJobs paused = PausedJobs.UNKNOWN;
  private final AtomicBoolean countingInBackground = new AtomicBoolean();

  /** The queue in the database; unknown (NaN) while the database does not answer. */
  public double backlog() {
    try {
      return queue.backlog();
    } catch (RuntimeException unreachable) {
      return Double.NaN;
    }
  }

  public double callsInFlight() {
    return caller.inFlight();
  }

  public double slotTimers() {
    return slotTimers.slotTimerCount();
  }

  public double retriesWaiting() {
    return stored().retriesWaiting();
  }

  public double activeJobs() {
    return stored().jobs() - paused().all();
  }

  public double pausedJobs() {
    return paused().byPerson();
  }

  public double autoPausedJobs() {
    return paused().auto();
  }

  private Stored stored() {
    Stored last = stored;
    if (Duration.between(last.at(), Instant.now()).compareTo(FRESH_FOR) < 0) {
      return last;
    }
    synchronized (this) {
      if (stored == last) {
        stored = read();
      }
      return stored;
    }
  }

  private Stored read() {
    try (Connection c = db.getConnection();
        var retries =
            c.prepareStatement("SELECT COUNT(*) FROM job_run WHERE retry_at IS NOT NULL");
        var tally = c.prepareStatement("SELECT SUM(created) - SUM(deleted) FROM job_tally")) {
      retries.setQueryTimeout(scrapeWaitSeconds);
      tally.setQueryTimeout(scrapeWaitSeconds);
      return new Stored(Instant.now(), single(retries), single(tally));
    } catch (SQLException | RuntimeException e) {
      LOG.log(Level.FINE, "Reading the stored counts for metrics failed", e);
      return new Stored(Instant.now(), Double.NaN, Double.NaN);
    }
  }

  private PausedJobs paused() {
    PausedJobs last = paused;
    if (!last.due(Instant.now()) || countingInBackground.get()) {
      return last;
    }
    synchronized (this) {
      if (paused != last || countingInBackground.get()) {
        return paused;
      }
      if (last.took().compareTo(Duration.ofSeconds(scrapeWaitSeconds)) >= 0
          && countInBackground()) {
        return last; // slow last time: no scrape waits for it again
      }
      try {
        paused = countPaused(scrapeWaitSeconds);
      } catch (SQLException failed) {
        if (!tooSlow(failed) || !countInBackground()) {
          paused = unknown(failed);
        }
      } catch (RuntimeException unreachable) {
        paused = unknown(unreachable);
      }
      return paused;
    }
  }

  /** Whether a count could start off the scrape; the last count stands meanwhile. */
  private boolean countInBackground() {
    countingInBackground.set(true);
    try {
      executor.execute(
          () -> {
            try {
              paused = countPaused(BACKGROUND_COUNT_SECONDS);
            } catch (SQLException | RuntimeException e) {
              paused = unknown(e);
            } finally {
              countingInBackground.set(false);
            }
          });
      return true;
    } catch (RuntimeException refused) {
      countingInBackground.set(false);
      return false;
    }
  }

  private PausedJobs countPaused(int timeoutSeconds) throws SQLException {
    long started = System.nanoTime();
    try (Connection c = db.getConnection();
        var count =
            c.prepareStatement(
                "SELECT COUNT(*), SUM(CASE WHEN paused_reason LIKE ? THEN 1 ELSE 0 END) FROM job"
                    + " WHERE paused = TRUE")) {
      count.setQueryTimeout(timeoutSeconds);
      count.setString(1, AUTO_PAUSED);
      try (var row = count.executeQuery()) {
        row.next();
        return new PausedJobs(
            Instant.now(),
            Duration.ofNanos(System.nanoTime() - started),
            row.getLong(1),
            row.getLong(2));
      }
    }
  }

  private static PausedJobs unknown(Exception failure) {
    LOG.log(Level.FINE, "Counting the paused jobs for metrics failed", failure);
    return PausedJobs.unknownAt(Instant.now());
  }

  /** A query cancelled at its timeout (SQL state 57014 on PostgreSQL and H2). */
  private static boolean tooSlow(SQLException e) {
    return e instanceof SQLTimeoutException || "57014".equals(e.getSQLState());
  }

  private static double single(PreparedStatement query) throws SQLException {
    try (var row = query.executeQuery()) {
      row.next();
      return row.getLong(1);
    }
  }
}
