package dev.jobrunner.bench;

import dev.jobrunner.testing.Clock;
import dev.jobrunner.testing.JobRows;
import dev.jobrunner.testing.PrivatePostgres;
import dev.jobrunner.testing.ServerProcess;
import dev.jobrunner.testing.ServerProcess.Grid;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;

/**
 * Job Runner beside db-scheduler and Quartz, in one run (issue 11): one private PostgreSQL, one
 * target, and in each round, in turn, the client's ceiling, db-scheduler, Quartz, Job Runner on
 * that PostgreSQL and Job Runner on its embedded H2, each given N one-shot calls due at one
 * instant. Every scheduler and server is started once and stays up (warm) across the rounds; a
 * first round of 1,000 warms them and is left out of the medians.
 */
final class Peers {
  private Peers() {}

  private static final String PG = "Job Runner, PostgreSQL";
  private static final String H2 = "Job Runner, H2";

  /** One measurement: what the target got, that round's ceiling, how busy the machine was. */
  record Result(Benchmark.Drain drain, double ceiling, double busy) {}

  static void run(int n, int runs) throws Exception {
    System.out.printf(
        Locale.ROOT,
        "machine: %d cores, %s; N=%d, %d measured rounds after a warm-up round of %d%n",
        Runtime.getRuntime().availableProcessors(),
        System.getProperty("os.arch"),
        n,
        runs,
        Math.min(n, 1000));
    try (var pg = PrivatePostgres.start();
        var target = new Benchmark.Target();
        Connection db = pg.connect()) {
      try (var s = db.createStatement()) {
        s.execute("CREATE DATABASE peers"); // the peers' tables, beside Job Runner's database
      }
      String peersDb = pg.url().replaceFirst("/jobrunner$", "/peers");
      String url = target.url("/fast");
      Map<String, String> pgEnv = Benchmark.env("peers-pg-" + System.nanoTime(), pg.env());
      pgEnv.put("JOBRUNNER_INSTANCE_NAME", "bench-pg");
      ServerProcess onPg = ServerProcess.launch("bench-peers-pg", pgEnv, Grid.alone());
      ServerProcess onH2 =
          ServerProcess.launch(
              "bench-peers-h2",
              Benchmark.env("peers-h2-" + System.nanoTime(), Map.of()),
              Grid.alone());
      try (onPg;
          onH2;
          var dbScheduler = new DbSchedulerPeer(peersDb, url);
          var quartz = new QuartzPeer(peersDb, url)) {
        onPg.awaitReady(Duration.ofMinutes(3));
        onH2.awaitReady(Duration.ofMinutes(3));
        // -Dbench.peers=db-scheduler: a quicker run without Quartz (its rounds take minutes).
        String chosen = System.getProperty("bench.peers", "db-scheduler,Quartz");
        List<Peer> peers =
            Stream.of(dbScheduler, quartz)
                .filter(peer -> chosen.contains(peer.name().split(" ")[0]))
                .toList();
        Map<String, List<Result>> results = new LinkedHashMap<>();
        Map<String, Double> secondsPerWrite = new HashMap<>();
        for (int round = 0; round <= runs; round++) {
          int jobs = round == 0 ? Math.min(n, 1000) : n;
          String label = round == 0 ? "warm-up" : "round " + round;
          // The better of two: the first also warms the client (it gave 2,200 to 14,300 calls/s
          // alone).
          double ceiling =
              Math.max(
                  Benchmark.ceiling(target, Math.max(n, 5000), 64),
                  Benchmark.ceiling(target, Math.max(n, 5000), 64));
          Map<String, Result> measured = new LinkedHashMap<>();
          for (Peer peer : peers) {
            peer.clean();
            double perWrite = secondsPerWrite.getOrDefault(peer.name(), 0.01);
            Instant slot =
                Instant.now()
                    // Writing grows faster than the warm-up's count suggests (Quartz: 0.9 s for
                    // 1,000, over 16 s for 10,000), so a wide margin.
                    .plusMillis((long) (10_000 + 4000 * jobs * perWrite))
                    .truncatedTo(ChronoUnit.SECONDS)
                    .plusSeconds(1);
            Instant written0 = Instant.now();
            peer.schedule(jobs, slot, peer.name().split(" ")[0] + "-r" + round + "-");
            double written = Duration.between(written0, Instant.now()).toMillis() / 1000.0;
            secondsPerWrite.put(peer.name(), written / jobs);
            measured.put(
                peer.name(), measure(peer.name(), label, jobs, slot, written, target, ceiling));
          }
          // As the pair benchmark does: written straight into the database, due at a coming minute.
          Instant slot = Clock.minuteAtLeast(Duration.ofSeconds(20));
          Instant written0 = Instant.now();
          JobRows.insertPosts(db, jobs, slot, url);
          try (var s = db.createStatement()) {
            s.execute("ANALYZE job, job_time");
          }
          double written = Duration.between(written0, Instant.now()).toMillis() / 1000.0;
          measured.put(PG, measure(PG, label, jobs, slot, written, target, ceiling));
          // As the burst benchmark does: through the API, all due at one coming minute.
          Instant h2Slot = Clock.minuteAtLeast(Duration.ofSeconds(10 + jobs / 150));
          written0 = Instant.now();
          Benchmark.createJobs(
              onH2.api(),
              jobs,
              i -> Benchmark.job(url, "POST", List.of(Clock.hhmm(h2Slot, "UTC"))));
          written = Duration.between(written0, Instant.now()).toMillis() / 1000.0;
          measured.put(H2, measure(H2, label, jobs, h2Slot, written, target, ceiling));
          if (round > 0) {
            measured.forEach(
                (name, r) -> results.computeIfAbsent(name, k -> new ArrayList<>()).add(r));
          }
        }
        if (runs > 0) { // bench/run peers 1000 0: the cold round alone
          table(n, results, dbScheduler.name(), quartz.name());
        }
      }
    }
  }

