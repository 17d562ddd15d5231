package dev.jobrunner.scheduling.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class OutcomeTellerTest {
  private final List<String> told = new CopyOnWriteArrayList<>();

  @Test
  void tellsOnItsOwnThreadInTheOrderHandedOver() {
    var teller = new OutcomeTeller(Executors.defaultThreadFactory(), 100);
    Thread caller = Thread.currentThread();
    for (int i = 0; i < 50; i++) {
      String name = "batch " + i;
      teller.tell(2, () -> told.add(Thread.currentThread() == caller ? "caller" : name));
    }
    assertTrue(teller.close(Duration.ofSeconds(5)));
    assertEquals(50, told.size());
    for (int i = 0; i < 50; i++) {
      assertEquals("batch " + i, told.get(i), "told on its thread, in order");
    }
    assertEquals(0, teller.untold());
  }

  @Test
  void theWriterWaitsWhileMoreThanTheLimitWaitToBeTold() throws Exception {
    var teller = new OutcomeTeller(Executors.defaultThreadFactory(), 10);
    var stuck = new CountDownLatch(1);
    teller.tell(8, () -> await(stuck)); // a slow log sink
    teller.tell(2, () -> told.add("second")); // 10 waiting: at the limit, not past it
    var third = new Thread(() -> teller.tell(1, () -> told.add("third")));
    third.start();
    third.join(300);
    assertTrue(third.isAlive(), "11 waiting: the writer waits for room");
    assertEquals(11, teller.untold());
    stuck.countDown();
    third.join(5000);
    assertFalse(third.isAlive(), "room again: the writer goes on");
    assertTrue(teller.close(Duration.ofSeconds(5)));
    assertEquals(List.of("second", "third"), told);
  }

  @Test
  void onceClosedTheWriterTellsItsOwn() {
    var teller = new OutcomeTeller(Executors.defaultThreadFactory(), 10);
    assertTrue(teller.close(Duration.ofSeconds(5)));
    Thread caller = Thread.currentThread();
    teller.tell(1, () -> told.add(Thread.currentThread() == caller ? "caller" : "other"));
    assertEquals(List.of("caller"), told);
    assertEquals(0, teller.untold());
  }

  @Test
  void closeReportsWhatWasNotToldInTime() {
    var teller = new OutcomeTeller(Executors.defaultThreadFactory(), 10);
    var stuck = new CountDownLatch(1);
    teller.tell(1, () -> await(stuck));
    assertFalse(teller.close(Duration.ofMillis(100)));
    stuck.countDown();
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
