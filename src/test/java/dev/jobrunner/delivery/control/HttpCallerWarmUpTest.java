package dev.jobrunner.delivery.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.enterprise.concurrent.ManagedThreadFactory;
import java.net.ServerSocket;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The warm-up exchange goes through the real client and the same reading as a call, to a loopback
 * socket of its own, although the guard refuses loopback to every call.
 */
class HttpCallerWarmUpTest {
  private final HttpCaller caller = new HttpCaller();

  @BeforeEach
  void start() {
    caller.connectTimeoutMs = 2_000;
    caller.totalTimeoutMs = 5_000;
    caller.maxResponseBytes = 65_536;
    caller.maxConnections = 8;
    caller.allowedTargets = Optional.empty();
    caller.threads = new PlainThreads();
    caller.start();
  }

  @AfterEach
  void stop() {
    caller.stop();
  }

  @Test
  void exchangesWithItsOwnLoopbackSocket() throws Exception {
    CallOutcome warmUp = caller.warmUp();
    assertEquals(CallStatus.SUCCESS, warmUp.status(), warmUp::toString);
    assertEquals(200, warmUp.httpCode().orElseThrow());
    assertEquals("ok", warmUp.response());
    // and again: each exchange has a socket of its own
    assertEquals(CallStatus.SUCCESS, caller.warmUp().status());
  }

  @Test
  void leavesTheGuardOnLoopbackAsItWas() throws Exception {
    caller.warmUp();
    try (var listening = new ServerSocket(0)) {
      var url = URI.create("http://127.0.0.1:" + listening.getLocalPort() + "/");
      CallOutcome call = caller.call(new OutboundCall("POST", url, null, "{}", Map.of()));
      assertEquals(CallStatus.BLOCKED, call.status(), call::toString);
    }
  }

  private static final class PlainThreads implements ManagedThreadFactory {
    @Override
    public Thread newThread(Runnable task) {
      var thread = new Thread(task);
      thread.setDaemon(true);
      return thread;
    }

    @Override
    public ForkJoinWorkerThread newThread(ForkJoinPool pool) {
      throw new UnsupportedOperationException();
    }
  }
}
