package dev.jobrunner.scheduling.control;

import dev.jobrunner.cluster.control.ThisInstance;
import dev.jobrunner.delivery.control.CallOutcome;
import dev.jobrunner.delivery.control.CallStatus;
import dev.jobrunner.delivery.control.HttpCaller;
import dev.jobrunner.delivery.control.OutboundCall;
import dev.jobrunner.jobs.control.JobSecrets;
import dev.jobrunner.secrets.SecretKeyRing.SecretUnavailable;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Sends the queued calls: one taker thread takes from the {@link SendQueue} as many runs as there
 * are free workers, marked as sending in one statement, and hands them to {@code
 * jobrunner.delivery.concurrency} workers (threads from the container's factory). So at most that
 * many calls are ever marked as sending and not yet ended, which bounds what a crash can leave in
 * doubt; the rest of a burst waits in the database, where any instance can send it. A clean stop
 * takes no more, lets the calls on the wire end within the drain time, and leaves the queue to the
 * other instances or the next start.
 */
@ApplicationScoped
public class Sender {
  private static final Logger LOG = Logger.getLogger(Sender.class.getName());

  /** How long the taker waits for work when the queue was empty, unless woken by a claim. */
  private static final long IDLE_POLL_MS = 500;

  /** How long it waits after a failed take (the database is unreachable) before the next. */
  private static final long FAILED_TAKE_PAUSE_MS = 500;

  @Resource ManagedThreadFactory threads;
  @Inject SendQueue queue;
  @Inject HttpCaller caller;
  @Inject RunRecorder recorder;
  @Inject JobSecrets secrets;
  @Inject ScheduleStore store;
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
  private Thread taker;
  private final Object work = new Object();
  private boolean woken;
  private volatile boolean stopping;

  @PostConstruct
  void start() {
    freeWorkers = new Semaphore(concurrency);
    workers =
        new ThreadPoolExecutor(
            concurrency, concurrency, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), threads);
    workers.allowCoreThreadTimeOut(true);
    taker = threads.newThread(this::takeWhileRunning);
    taker.setName("job-runner-taker");
    taker.start();
  }

  /** There may be new work in the queue: take it now rather than at the next poll. */
  public void wake() {
    synchronized (work) {
      woken = true;
      work.notifyAll();
    }
  }

  /** Runs marked as sending here whose outcome is not yet written. */
  public int inFlight() {
    return concurrency - freeWorkers.availablePermits();
  }

  /**
   * A clean stop: no more taking; the calls on the wire may end until {@code drain} has passed.
   * Returns whether they all did. Those still running are abandoned: their runs stay sending, and
   * are settled as an instance's that is gone (re-sent or interrupted, by their job's delivery
   * guarantee).
   */
  public boolean drain(Duration drain) {
    stopping = true;
    taker.interrupt();
    try {
      // A take under way finishes and hands its batch to the workers before they stop accepting.
      taker.join(TimeUnit.SECONDS.toMillis(5));
      workers.shutdown();
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
      return ended;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      workers.shutdownNow();
      return false;
    }
  }

  @PreDestroy
  void stop() {
    stopping = true;
    taker.interrupt();
    workers.shutdownNow();
  }

  private void takeWhileRunning() {
    boolean failing = false;
    while (!stopping) {
      try {
        int free = awaitFreeWorkers();
        List<Claim> taken;
        try {
          taken = queue.take(instance.id(), free);
        } catch (RuntimeException e) {
          freeWorkers.release(free);
          if (!failing) {
            LOG.log(
                Level.WARNING, "Taking queued calls failed (database unreachable?); retrying", e);
            failing = true;
          }
          Thread.sleep(FAILED_TAKE_PAUSE_MS);
          continue;
        }
        if (failing) {
          LOG.info("Taking queued calls works again");
          failing = false;
        }
        freeWorkers.release(free - taken.size());
        for (Claim claim : taken) {
          workers.execute(() -> deliverThenFree(claim));
        }
        if (taken.size() < free) {
          awaitWork();
        }
      } catch (InterruptedException stopped) {
        return;
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "The taker hit an unexpected failure; it goes on", e);
      }
    }
  }

  /** Blocks until a worker is free, then takes every free one (at least one). */
  private int awaitFreeWorkers() throws InterruptedException {
    freeWorkers.acquire();
    return 1 + freeWorkers.drainPermits();
  }

  private void awaitWork() throws InterruptedException {
    synchronized (work) {
      if (!woken) {
        work.wait(IDLE_POLL_MS);
      }
      woken = false;
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
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Delivery of run " + claim.runId() + " failed", e);
      freeWorkers.release();
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
