package dev.jobrunner.scheduling.control;

import dev.jobrunner.api.RandomId;
import dev.jobrunner.audit.Actor;
import dev.jobrunner.audit.AuditAction;
import dev.jobrunner.delivery.control.CallOutcome;
import dev.jobrunner.delivery.control.CallStatus;
import dev.jobrunner.events.JobAutoPaused;
import dev.jobrunner.events.RunEnded;
import dev.jobrunner.runs.entity.JobRun;
import dev.jobrunner.runs.entity.RunStatus;
import dev.jobrunner.storage.JobRunnerDataSource;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Writes the outcomes of scheduled attempts in batches: the {@link Sender}'s loop writes everything
 * ended since its last write in the same transaction as its next take, so a burst of 10,000 calls
 * costs a few hundred commits, not 20,000. With an attempt's outcome go its consequences: the retry
 * time (the run keeps its job's in-flight slot while it waits), or, for an occurrence's final
 * outcome, the job's count of consecutive failures and the auto-pause it may trigger.
 *
 * <p>An outcome that cannot be written (the database is unreachable) is kept and written later, by
 * the next write or by {@link #flush()} every second; the delivery threads never wait for the
 * database. Each sender's worker place comes back only once its outcome is written, so what is kept
 * is bounded by the delivery concurrency. An outcome is written only onto a run still {@code
 * running}: a run that was settled meanwhile as its sender's (this instance, silent too long, was
 * declared dead) keeps that settlement.
 *
 * <p>What follows a written outcome for metrics, run log lines and alerts is told on a thread of
 * its own, in order, so the sender's loop is not held by it: in a burst on PostgreSQL, telling the
 * outcomes one by one in the loop took about half of its time.
 */
@ApplicationScoped
public class RunRecorder {
  private static final Logger LOG = Logger.getLogger(RunRecorder.class.getName());

  /**
   * {@code status || ''}: a condition no index serves, so the run is found by its key. With {@code
   * status = 'RUNNING'} PostgreSQL chose the status index whenever its statistics said few runs
   * were running, and in a burst read every running run for each outcome (465-540 calls/s against
   * 1,800).
   */
  static final String FINISH =
      "UPDATE job_run SET started_at = ?, ms = ?, status = ?, status_line = ?, response_snippet = ?, error = ?,"
          + " retry_at = ?, in_flight = ? WHERE id = ? AND status || '' = 'RUNNING'";

  private static final String COUNT_FAILURE =
      "UPDATE job SET consecutive_failures = consecutive_failures + 1 WHERE id = ?";
  private static final String RESET_FAILURES =
      "UPDATE job SET consecutive_failures = 0 WHERE id = ? AND consecutive_failures <> 0";
  private static final String AUTO_PAUSE =
      "UPDATE job SET paused = TRUE, paused_reason = ?, paused_at = ?, updated_at = ?, updated_by = ?,"
          + " version = version + 1"
          + " WHERE id = ? AND paused = FALSE AND COALESCE(auto_pause_after, ?) > 0"
          + " AND consecutive_failures >= COALESCE(auto_pause_after, ?)";
  private static final String AUDIT =
      "INSERT INTO audit_event (id, at, actor, action, target_kind, target_id, detail) VALUES (?, ?, ?, ?, ?, ?, ?)";

  @Resource(lookup = JobRunnerDataSource.JNDI_NAME)
  DataSource db;

  @Resource ManagedThreadFactory threads;

  /**
   * Consecutive failed occurrences after which a job pauses itself, unless it sets its own; 0:
   * never.
   */
  @Inject
  @ConfigProperty(name = "jobrunner.auto-pause-after", defaultValue = "10")
  int autoPauseAfter;

  /**
   * One ended attempt and what follows from it; {@code whenWritten} runs once its outcome is in the
   * database (or the run had been settled meanwhile).
   */
  record Finished(
      Claim claim,
      Instant startedAt,
      CallOutcome outcome,
      RetryPolicy.Decision decision,
      Runnable whenWritten) {
    boolean finalFailure() {
      return outcome.status() != CallStatus.SUCCESS && decision.retryAt().isEmpty();
    }
  }

  /** Rows per transaction when catching up. */
  private static final int BATCH = 1_000;

  /** Told after each batch commits: metrics, run log lines, alerts. */
  @Inject Event<RunEnded> runEnded;

  @Inject Event<JobAutoPaused> autoPaused;

  private final Queue<Finished> pending = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean writing = new AtomicBoolean();
  private volatile boolean failing;

  /** Outcomes waiting to be told, at most this many; then the writer waits. */
  private static final int UNTOLD_LIMIT = 20_000;

  private OutcomeTeller teller;

  @PostConstruct
  void start() {
    teller =
        new OutcomeTeller(
            task -> {
              Thread thread = threads.newThread(task);
              thread.setName("job-runner-outcomes");
              return thread;
            },
            UNTOLD_LIMIT);
  }

  @PreDestroy
  void stop() {
    told(Duration.ofSeconds(2));
  }

  /**
   * Waits up to {@code wait} for the written outcomes to be told, taking no more (later ones are
   * told at once by their writer); true when they all were. At a clean stop, after the last
   * outcomes are written.
   */
  public boolean told(Duration wait) {
    return teller.close(wait);
  }

  /**
   * Queues an attempt's outcome for the next write; {@code whenWritten} runs after that commit
   * (until then the run is still sending in the database). The {@link Sender}'s loop writes it,
   * together with its next take.
   */
  public void record(
      Claim claim,
      Instant startedAt,
      CallOutcome outcome,
      RetryPolicy.Decision decision,
      Runnable whenWritten) {
    pending.add(new Finished(claim, startedAt, outcome, decision, whenWritten));
  }

  /**
   * Writes what is kept, in a transaction of its own, unless a write is under way; true when
   * nothing is left to write. Called every second (a loop that failed tries again), and at a clean
   * stop, once the sender's loop has ended.
   */
  public boolean flush() {
    while (!pending.isEmpty()) {
      Optional<Batch> batch = open();
      if (batch.isEmpty()) {
        break;
      }
      try (Connection c = db.getConnection()) {
        c.setAutoCommit(false);
        writeIn(c, batch.get());
        c.commit();
      } catch (SQLException | RuntimeException e) {
        failed(batch.get(), e);
        break;
      }
      committed(batch.get());
    }
    return pending.isEmpty();
  }

  /** Outcomes waiting to be written. */
  public int unwritten() {
    return pending.size();
  }

  /**
   * Outcomes taken for one write, in one transaction of the caller's. Only one batch is open at a
   * time, so a run's outcome is written once; the caller ends it with {@link #committed} or {@link
   * #failed}.
   */
  public static final class Batch {
    private final List<Finished> outcomes;
    private List<Finished> written = List.of();
    private List<Finished> paused = List.of();

    private Batch(List<Finished> outcomes) {
      this.outcomes = outcomes;
    }

    public int size() {
      return outcomes.size();
    }
  }

  /** Up to {@value #BATCH} kept outcomes, or nothing when another write is under way. */
  public Optional<Batch> open() {
    if (!writing.compareAndSet(false, true)) {
      return Optional.empty();
    }
    List<Finished> outcomes = new ArrayList<>();
    for (Finished next; outcomes.size() < BATCH && (next = pending.poll()) != null; ) {
      outcomes.add(next);
    }
    return Optional.of(new Batch(outcomes));
  }

  /** Writes the batch's outcomes and their consequences in {@code c}'s transaction. */
  public void writeIn(Connection c, Batch batch) throws SQLException {
    if (!batch.outcomes.isEmpty()) {
      batch.written = finish(c, batch.outcomes);
      batch.paused = countFailures(c, batch.written);
    }
  }

  /** After the commit: the workers' places come back, and the outcomes are to be told. */
  public void committed(Batch batch) {
    writing.set(false);
    if (failing && !batch.outcomes.isEmpty()) {
      failing = false;
      LOG.info("Run outcomes are written again");
    }
    batch.outcomes.forEach(f -> f.whenWritten().run());
    if (!batch.written.isEmpty() || !batch.paused.isEmpty()) {
      teller.tell(batch.written.size(), () -> tell(batch.written, batch.paused));
    }
  }

  private void tell(List<Finished> written, List<Finished> paused) {
    try {
      announce(written, paused);
    } catch (RuntimeException e) {
      // Metrics, log lines and alerts only: the outcomes are written, the sender goes on.
      LOG.log(Level.WARNING, "Telling of " + written.size() + " outcomes failed", e);
    }
  }

  /** The transaction failed (the database is unreachable?): the outcomes are kept for later. */
  public void failed(Batch batch, Exception e) {
    pending.addAll(batch.outcomes);
    writing.set(false);
    if (!failing && !batch.outcomes.isEmpty()) {
      failing = true;
      LOG.log(
          Level.WARNING,
          batch.size() + " run outcomes could not be written; kept and retried every second",
          e);
    }
  }

  private void announce(List<Finished> batch, List<Finished> paused) {
    for (Finished f : batch) {
      CallOutcome o = f.outcome();
      runEnded.fire(
          RunEnded.called(
              f.claim().job().jobId(),
              f.claim().runId(),
              f.claim().scheduledAt(),
              f.claim().attempt(),
              f.startedAt(),
              RunStatus.of(o.status()),
              o.ms(),
              f.decision().retryAt(),
              f.claim().job().consecutiveFailures(),
              o.statusLine() != null ? o.statusLine() : o.reason()));
    }
    Instant now = Instant.now();
    paused.forEach(
        f -> autoPaused.fire(new JobAutoPaused(f.claim().job().jobId(), pauseReason(f), now)));
  }

  /**
   * Writes the outcomes; returns those whose run was still running (the others were settled
   * meanwhile).
   */
  private static List<Finished> finish(Connection c, List<Finished> batch) throws SQLException {
    try (var update = c.prepareStatement(FINISH)) {
      for (Finished f : batch) {
        CallOutcome o = f.outcome();
        Optional<Instant> retryAt = f.decision().retryAt();
        update.setLong(1, f.startedAt().toEpochMilli());
        update.setDouble(2, o.ms());
        update.setString(3, RunStatus.of(o.status()).name());
        update.setString(4, JobRun.clip(o.statusLine(), JobRun.STATUS_LINE_CHARS));
        update.setString(5, JobRun.clip(o.response(), JobRun.SNIPPET_CHARS));
        update.setString(
            6, JobRun.clip(error(o.reason(), f.decision().note()), JobRun.ERROR_CHARS));
        if (retryAt.isPresent()) {
          update.setLong(7, retryAt.get().toEpochMilli());
        } else {
          update.setNull(7, Types.BIGINT);
        }
        // A run waiting for its retry is still in flight: an overlapping occurrence is skipped
        // meanwhile.
        boolean holdsSlot = retryAt.isPresent() && f.claim().job().skipsOverlap();
        if (holdsSlot) {
          update.setString(8, f.claim().job().jobId());
        } else {
          update.setNull(8, Types.VARCHAR);
        }
        update.setString(9, f.claim().runId());
        update.addBatch();
      }
      int[] updated = update.executeBatch();
      List<Finished> written = new ArrayList<>();
      for (int i = 0; i < updated.length; i++) {
        if (updated[i] > 0 || updated[i] == java.sql.Statement.SUCCESS_NO_INFO) {
          written.add(batch.get(i));
        }
      }
      return written;
    }
  }

  private static String error(String reason, String note) {
    if (note == null) {
      return reason;
    }
    return reason == null ? note : reason + ". " + note;
  }

  /**
   * Final outcomes move the job's failure count; enough failures in a row pause it. Returns those
   * paused.
   */
  private List<Finished> countFailures(Connection c, List<Finished> batch) throws SQLException {
    List<Finished> failed = batch.stream().filter(Finished::finalFailure).toList();
    List<Finished> succeeded =
        batch.stream()
            .filter(
                f ->
                    f.outcome().status() == CallStatus.SUCCESS
                        && f.claim().job().consecutiveFailures() > 0)
            .toList();
    byJob(c, RESET_FAILURES, succeeded);
    List<Finished> autoPausedNow = new ArrayList<>();
    if (failed.isEmpty()) {
      return autoPausedNow;
    }
    byJob(c, COUNT_FAILURE, failed);
    long now = Instant.now().toEpochMilli();
    try (var pause = c.prepareStatement(AUTO_PAUSE)) {
      for (Finished f : failed) {
        pause.setString(1, JobRun.clip(pauseReason(f), 600));
        pause.setLong(2, now);
        pause.setLong(3, now);
        pause.setString(4, Actor.SYSTEM.name());
        pause.setString(5, f.claim().job().jobId());
        pause.setInt(6, autoPauseAfter);
        pause.setInt(7, autoPauseAfter);
        pause.addBatch();
      }
      int[] paused = pause.executeBatch();
      try (var audit = c.prepareStatement(AUDIT)) {
        for (int i = 0; i < paused.length; i++) {
          if (paused[i] > 0) {
            Finished f = failed.get(i);
            audit.setString(1, RandomId.next());
            audit.setLong(2, now);
            audit.setString(3, Actor.SYSTEM.name());
            audit.setString(4, AuditAction.JOB_AUTO_PAUSED.word());
            audit.setString(5, AuditAction.JOB_AUTO_PAUSED.targetKind());
            audit.setString(6, f.claim().job().jobId());
            audit.setString(7, JobRun.clip(pauseReason(f), 500));
            audit.addBatch();
            autoPausedNow.add(f);
            LOG.warning("Job " + f.claim().job().jobId() + " auto-paused: " + pauseReason(f));
          }
        }
        audit.executeBatch();
      }
    }
    return autoPausedNow;
  }

  private String pauseReason(Finished f) {
    Integer own = f.claim().job().delivery().autoPauseAfter();
    int limit = own == null ? autoPauseAfter : own;
    CallOutcome o = f.outcome();
    String last = o.statusLine() != null ? o.statusLine() : o.reason();
    return "Auto-paused after "
        + limit
        + " consecutive failed runs; last: "
        + o.status().word()
        + " ("
        + last
        + ")";
  }

  private static void byJob(Connection c, String sql, List<Finished> finished) throws SQLException {
    if (finished.isEmpty()) {
      return;
    }
    try (PreparedStatement update = c.prepareStatement(sql)) {
      for (Finished f : finished) {
        update.setString(1, f.claim().job().jobId());
        update.addBatch();
      }
      update.executeBatch();
    }
  }
}
