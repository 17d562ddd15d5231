package dev.jobrunner.scheduling.control;

import dev.jobrunner.delivery.control.CallOutcome;
import dev.jobrunner.delivery.control.HttpCaller;
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

  public void submit(List<Claim> claims) {
    for (Claim claim : claims) {
      workers.execute(() -> deliver(claim));
    }
  }

  private void deliver(Claim claim) {
    try {
      if (!recorder.stillClaimed(claim.runId())) {
        return; // the job was deleted after the claim: its future calls stop at once
      }
      Instant started = Instant.now();
      CallOutcome outcome = caller.call(claim.call());
      recorder.record(claim.runId(), started, outcome);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Delivery of run " + claim.runId() + " failed", e);
    }
  }
}
