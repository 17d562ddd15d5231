package dev.jobrunner.scheduling.control;

import dev.jobrunner.delivery.control.CallOutcome;
import dev.jobrunner.delivery.control.CallStatus;
import dev.jobrunner.delivery.control.HttpCaller;
import dev.jobrunner.delivery.control.OutboundCall;
import dev.jobrunner.jobs.control.JobSecrets;
import dev.jobrunner.secrets.SecretKeyRing.SecretUnavailable;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Makes the calls of claimed occurrences off the timer thread, on a pool of
 * {@code jobrunner.delivery.concurrency} threads made by the container's thread factory: a burst queues
 * instead of exhausting threads or connections, and a slow target holds one worker, not the timer pool.
 */
@ApplicationScoped
public class Delivery {
  private static final Logger LOG = Logger.getLogger(Delivery.class.getName());

  @Resource ManagedThreadFactory threads;
  @Inject HttpCaller caller;
  @Inject RunRecorder recorder;
  @Inject JobSecrets secrets;
  @Inject ScheduleStore store;

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

  @PostConstruct
  void start() {
    workers =
        new ThreadPoolExecutor(concurrency, concurrency, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), threads);
    workers.allowCoreThreadTimeOut(true);
  }

  @PreDestroy
  void stop() {
    workers.shutdownNow();
  }

  /** Claimed calls waiting here for a free worker: the backlog (a metric and a readiness check). */
  public int backlog() {
    return workers.getQueue().size();
  }

  public void submit(List<Claim> claims) {
    for (Claim claim : claims) {
      workers.execute(() -> deliver(claim));
    }
  }

  private CallOutcome call(Claim claim) {
    OutboundCall call;
    try {
      call = claim.call(secrets);
    } catch (SecretUnavailable unavailable) {
      return CallOutcome.noAnswer(
          CallStatus.BLOCKED, 0, "blocked: the job's secrets cannot be decrypted (" + unavailable.getMessage() + ")");
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

  private void deliver(Claim claim) {
    try {
      if (!recorder.stillClaimed(claim.runId())) {
        return; // the job was deleted after the claim: its future calls stop at once
      }
      Instant started = Instant.now();
      CallOutcome outcome = call(claim);
      recorder.record(claim, started, outcome, decide(claim, outcome));
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Delivery of run " + claim.runId() + " failed", e);
    }
  }
}
