package dev.jobrunner.scheduling.control;

import dev.jobrunner.delivery.control.CallOutcome;
import dev.jobrunner.runs.entity.JobRun;
import dev.jobrunner.runs.entity.RunStatus;
import dev.jobrunner.storage.JobRunnerDataSource;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Writes the outcomes of scheduled calls with group commit: whichever delivery thread finds no write in
 * progress writes everything queued so far in one batch, so a burst of 10,000 calls costs a few dozen
 * commits instead of 10,000. An outcome lost to a crash leaves its run {@code running}, and the sweep then
 * marks it {@code interrupted}: never silently gone.
 */
@ApplicationScoped
public class RunRecorder {
  private static final Logger LOG = Logger.getLogger(RunRecorder.class.getName());
  private static final String FINISH =
      "UPDATE job_run SET started_at = ?, ms = ?, status = ?, status_line = ?, response_snippet = ?, error = ?"
          + " WHERE id = ?";

  @Resource(lookup = JobRunnerDataSource.JNDI_NAME)
  DataSource db;

  private record Finished(String runId, Instant startedAt, CallOutcome outcome) {}

  private final Queue<Finished> pending = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean writing = new AtomicBoolean();

  /** Whether the claimed run still exists: false once its job was deleted, and then it must not be called. */
  public boolean stillClaimed(String runId) {
    try (Connection c = db.getConnection();
        var query = c.prepareStatement("SELECT 1 FROM job_run WHERE id = ?")) {
      query.setString(1, runId);
      try (var row = query.executeQuery()) {
        return row.next();
      }
    } catch (SQLException e) {
      throw new IllegalStateException("checking a claim failed", e);
    }
  }

  public void record(String runId, Instant startedAt, CallOutcome outcome) {
    pending.add(new Finished(runId, startedAt, outcome));
    while (!pending.isEmpty() && writing.compareAndSet(false, true)) {
      try {
        writeQueued();
      } finally {
        writing.set(false);
      }
    }
  }

  private void writeQueued() {
    List<Finished> batch = new ArrayList<>();
    for (Finished next; (next = pending.poll()) != null; ) {
      batch.add(next);
    }
    if (batch.isEmpty()) {
      return;
    }
    try (Connection c = db.getConnection()) {
      c.setAutoCommit(false);
      try (var update = c.prepareStatement(FINISH)) {
        for (Finished f : batch) {
          CallOutcome o = f.outcome();
          update.setLong(1, f.startedAt().toEpochMilli());
          update.setDouble(2, o.ms());
          update.setString(3, RunStatus.of(o.status()).name());
          update.setString(4, JobRun.clip(o.statusLine(), JobRun.STATUS_LINE_CHARS));
          update.setString(5, JobRun.clip(o.response(), JobRun.SNIPPET_CHARS));
          update.setString(6, JobRun.clip(o.reason(), JobRun.ERROR_CHARS));
          update.setString(7, f.runId());
          update.addBatch();
        }
        update.executeBatch();
      }
      c.commit();
    } catch (SQLException e) {
      LOG.log(Level.WARNING, batch.size() + " run outcomes not written; the sweep will mark them interrupted", e);
    }
  }
}
