package dev.jobrunner.logs;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Locale;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * {@code jobrunner.log.format=json} ({@code JOBRUNNER_LOG_FORMAT}): the server's console lines
 * become JSON lines, one object per record, from the application's start on. It uses Payara's own
 * JSON formatter, the one {@code --logproperties} would name, so the lines look the same either
 * way; the server's boot lines before the application starts need that option. On a server without
 * it (WildFly) it says so once and leaves the format alone: there the server's own JSON formatter
 * is configured instead.
 */
@ApplicationScoped
public class LogFormat {
  private static final Logger LOG = Logger.getLogger(LogFormat.class.getName());
  static final String PAYARA_JSON = "fish.payara.enterprise.server.logging.JSONLogFormatter";

  @Inject
  @ConfigProperty(name = "jobrunner.log.format", defaultValue = "text")
  String format;

  void atDeployment(@Observes @Initialized(ApplicationScoped.class) Object started) {
    String wanted = format.strip().toLowerCase(Locale.ROOT);
    if (wanted.equals("text")) {
      return;
    }
    if (!wanted.equals("json")) {
      LOG.warning(
          "JOBRUNNER_LOG_FORMAT=" + format + " is not text or json; the log stays as it is");
      return;
    }
    int json = 0;
    for (Handler handler : Logger.getLogger("").getHandlers()) {
      if (isPayaraJson(handler.getFormatter())) {
        json++; // already, through --logproperties
        continue;
      }
      Formatter payaraJson = payaraJson(handler);
      if (payaraJson != null) {
        handler.setFormatter(payaraJson);
        json++;
      }
    }
    if (json == 0) {
      LOG.warning(
          "JOBRUNNER_LOG_FORMAT=json needs Payara's JSON log formatter, which this server lacks;"
              + " configure the server's own JSON formatter instead");
    }
  }

  private static boolean isPayaraJson(Formatter formatter) {
    return formatter != null && formatter.getClass().getName().equals(PAYARA_JSON);
  }

  /**
   * Payara's formatter, from the class loader of the handler's current formatter (the server's).
   */
  private static Formatter payaraJson(Handler handler) {
    if (handler.getFormatter() == null) {
      return null;
    }
    try {
      ClassLoader server = handler.getFormatter().getClass().getClassLoader();
      return (Formatter) Class.forName(PAYARA_JSON, true, server).getConstructor().newInstance();
    } catch (ReflectiveOperationException | LinkageError | SecurityException notPayara) {
      return null;
    }
  }
}
