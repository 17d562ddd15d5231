package dev.jobrunner.logs;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Log lines that outlive the JDK's own end of logging. At a stop (SIGTERM, Ctrl-C) the JDK's {@code
 * LogManager} closes and removes every handler in a shutdown hook of its own, while the server's
 * hook is still stopping the application: the run lines and the stop's own lines written after that
 * went nowhere (66 of 960 run lines in {@code CrashAndStopIT}). So the root's handlers are kept
 * from the start, and once the root has none left a line is handed to them directly: a console
 * handler is only flushed when closed, so it still writes; a closed file handler drops the line, as
 * before.
 */
@ApplicationScoped
public class LastingLog {
  private static final Logger ROOT = Logger.getLogger("");

  private volatile List<Handler> kept = List.of();
  private final Map<String, Level> levels = new ConcurrentHashMap<>();

  void atDeployment(@Observes @Initialized(ApplicationScoped.class) Object started) {
    kept = List.of(ROOT.getHandlers());
  }

  public void log(Logger logger, Level level, Supplier<String> message) {
    log(logger, level, message, null);
  }

  public void log(Logger logger, Level level, Supplier<String> message, Throwable thrown) {
    if (logger.isLoggable(level)) {
      var record = new LogRecord(level, message.get());
      record.setThrown(thrown);
      log(logger, record);
    }
  }

  public void log(Logger logger, LogRecord record) {
    record.setLoggerName(logger.getName());
    if (ROOT.getHandlers().length > 0 || kept.isEmpty()) {
      levels.put(logger.getName(), effectiveLevel(logger));
      logger.log(record);
      return;
    }
    // The JDK's reset also forgot the levels set for loggers: the last one seen still holds.
    Level level = levels.getOrDefault(logger.getName(), Level.ALL);
    if (record.getLevel().intValue() < level.intValue() || level == Level.OFF) {
      return;
    }
    for (Handler handler : kept) {
      try {
        handler.publish(record);
        handler.flush();
      } catch (RuntimeException closed) {
        // A handler that cannot write any more; the others may.
      }
    }
  }

  private static Level effectiveLevel(Logger logger) {
    for (Logger at = logger; at != null; at = at.getParent()) {
      if (at.getLevel() != null) {
        return at.getLevel();
      }
    }
    return Level.INFO;
  }
}
