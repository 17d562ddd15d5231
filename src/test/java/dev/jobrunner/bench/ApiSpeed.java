package dev.jobrunner.bench;

import dev.jobrunner.testing.Api;
import dev.jobrunner.testing.PrivatePostgres;
import dev.jobrunner.testing.ServerProcess;
import dev.jobrunner.testing.ServerProcess.Grid;
import dev.jobrunner.testing.TestTokens;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * The API's own speed (issue 11), on the embedded H2 and on a private PostgreSQL in one run:
 * creates per second with 8 client threads, then the latency of a page of 100 over the jobs made,
 * warm. Each round starts a fresh server per store (a fresh data directory, a fresh PostgreSQL
 * database), so the rounds do not pile jobs on each other. With an older build's jar, each round
 * measures that build and this one in turn, on the same machine a few seconds apart.
 *
 * <p>Per server: N jobs created through {@code POST job-runner.json} by 8 threads (each with 2
 * random daily times, as in the capacity run), the first tenth (at least {@value #WARM_UP}) as a
 * warm-up left out of the rate; then 900 list requests to warm, then 300 requests over pages 1-50
 * and 300 over random pages of the whole list, each client-measured. Traffic to 127.0.0.1 only.
 */
final class ApiSpeed {
  private ApiSpeed() {}

  static final int WARM_UP = 2_000;
  private static final String TOKEN = TestTokens.readWrite();

  /** One server's figures. */
  record Result(
      double createsPerSecond,
      double cpuMicrosPerCreate,
      double busy,
      List<Long> firstPages,
      List<Long> anyPage,
      String file) {}

  static void run(int n, int rounds, Path beforeJar) throws Exception {
    Map<String, Path> builds = new LinkedHashMap<>();
    if (beforeJar != null) {
      builds.put("before", beforeJar);
    }
    builds.put("this build", Path.of("target/job-runner-micro.jar"));
    System.out.printf(
        Locale.ROOT,
        "machine: %d cores; %s; N=%d jobs per server (%d of them warm-up), %d rounds, builds %s%n",
        Runtime.getRuntime().availableProcessors(),
        "clients on HTTP/1.1 connections of their own",
        n,
        warmUp(n),
        rounds,
        builds);
    Map<String, List<Result>> results = new LinkedHashMap<>();
    try (var pg = PrivatePostgres.start();
        Connection db = pg.connect()) {
      int database = 0;
      for (int round = 1; round <= rounds; round++) {
        for (var build : builds.entrySet()) {
          for (String store : System.getProperty("bench.stores", "H2,PostgreSQL").split(",")) {
            Map<String, String> env =
                Benchmark.env("api-" + store + "-" + System.nanoTime(), Map.of());
            if (store.equals("PostgreSQL")) {
              String name = "api_" + ++database;
              try (var s = db.createStatement()) {
                s.execute("CREATE DATABASE " + name);
              }
              env.putAll(pg.env());
              env.put("JOBRUNNER_DB_URL", pg.url().replaceFirst("/jobrunner$", "/" + name));
            }
            String settle = store.equals("PostgreSQL") ? env.get("JOBRUNNER_DB_URL") : null;
            Result result = measure(n, build.getValue(), store, env, settle);
            String key = build.getKey() + ", " + store;
            results.computeIfAbsent(key, k -> new ArrayList<>()).add(result);
            System.out.printf(
                Locale.ROOT,
                "round %d, %s: %.0f creates/s (server CPU %.0f µs a create, machine %.0f%% busy);"
                    + " page of 100, pages 1-50: p50 %.1f ms, p99 %.1f ms;"
                    + " any page: p50 %.1f ms, p99 %.1f ms%s%n",
                round,
                key,
                result.createsPerSecond(),
                result.cpuMicrosPerCreate(),
                result.busy(),
                ms(result.firstPages(), 50),
                ms(result.firstPages(), 99),
                ms(result.anyPage(), 50),
                ms(result.anyPage(), 99),
                result.file());
          }
        }
      }
    }
    System.out.println();
    System.out.println(
        "| Build, store | creates/s (median) | pages 1-50 p50 / p99 (median) | any page p50 / p99"
            + " (median) | runs |");
    System.out.println("| --- | --- | --- | --- | --- |");
    results.forEach(
        (key, list) ->
            System.out.printf(
                Locale.ROOT,
                "| %s | %.0f | %.1f / %.1f ms | %.1f / %.1f ms | %d |%n",
                key,
                median(list.stream().map(Result::createsPerSecond).toList()),
                median(list.stream().map(r -> ms(r.firstPages(), 50)).toList()),
                median(list.stream().map(r -> ms(r.firstPages(), 99)).toList()),
                median(list.stream().map(r -> ms(r.anyPage(), 50)).toList()),
                median(list.stream().map(r -> ms(r.anyPage(), 99)).toList()),
                list.size()));
  }

  private static Result measure(
      int n, Path jar, String store, Map<String, String> env, String settleDatabase)
      throws Exception {
    if (System.getProperty("bench.jfr") != null) {
      env.put("JAVA_TOOL_OPTIONS", "-XX:FlightRecorderOptions:stackdepth=512");
    }
    try (var server = ServerProcess.launch("bench-api-" + store, env, Grid.alone(), jar)) {
      server.awaitReady(Duration.ofMinutes(3));
      // Kept-alive HTTP/1.1 connections, as separate clients have: the server speaks HTTP/1.1 only.
      Api api = server.api().overHttp11();
      Random random = new Random(42);
      Benchmark.JobJson job =
          i -> {
            int a = random.nextInt(1440);
            int b = (a + 1 + random.nextInt(1439)) % 1440;
            return Benchmark.job(
                "http://127.0.0.1:9/never",
                "GET",
                List.of(
                    String.format(Locale.ROOT, "%02d:%02d", a / 60, a % 60),
                    String.format(Locale.ROOT, "%02d:%02d", b / 60, b % 60)));
          };
      int warmUp = warmUp(n);
      Benchmark.createJobs(api, warmUp, job);
      Profile profile = Profile.start(server, store + "-create");
      long cpu0 = Benchmark.cpuMillis(server.pid());
      long[] machine0 = ScaleOut.machineCpu();
      long t0 = System.nanoTime();
      Benchmark.createJobs(api, n - warmUp, job);
      double seconds = (System.nanoTime() - t0) / 1e9;
      long cpu = Benchmark.cpuMillis(server.pid()) - cpu0;
      long[] machine1 = ScaleOut.machineCpu();
      profile.stop();
      if (settleDatabase != null) {
        // As after any bulk load (and as bench/run peers does): statistics and the visibility map
        // brought up to date, dirty pages written, so that autovacuum and the checkpointer do not
        // run inside the timed requests.
        try (var db = java.sql.DriverManager.getConnection(settleDatabase, "postgres", "");
            var s = db.createStatement()) {
          s.execute("VACUUM ANALYZE");
          s.execute("CHECKPOINT");
        }
      }
      int pages = (n + 99) / 100;
      Random pick = new Random(7);
      for (int i = 0; i < 900; i++) {
        list(api, 1 + (i % 2 == 0 ? i % 50 : pick.nextInt(pages)));
      }
      profile = Profile.start(server, store + "-list");
      List<Long> first = new ArrayList<>();
      List<Long> any = new ArrayList<>();
      for (int i = 0; i < 300; i++) {
        first.add(list(api, 1 + i % 50));
        any.add(list(api, 1 + pick.nextInt(pages)));
      }
      profile.stop();
      Collections.sort(first);
      Collections.sort(any);
      String file = "";
      if (env.containsKey("JOBRUNNER_DATA_DIR") && !env.containsKey("JOBRUNNER_DB_URL")) {
        long bytes = Files.size(Path.of(env.get("JOBRUNNER_DATA_DIR"), "jobrunner.mv.db"));
        file =
            String.format(
                Locale.ROOT, "; H2 file %.0f MB (%.1f KB a job)", bytes / 1e6, bytes / 1e3 / n);
      }
      return new Result(
          (n - warmUp) / seconds,
          cpu * 1000.0 / (n - warmUp),
          100.0 * (machine1[0] - machine0[0]) / Math.max(1, machine1[1] - machine0[1]),
          first,
          any,
          file);
    }
  }

  /**
   * A tenth of the jobs, at least {@value #WARM_UP} (at most half): besides warming the JIT, it
   * makes sure nearly every one of the 1,440 slots already has its timer, as on a server that has
   * run for a while; a create that brings a new slot also creates a timer, which is the slot
   * timers' cost, not the create path's.
   */
  static int warmUp(int n) {
    return Math.min(Math.max(WARM_UP, n / 10), n / 2);
  }

  /** One request's client-measured time in microseconds. */
  private static long list(Api api, int page) {
    long t0 = System.nanoTime();
    Api.Reply reply;
    try {
      reply = api.list(TOKEN, "size=100&page=" + page);
    } catch (java.io.UncheckedIOException connectionClosed) {
      t0 = System.nanoTime(); // timed again, on a new connection
      reply = api.list(TOKEN, "size=100&page=" + page);
    }
    long micros = (System.nanoTime() - t0) / 1000;
    if (reply.status() != 200) {
      throw new IllegalStateException(reply.toString());
    }
    return micros;
  }

  private static double ms(List<Long> sortedMicros, int percentile) {
    return Benchmark.pct(sortedMicros, percentile) / 1000.0;
  }

  private static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.get(sorted.size() / 2);
  }

  /**
   * A JFR recording of the server while it is measured, when {@code -Dbench.jfr=DIR} is given
   * (profile settings; read with {@code jfr print --events jdk.ExecutionSample}).
   */
  private record Profile(ServerProcess server, String file) {
    static Profile start(ServerProcess server, String what) throws Exception {
      String dir = System.getProperty("bench.jfr");
      if (dir == null) {
        return new Profile(server, null);
      }
      String file = Path.of(dir, what + "-" + server.pid() + ".jfr").toAbsolutePath().toString();
      Benchmark.run(
          "jcmd",
          String.valueOf(server.pid()),
          "JFR.start",
          "name=bench",
          "settings=profile",
          "filename=" + file);
      return new Profile(server, file);
    }

    void stop() throws Exception {
      if (file != null) {
        Benchmark.run("jcmd", String.valueOf(server.pid()), "JFR.stop", "name=bench");
        System.out.println("profile: " + file);
      }
    }
  }
}
