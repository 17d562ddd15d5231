package dev.jobrunner.logs;

import dev.jobrunner.events.RunEnded;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Logs one INFO line per finished run, on logger {@code dev.jobrunner.runs} (so it can be routed or
 * silenced on its own). The fields travel as the record's parameter too: Payara's JSON formatter
 * turns them into JSON fields.
 */
@ApplicationScoped
public class RunLines {
  static final Logger LOG = Logger.getLogger("dev.jobrunner.runs");

  @Inject
  @ConfigProperty(name = "jobrunner.log.runs", defaultValue = "true")
  boolean enabled;

  @Inject LastingLog log;

  void ended(@Observes(during = TransactionPhase.AFTER_SUCCESS) RunEnded run) {
    if (!enabled || !LOG.isLoggable(Level.INFO)) {
      return;
    }
    try {
      Map<String, String> fields = RunLine.fields(run);
      LogRecord record = new LogRecord(Level.INFO, RunLine.text(fields));
      record.setParameters(new Object[] {fields});
      log.log(LOG, record);
    } catch (RuntimeException e) {
      // A log line must never break the delivery path that reported the run.
    }
  }
}
