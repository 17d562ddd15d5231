package dev.jobrunner.scheduling.boundary;

import dev.jobrunner.cluster.control.InstanceRegistry;
import dev.jobrunner.cluster.control.OrphanedRuns;
import dev.jobrunner.cluster.control.ThisInstance;
import dev.jobrunner.logs.LastingLog;
import dev.jobrunner.scheduling.control.RunRecorder;
import dev.jobrunner.scheduling.control.Sender;
import jakarta.inject.Inject;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import java.time.Duration;
import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * A clean stop (SIGTERM, Ctrl-C, undeploy) loses nothing and doubles nothing. First thing when the
 * application stops (the servlet context is destroyed before the beans it uses; CDI's
 * {@code @BeforeDestroyed(ApplicationScoped.class)} was not delivered reliably on Payara): no more
 * calls are taken from the queue; the calls on the wire may end within the drain time; their
 * outcomes are written; this instance's row ends as stopped, so no one waits for its heartbeats to
 * lapse; calls still on the wire after the drain are settled at once (re-sent elsewhere or
 * interrupted, by their job's delivery guarantee). What was queued and not taken was never this
 * instance's: it stays in the database for the other instances, or the next start, to send at once.
 */
@WebListener
public class GracefulStop implements ServletContextListener {
  private static final Logger LOG = Logger.getLogger(GracefulStop.class.getName());

  @Inject Sender sender;
  @Inject RunRecorder recorder;
  @Inject ThisInstance me;
  @Inject InstanceRegistry registry;
  @Inject OrphanedRuns orphans;
  @Inject LastingLog log;

  /**
   * How long calls on the wire may take to end at a stop; the default fits a 30 s Kubernetes grace
   * period.
   */
  @Inject
  @ConfigProperty(name = "jobrunner.shutdown.drain-seconds", defaultValue = "20")
  long drainSeconds;

  @Override
  public void contextDestroyed(ServletContextEvent event) {
    Instant start = Instant.now();
    int onTheWire = sender.inFlight();
    log.log(
        LOG,
        Level.INFO,
        () ->
            "Stopping: taking no more calls; "
                + onTheWire
                + " on the wire may end within "
                + drainSeconds
                + " s");
    boolean drained = sender.drain(Duration.ofSeconds(drainSeconds));
    try {
      writeOutcomes(Instant.now().plusSeconds(5));
      if (!recorder.told(Duration.ofSeconds(2))) {
        log.log(
            LOG,
            Level.WARNING,
            () -> "Some written run outcomes were not told (metrics, run log lines, alerts)");
      }
      registry.stopped(me.id(), Instant.now());
      if (!drained) {
        orphans.settle(me.id(), Instant.now());
      }
      log.log(
          LOG,
          Level.INFO,
          () ->
              "Stopped cleanly in "
                  + Duration.between(start, Instant.now()).toMillis()
                  + " ms"
                  + (drained
                      ? ""
                      : " (calls cut at the drain time were settled by their delivery guarantee)"));
    } catch (RuntimeException e) {
      log.log(
          LOG,
          Level.WARNING,
          () ->
              "Could not end this instance's row (database unreachable?): the others settle its"
                  + " work once its heartbeats lapse",
          e);
    }
  }

  private void writeOutcomes(Instant deadline) {
    while (!recorder.flush() && Instant.now().isBefore(deadline)) {
      try {
        Thread.sleep(250);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    if (recorder.unwritten() > 0) {
      log.log(
          LOG,
          Level.WARNING,
          () -> recorder.unwritten() + " run outcomes could not be written before the stop");
    }
  }
}
