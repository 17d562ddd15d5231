package dev.jobrunner.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.h2.api.ErrorCode;
import org.junit.jupiter.api.Test;

class HeldDatabaseWaitTest {
  private static final Connection CONNECTION =
      (Connection)
          Proxy.newProxyInstance(
              Connection.class.getClassLoader(),
              new Class<?>[] {Connection.class},
              (p, m, a) -> null);

  private static SQLException held() {
    return new SQLException(
        "Database may be already in use", "90020", ErrorCode.DATABASE_ALREADY_OPEN_1);
  }

  @Test
  void waitsWhileTheFileIsHeldThenOpens() throws SQLException {
    AtomicInteger attempts = new AtomicInteger();
    Connection opened =
        HeldDatabaseWait.open(
            () -> {
              if (attempts.incrementAndGet() < 3) {
                throw held();
              }
              return CONNECTION;
            },
            Duration.ofSeconds(10));
    assertSame(CONNECTION, opened);
    assertEquals(3, attempts.get());
  }

  @Test
  void givesUpWithH2sErrorAfterTheLimit() {
    AtomicInteger attempts = new AtomicInteger();
    long start = System.nanoTime();
    SQLException refused =
        assertThrows(
            SQLException.class,
            () ->
                HeldDatabaseWait.open(
                    () -> {
                      attempts.incrementAndGet();
                      throw held();
                    },
                    Duration.ofMillis(600)));
    assertEquals(ErrorCode.DATABASE_ALREADY_OPEN_1, refused.getErrorCode());
    assertTrue(attempts.get() >= 2, "tried again before giving up: " + attempts.get());
    assertTrue(
        System.nanoTime() - start >= Duration.ofMillis(600).toNanos(), "waited the whole limit");
  }

  @Test
  void anyOtherErrorIsNotWaitedFor() {
    AtomicInteger attempts = new AtomicInteger();
    SQLException refused =
        assertThrows(
            SQLException.class,
            () ->
                HeldDatabaseWait.open(
                    () -> {
                      attempts.incrementAndGet();
                      throw new SQLException(
                          "Wrong user name or password", "28000", ErrorCode.WRONG_USER_OR_PASSWORD);
                    },
                    Duration.ofSeconds(10)));
    assertEquals(ErrorCode.WRONG_USER_OR_PASSWORD, refused.getErrorCode());
    assertEquals(1, attempts.get());
  }
}
