package dev.jobrunner.bench;

import dev.jobrunner.testing.Clock;
import dev.jobrunner.testing.JobRows;
import dev.jobrunner.testing.PrivatePostgres;
import dev.jobrunner.testing.ServerProcess;
import dev.jobrunner.testing.ServerProcess.Grid;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Two instances against one, on one PostgreSQL and one target, in one run: the same burst of N
 * calls due at one instant, {@code runs} times with one instance, then {@code runs} times with two.
 * The jobs are written straight into the database (the minute sweep dispatches them at the slot's
 * second 0), so each burst costs seconds, not an API create per job.
 */
final class ScaleOut {
  private ScaleOut() {}

  static void pair(int n, int runs) throws Exception {
    try (var pg = PrivatePostgres.start();
        var target = new Benchmark.Target();
        Connection db = pg.connect()) {
      Grid grid = Grid.of(2);
      List<ServerProcess> nodes = new ArrayList<>();
      try {
        nodes.add(start(pg, grid, 0));
        List<Double> one = bursts(db, target, n, runs, "one instance");
        nodes.add(start(pg, grid, 1));
        List<Double> two = bursts(db, target, n, runs, "two instances");
        double ratio = median(one) / median(two);
        System.out.printf(
            Locale.ROOT,
            "pair N=%d: drained in %s s with one instance, %s s with two: %.2fx%n",
            n,
            one,
            two,
            ratio);
      } finally {
        nodes.forEach(ServerProcess::close);
      }
    }
  }

  private static ServerProcess start(PrivatePostgres pg, Grid grid, int index) throws Exception {
    Map<String, String> env =
        Benchmark.env("pair-" + index + "-" + System.nanoTime(), new HashMap<>(pg.env()));
    env.put("JOBRUNNER_INSTANCE_NAME", "bench-" + index);
    ServerProcess server = ServerProcess.launch("bench-pair-" + index, env, grid.member(index));
    server.awaitReady(Duration.ofMinutes(3));
    return server;
  }

  /**
   * A warm-up burst of 1,000, then {@code runs} measured ones; returns their drain times in
   * seconds.
   */
  private static List<Double> bursts(
      Connection db, Benchmark.Target target, int n, int runs, String what) throws Exception {
    List<Double> drains = new ArrayList<>();
    for (int run = 0; run <= runs; run++) {
      double ceiling = Benchmark.ceiling(target, Math.max(n, 5000), 64);
      int jobs = run == 0 ? Math.min(n, 1000) : n;
      // Written well before the slot: the minute sweep must find them there at its second 0.
      Instant slot = Clock.minuteAtLeast(Duration.ofSeconds(20));
      JobRows.insert(db, jobs, slot, target.url("/fast"), "AT_LEAST_ONCE");
      target.calls.clear();
      Clock.sleepUntil(slot);
      long[] cpu0 = machineCpu();
      Clock.await(Duration.ofSeconds(180), () -> target.calls.size() >= jobs);
      long[] cpu1 = machineCpu();
      Clock.sleepUntil(Instant.now().plusSeconds(3));
      Benchmark.report(run == 0 ? what + ", warm-up" : what, jobs, slot, target, ceiling, 0);
      System.out.printf(
          Locale.ROOT,
          "  the machine's %d cores were %.0f%% busy from the slot to the last call%n",
          Runtime.getRuntime().availableProcessors(),
          100.0 * (cpu1[0] - cpu0[0]) / Math.max(1, cpu1[1] - cpu0[1]));
      if (run > 0) {
        long last = target.calls.stream().mapToLong(c -> Long.parseLong(c[1])).max().orElseThrow();
        drains.add((last - slot.toEpochMilli()) / 1000.0);
      }
    }
    return drains;
  }

  /**
   * {busy, total} jiffies of all cores, from /proc/stat (Linux): the whole machine, not just the
   * server.
   */
  static long[] machineCpu() throws java.io.IOException {
    String[] fields =
        java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/stat"))
            .getFirst()
            .trim()
            .split("\\s+");
    long total = 0;
    for (int i = 1; i < fields.length; i++) {
      total += Long.parseLong(fields[i]);
    }
    long idle = Long.parseLong(fields[4]) + Long.parseLong(fields[5]); // idle, iowait
    return new long[] {total - idle, total};
  }

  private static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.get(sorted.size() / 2);
  }
}