  /** Waits for the slot and the calls, then prints one line for this measurement. */
  private static Result measure(
      String name,
      String label,
      int jobs,
      Instant slot,
      double writtenSeconds,
      Benchmark.Target target,
      double ceiling)
      throws Exception {
    if (Instant.now().isAfter(slot.minusSeconds(2))) {
      throw new IllegalStateException(
          name + ": writing " + jobs + " executions took too long for the chosen slot");
    }
    target.calls.clear();
    Clock.sleepUntil(slot);
    long[] cpu0 = ScaleOut.machineCpu();
    Clock.await(Duration.ofSeconds(300), () -> target.calls.size() >= jobs);
    long[] cpu1 = ScaleOut.machineCpu();
    Clock.sleepUntil(Instant.now().plusSeconds(3)); // any doubles arrive too
    Benchmark.Drain d = Benchmark.drain(jobs, slot, target);
    double busy = 100.0 * (cpu1[0] - cpu0[0]) / Math.max(1, cpu1[1] - cpu0[1]);
    System.out.printf(
        Locale.ROOT,
        "%s, %s, N=%d: written in %.1f s; all called %.2f s after the slot, the first %d ms after it;"
            + " lateness p50 %d ms, p99 %d ms; %.0f calls/s (%.0f%% of the ceiling, %.0f); missing %d,"
            + " doubled %d; cores %.0f%% busy%n",
        name,
        label,
        jobs,
        writtenSeconds,
        d.seconds(),
        d.first(),
        d.p50(),
        d.p99(),
        d.rate(),
        100 * d.rate() / ceiling,
        ceiling,
        d.missing(),
        d.doubled(),
        busy);
    return new Result(d, ceiling, busy);
  }

  /** The medians over the measured rounds, as a markdown table, and the goals. */
  private static void table(
      int n, Map<String, List<Result>> results, String dbScheduler, String quartz) {
    List<Result> ceilings = results.get(PG);
    System.out.printf(
        Locale.ROOT,
        "%nN=%d, medians of %d rounds (ratios are taken within each round, then their median):%n%n",
        n,
        ceilings.size());
    System.out.println(
        "| Scheduler | calls/s | of the ceiling | all called after | first call after | p50 | p99 |"
            + " missing | doubled | x db-scheduler | x Quartz | cores busy |");
    System.out.println("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
    System.out.printf(
        Locale.ROOT,
        "| ceiling (HttpClient 5, 64 threads) | %.0f | 100 %% | | | | | | | | | |%n",
        median(ceilings, Result::ceiling));
    for (var entry : results.entrySet()) {
      List<Result> rs = entry.getValue();
      boolean ours = entry.getKey().startsWith("Job Runner");
      System.out.printf(
          Locale.ROOT,
          "| %s | %.0f | %.0f %% | %.2f s | %.0f ms | %.0f ms | %.0f ms | %d | %d | %s | %s | %.0f %% |%n",
          entry.getKey(),
          median(rs, r -> r.drain().rate()),
          median(rs, r -> 100 * r.drain().rate() / r.ceiling()),
          median(rs, r -> r.drain().seconds()),
          median(rs, r -> r.drain().first()),
          median(rs, r -> r.drain().p50()),
          median(rs, r -> r.drain().p99()),
          rs.stream().mapToLong(r -> r.drain().missing()).sum(),
          rs.stream().mapToLong(r -> r.drain().doubled()).sum(),
          ours ? times(rs, results.get(dbScheduler)) : "",
          ours ? times(rs, results.get(quartz)) : "",
          median(rs, Result::busy));
    }
    System.out.println();
    for (String ours : List.of(PG, H2)) {
      List<Result> rs = results.get(ours);
      System.out.printf(
          Locale.ROOT,
          "goals, %s: >= 50 %% of the ceiling: %.0f %%; >= 3x db-scheduler: %s; 0 missing, 0 doubled: %d,"
              + " %d; first call <= 50 ms after the slot: %.0f ms%n",
          ours,
          median(rs, r -> 100 * r.drain().rate() / r.ceiling()),
          times(rs, results.get(dbScheduler)),
          rs.stream().mapToLong(r -> r.drain().missing()).sum(),
          rs.stream().mapToLong(r -> r.drain().doubled()).sum(),
          median(rs, r -> r.drain().first()));
    }
  }

  /** The median over the rounds of ours' calls/s over theirs', in the same round. */
  private static String times(List<Result> ours, List<Result> theirs) {
    if (theirs == null) {
      return "-"; // not run
    }
    List<Double> ratios = new ArrayList<>();
    for (int i = 0; i < ours.size(); i++) {
      ratios.add(ours.get(i).drain().rate() / theirs.get(i).drain().rate());
    }
    return String.format(Locale.ROOT, "%.2fx", median(ratios, r -> r));
  }

  private static <T> double median(List<T> values, ToDoubleFunction<T> f) {
    double[] sorted = values.stream().mapToDouble(f).sorted().toArray();
    int m = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2;
  }
}
