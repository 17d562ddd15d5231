package dev.jobrunner.metrics;

import dev.jobrunner.delivery.control.HttpCaller;
import dev.jobrunner.scheduling.boundary.SlotTimers;
import dev.jobrunner.scheduling.control.SendQueue;
import dev.jobrunner.storage.JobRunnerDataSource;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * What the gauges read when scraped. This instance's own state (backlog, calls in flight, slot
 * timers) is read as is; the database's (retries waiting, jobs by state, the same on every
 * instance) at most every few seconds, whatever the number of scrapers, and as NaN while the
 * database does not answer.
 */
@ApplicationScoped
public class Gauges {
  private static final Logger LOG = Logger.getLogger(Gauges.class.getName());
  private static final Duration FRESH_FOR = Duration.ofSeconds(5);
  private static final String AUTO_PAUSED = "Auto-paused%";

  @Inject SendQueue queue;
  @Inject HttpCaller caller;
  @Inject SlotTimers slotTimers;

  @Resource(lookup = JobRunnerDataSource.JNDI_NAME)
  DataSource db;

  /** Counts read from the database at {@code at}. */
  record Stored(
      Instant at, double retriesWaiting, double active, double paused, double autoPaused) {
    static final Stored UNKNOWN =
        new Stored(Instant.EPOCH, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
  }

  private volatile Stored stored = Stored.UNKNOWN;

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
    return stored().active();
  }

  public double pausedJobs() {
    return stored().paused();
  }

  public double autoPausedJobs() {
    return stored().autoPaused();
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
    String jobs =
        "SELECT COUNT(*), SUM(CASE WHEN paused THEN 1 ELSE 0 END),"
            + " SUM(CASE WHEN paused AND paused_reason LIKE ? THEN 1 ELSE 0 END) FROM job";
    try (Connection c = db.getConnection();
        var retries =
            c.prepareStatement("SELECT COUNT(*) FROM job_run WHERE retry_at IS NOT NULL");
        var states = c.prepareStatement(jobs)) {
      retries.setQueryTimeout(2);
      states.setQueryTimeout(2);
      states.setString(1, AUTO_PAUSED);
      double waiting;
      try (var row = retries.executeQuery()) {
        row.next();
        waiting = row.getLong(1);
      }
      try (var row = states.executeQuery()) {
        row.next();
        long all = row.getLong(1);
        long paused = row.getLong(2);
        long auto = row.getLong(3);
        return new Stored(Instant.now(), waiting, all - paused, paused - auto, auto);
      }
    } catch (SQLException | RuntimeException e) {
      LOG.log(Level.FINE, "Reading the stored counts for metrics failed", e);
      return new Stored(Instant.now(), Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }
  }
}
