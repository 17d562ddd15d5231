package dev.jobrunner.scheduling.control;

import dev.jobrunner.delivery.control.CallOutcome;
import dev.jobrunner.delivery.control.HttpCaller;
import dev.jobrunner.runs.control.RunLog;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorDefinition;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Makes the calls of claimed occurrences off the timer thread. Each call runs on a virtual thread of a
 * managed executor; at most {@code jobrunner.delivery.concurrency} are on the wire at once, so a burst or a
 * slow target never exhausts threads, connections or the timer pool.
 */
@ApplicationScoped
@ManagedExecutorDefinition(name = Delivery.EXECUTOR, virtual = true)
public class Delivery {
  static final String EXECUTOR = "java:app/concurrent/delivery";
  private static final Logger LOG = Logger.getLogger(Delivery.class.getName());

  @Resource(lookup = EXECUTOR)
  ManagedExecutorService executor;

  @Inject HttpCaller caller;
  @Inject RunLog runs;

  @Inject
  @ConfigProperty(name = "jobrunner.delivery.concurrency", defaultValue = "64")
  int concurrency;

  private Semaphore onTheWire;

  @PostConstruct
  void init() {
    onTheWire = new Semaphore(concurrency);
  }

  public void submit(List<Claim> claims) {
    for (Claim claim : claims) {
      executor.execute(() -> deliver(claim));
    }
  }

  private void deliver(Claim claim) {
    try {
      onTheWire.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    try {
      if (!runs.markStarted(claim.runId(), Instant.now())) {
        return; // the job was deleted after the claim: its future calls stop at once
      }
      CallOutcome outcome = caller.call(claim.call());
      runs.finish(claim.runId(), outcome);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Delivery of run " + claim.runId() + " failed", e);
    } finally {
      onTheWire.release();
    }
  }
}
