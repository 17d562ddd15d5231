package dev.jobrunner.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LastingLogTest {
  private static final Logger ROOT = Logger.getLogger("");
  private final Logger logger = Logger.getLogger("dev.jobrunner.test.lasting");
  private final List<String> written = new ArrayList<>();
  private final Handler console =
      new Handler() {
        @Override
        public void publish(LogRecord record) {
          written.add(record.getLoggerName() + ": " + record.getMessage());
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };
  private Handler[] before;

  @BeforeEach
  void onlyOurHandlerOnTheRoot() {
    before = ROOT.getHandlers();
    for (Handler handler : before) {
      ROOT.removeHandler(handler);
    }
    ROOT.addHandler(console);
  }

  @AfterEach
  void restoreTheRoot() {
    ROOT.removeHandler(console);
    for (Handler handler : before) {
      ROOT.addHandler(handler);
    }
  }

  @Test
  void writesOnceThroughTheLoggerWhileTheRootHasItsHandlers() {
    var log = new LastingLog();
    log.atDeployment(new Object());

    log.log(logger, Level.INFO, () -> "Stopping");

    assertEquals(List.of("dev.jobrunner.test.lasting: Stopping"), written);
  }

  @Test
  void handsLinesToTheKeptHandlersOnceTheJdkRemovedThem() {
    var log = new LastingLog();
    log.atDeployment(new Object());
    ROOT.removeHandler(console); // what LogManager.reset() does in the JDK's shutdown hook

    log.log(logger, Level.INFO, () -> "Stopped cleanly");
    log.log(logger, new LogRecord(Level.INFO, "Run ended: job_id=1"));

    assertEquals(
        List.of(
            "dev.jobrunner.test.lasting: Stopped cleanly",
            "dev.jobrunner.test.lasting: Run ended: job_id=1"),
        written);
  }

  @Test
  void keepsTheLoggersLevelThatTheJdkForgot() {
    var log = new LastingLog();
    log.atDeployment(new Object());
    logger.setLevel(Level.WARNING);
    log.log(logger, Level.WARNING, () -> "Some outcomes were not told");
    ROOT.removeHandler(console); // LogManager.reset() removes the handlers
    logger.setLevel(null); // and forgets the levels set

    log.log(logger, Level.INFO, () -> "Run ended: job_id=2");
    log.log(logger, Level.WARNING, () -> "Some outcomes could not be written");

    assertEquals(
        List.of(
            "dev.jobrunner.test.lasting: Some outcomes were not told",
            "dev.jobrunner.test.lasting: Some outcomes could not be written"),
        written);
  }
}
