package dev.jobrunner.scheduling.control;

import dev.jobrunner.cluster.control.ThisInstance;
import dev.jobrunner.delivery.control.CallOutcome;
import dev.jobrunner.delivery.control.CallStatus;
import dev.jobrunner.delivery.control.HttpCaller;
import dev.jobrunner.delivery.control.OutboundCall;
import dev.jobrunner.jobs.control.JobSecrets;
import dev.jobrunner.secrets.SecretKeyRing.SecretUnavailable;
import dev.jobrunner.storage.JobRunnerDataSource;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Sends the queued calls. One loop thread does all the sending's writes: in one transaction it
 * writes the outcomes of the calls that ended since its last turn and takes from the {@link
 * SendQueue} as many runs as there are free workers (those outcomes' places included), marked as
 * sending; then it hands them to {@code jobrunner.delivery.concurrency} workers (threads from the
 * container's factory). One commit per turn, whatever it carries: under load a turn carries more,
 * not more turns. At most that many calls are ever marked as sending and not yet written, which
 * bounds what a crash can leave in doubt; the rest of a burst waits in the database, where any
 * instance can send it. A clean stop takes no more, lets the calls on the wire end within the drain
 * time, and leaves the queue to the other instances or the next start.
 */
@ApplicationScoped
public class Sender {
  private static final Logger LOG = Logger.getLogger(Sender.class.getName());

  /** How long the loop waits for work when the queue was empty, unless woken by a claim. */
  private static final long IDLE_POLL_MS = 500;

  /** How long it waits after a failed turn (the database is unreachable) before the next. */
  private static final long FAILED_TURN_PAUSE_MS = 500;

  @Resource ManagedThreadFactory threads;

  @Resource(lookup = JobRunnerDataSource.JNDI_NAME)
  DataSource db;

  @Inject SendQueue queue;
  @Inject HttpCaller caller;
  @Inject RunRecorder recorder;
  @Inject JobSecrets secrets;
  @EJB ScheduleStore store;
  @Inject ThisInstance instance;

  /** First retry wait (before jitter); each later one doubles, up to the maximum. */
  @Inject
  @ConfigProperty(name = "jobrunner.retry.base-delay-ms", defaultValue = "10000")
  long retryBaseMs;

  @Inject
  @ConfigProperty(name = "jobrunner.retry.max-delay-ms", defaultValue = "3600000")
  long retryMaxMs;

  @Inject
  @ConfigProperty(name = "jobrunner.delivery.concurrency", defaultValue = "64")
  int concurrency;

  private ThreadPoolExecutor workers;
  private Semaphore freeWorkers;
  private Thread loop;
  private final Object signal = new Object();

  /** How many times work was announced (a claim, the pulse). Guarded by {@code signal}. */
  private long wakes;

  /** {@code wakes} when a take last found the queue empty. Guarded by {@code signal}. */
  private long wakesWhenEmpty;

  /** Set when an outcome was kept. Guarded by {@code signal}. */
  private boolean outcomeKept;

  /** Held for a turn: a stop waits for the turn under way to hand its runs to the workers. */
  private final Object turn = new Object();

  private volatile boolean stopping;
  private volatile boolean closed;

  @PostConstruct
  void start() {
    freeWorkers = new Semaphore(concurrency);
    workers =
        new ThreadPoolExecutor(
            concurrency, concurrency, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), threads);
    workers.allowCoreThreadTimeOut(true);
    loop = threads.newThread(this::turnWhileOpen);
    loop.setName("job-runner-sender");
    loop.start();
  }

  /** There may be new work in the queue: take it now rather than at the next poll. */
  public void wake() {
    synchronized (signal) {
      wakes++;
      signal.notifyAll();
    }
  }

  /** What {@link #sendAtOnce} did: how many of the claims it tried, and how many it won. */
  public record Handed(int tried, int won) {}

  /**
   * An occurrence's first calls: as many of these as there are free workers are claimed as sending
   * here and called at once, skipping the queue (one transaction instead of a claim and a take, and
   * no wait for the loop). The rest, which it did not try, the caller queues.
   */
  public Handed sendAtOnce(List<Claim> claims) {
    synchronized (turn) { // a stop waits for this hand-off, as for a turn
      int places = stopping ? 0 : Math.min(claims.size(), freeWorkers.availablePermits());
      if (places == 0 || !freeWorkers.tryAcquire(places)) {
        return new Handed(0, 0);
      }
      List<Claim> won;
      try {
        won = store.claimToSend(claims.subList(0, places), instance.id());
      } catch (RuntimeException e) {
        freeWorkers.release(places);
        throw e;
      }
      freeWorkers.release(places - won.size());
      startCalls(won);
      return new Handed(places, won.size());
    }
  }

  /** Runs marked as sending here whose outcome is not yet written. */
  public int inFlight() {
    return concurrency - freeWorkers.availablePermits();
  }

  /**
   * A clean stop: no more taking; the calls on the wire may end until {@code drain} has passed,
   * their outcomes written as they end. Returns whether they all did. Those still running are
   * abandoned: their runs stay sending, and are settled as an instance's that is gone (re-sent or
   * interrupted, by their job's delivery guarantee).
   */
  public boolean drain(Duration drain) {
    stopping = true;
    synchronized (turn) {
      // A turn under way has handed its runs to the workers: they accept no more after this.
      workers.shutdown();
    }
    try {
      boolean ended = workers.awaitTermination(drain.toMillis(), TimeUnit.MILLISECONDS);
      if (!ended) {
        LOG.warning(
            () ->
                inFlight()
                    + " calls still on the wire after the drain time of "
                    + drain.toSeconds()
                    + " s are abandoned: their delivery guarantee decides what follows");
        workers.shutdownNow();
      }
      close();
      return ended;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      workers.shutdownNow();
      close();
      return false;
    }
  }

  @PreDestroy
  void stop() {
    stopping = true;
    close();
    workers.shutdownNow();
  }

  /**
   * Ends the loop after its turn under way; what it left unwritten, {@link RunRecorder} flushes.
   */
  private void close() {
    closed = true;
    synchronized (signal) {
      signal.notifyAll();
    }
    try {
      loop.join(TimeUnit.SECONDS.toMillis(5));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void turnWhileOpen() {
    boolean failing = false;
    while (!closed) {
      try {
        Look look = awaitWork();
        TurnEnd end;
        synchronized (turn) {
          end = turn(look, failing);
        }
        failing = end == TurnEnd.FAILED;
        if (failing) {
          Thread.sleep(FAILED_TURN_PAUSE_MS);
        } else if (end == TurnEnd.WRITER_BUSY) {
          Thread.sleep(1);
        }
      } catch (InterruptedException stopped) {
        return;
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "The sender hit an unexpected failure; it goes on", e);
      }
    }
  }

  /** What a turn is to do: read the queue or not, and the announcements seen so far. */
  private record Look(boolean mayTake, long wakes) {}

  private enum TurnEnd {
    DONE,
    /** The pulse was writing kept outcomes: their places come back as it commits. */
    WRITER_BUSY,
    /** The database refused the turn: the outcomes are kept, nothing was taken. */
    FAILED
  }

  /**
   * Waits until an outcome is kept, or, with a worker free, work is announced or the poll time has
   * passed (another instance's claims, retries).
   */
  private Look awaitWork() throws InterruptedException {
    synchronized (signal) {
      long seen = wakes;
      boolean mayHold = seen != wakesWhenEmpty;
      if (!outcomeKept && !(mayHold && freeWorkers.availablePermits() > 0) && !closed) {
        signal.wait(IDLE_POLL_MS);
        mayHold |= !outcomeKept && wakes == seen; // the poll: look anyway
      }
      mayHold |= wakes != wakesWhenEmpty;
      outcomeKept = false;
      return new Look(mayHold, wakes);
    }
  }

  /**
   * One turn: the kept outcomes written and, unless stopping, up to as many runs taken as workers
   * are then free, in one transaction.
   */
  private TurnEnd turn(Look look, boolean wasFailing) {
    Optional<RunRecorder.Batch> opened = recorder.open();
    if (opened.isEmpty()) {
      return TurnEnd.WRITER_BUSY;
    }
    RunRecorder.Batch batch = opened.get();
    int free = look.mayTake() && !stopping ? freeWorkers.availablePermits() + batch.size() : 0;
    if (batch.size() == 0 && free == 0) {
      recorder.committed(batch);
      return TurnEnd.DONE;
    }
    List<Claim> taken;
    try (Connection c = db.getConnection()) {
      c.setAutoCommit(false);
      try {
        recorder.writeIn(c, batch);
        taken = free > 0 ? queue.takeIn(c, instance.id(), free) : List.of();
        c.commit();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException | RuntimeException e) {
      recorder.failed(batch, e);
      if (!wasFailing) {
        LOG.log(Level.WARNING, "Sending failed (database unreachable?); retrying", e);
      }
      return TurnEnd.FAILED;
    }
    if (wasFailing) {
      LOG.info("Sending works again");
    }
    recorder.committed(batch); // the written outcomes' places come back
    if (free > 0) {
      synchronized (signal) {
        if (taken.size() < free) {
          wakesWhenEmpty = look.wakes(); // unless announced since, the queue is empty
        } else {
          wakes++; // it may hold more
        }
      }
    }
    freeWorkers.acquireUninterruptibly(taken.size());
    startCalls(taken);
    return TurnEnd.DONE;
  }

  /** Gives runs marked as sending here, whose places are held, to the workers. */
  private void startCalls(List<Claim> claims) {
    for (Claim claim : claims) {
      try {
        workers.execute(() -> deliverThenFree(claim));
      } catch (RejectedExecutionException stopped) {
        // Stopped without a drain: the run stays sending here, settled as a gone instance's.
        freeWorkers.release();
      }
    }
  }

  /**
   * The worker's place is given back once the outcome is written, not when the call ends: until
   * then the run is still sending in the database, and a crash would send it again. So no more than
   * {@code concurrency} runs of this instance are ever in doubt.
   */
  private void deliverThenFree(Claim claim) {
    try {
      Instant started = Instant.now();
      CallOutcome outcome = call(claim);
      recorder.record(claim, started, outcome, decide(claim, outcome), freeWorkers::release);
      outcomeKept();
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Delivery of run " + claim.runId() + " failed", e);
      freeWorkers.release();
    }
  }

  private void outcomeKept() {
    synchronized (signal) {
      outcomeKept = true;
      signal.notifyAll();
    }
  }

  private CallOutcome call(Claim claim) {
    OutboundCall call;
    try {
      call = claim.call(secrets);
    } catch (SecretUnavailable unavailable) {
      return CallOutcome.noAnswer(
          CallStatus.BLOCKED,
          0,
          "blocked: the job's secrets cannot be decrypted (" + unavailable.getMessage() + ")");
    }
    return caller.call(call);
  }

  private RetryPolicy.Decision decide(Claim claim, CallOutcome outcome) {
    int retries = claim.job().delivery().retries();
    Instant now = Instant.now();
    Optional<Instant> next = Optional.empty();
    if (RetryPolicy.retryable(outcome) && claim.attempt() <= retries) {
      next = Slot.nextOccurrences(store.slotsOf(claim.job().jobId()), now, 1).stream().findFirst();
    }
    var policy = new RetryPolicy(Duration.ofMillis(retryBaseMs), Duration.ofMillis(retryMaxMs));
    return policy.decide(outcome, claim.attempt(), retries, now, next, ThreadLocalRandom.current());
  }
}
