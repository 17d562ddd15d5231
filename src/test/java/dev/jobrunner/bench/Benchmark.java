package dev.jobrunner.bench;

import com.sun.net.httpserver.HttpServer;
import dev.jobrunner.testing.Api;
import dev.jobrunner.testing.Clock;
import dev.jobrunner.testing.ServerProcess;
import dev.jobrunner.testing.ServerProcess.Grid;
import dev.jobrunner.testing.TestTokens;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;

/**
 * The scheduling benchmark (see bench/README.md): burst, slow targets and capacity, against the
 * real server jar on the embedded database, with a local target that records every call it gets.
 *
 * <p>Usage: {@code Benchmark burst N [runs]}, {@code Benchmark slow N concurrency}, {@code
 * Benchmark capacity N}, {@code Benchmark list DATA_DIR}, {@code Benchmark pair N [runs]} (one
 * instance, then two, on PostgreSQL), {@code Benchmark peers N [runs]} (db-scheduler and Quartz
 * beside the service on PostgreSQL and on H2), {@code Benchmark mark N runs OLD_JAR} (the
 * single-instance burst on another build, alternating with this one), {@code Benchmark restart N
 * runs WAYS} (restart times on N jobs, see {@link Restart}), {@code Benchmark api N [runs]
 * [OLD_JAR]} (creates/s and list latency through the API, on H2 and on PostgreSQL).
 */
public final class Benchmark {
  private static final String TOKEN = TestTokens.readWrite();

  public static void main(String[] args) throws Exception {
    String mode = args.length > 0 ? args[0] : "burst";
    int n = args.length > 1 && !mode.equals("list") ? Integer.parseInt(args[1]) : 1000;
    switch (mode) {
      case "burst" -> burst(n, args.length > 2 ? Integer.parseInt(args[2]) : 1);
      case "slow" -> slow(n, args.length > 2 ? Integer.parseInt(args[2]) : 64);
      case "capacity" -> capacity(n);
      case "list" -> list(Path.of(args[1]));
      case "pair" -> ScaleOut.pair(n, args.length > 2 ? Integer.parseInt(args[2]) : 3);
      case "peers" -> Peers.run(n, args.length > 2 ? Integer.parseInt(args[2]) : 3);
      case "restart" ->
          Restart.run(n, args.length > 2 ? Integer.parseInt(args[2]) : 3, Restart.ways(args, 3));
      case "api" ->
          ApiSpeed.run(
              n,
              args.length > 2 ? Integer.parseInt(args[2]) : 3,
              args.length > 3 ? Path.of(args[3]) : null);
      case "mark" -> {
        for (int run = 1; run <= Integer.parseInt(args[2]); run++) {
          burst(n, 1, Path.of(args[3]), "before (" + args[3] + ")");
          burst(n, 1, Path.of("target/job-runner-micro.jar"), "after (this build)");
        }
      }
      default ->
          throw new IllegalArgumentException(
              "mode: burst | slow | capacity | list | pair | peers | mark | restart | api");
    }
    System.exit(0);
  }

  // ---- the local target
  // ------------------------------------------------------------------------------

  /** Records (idempotency key, arrival) of every call; /slow answers after 1 s. */
  static final class Target implements AutoCloseable {
    final HttpServer server;
    final ConcurrentLinkedQueue<String[]> calls = new ConcurrentLinkedQueue<>();
    final AtomicInteger count = new AtomicInteger();

    Target() throws IOException {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 4096);
      server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
      server.createContext(
          "/",
          exchange -> {
            exchange.getRequestBody().readAllBytes();
            String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
            if (key != null) {
              calls.add(new String[] {key, String.valueOf(System.currentTimeMillis())});
            }
            count.incrementAndGet();
            if (exchange.getRequestURI().getPath().startsWith("/slow")) {
              try {
                Thread.sleep(1000);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            }
            byte[] body = "{\"ok\":true}".getBytes();
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
          });
      server.start();
    }

    String url(String path) {
      return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    @Override
    public void close() {
      server.stop(0);
    }
  }

  // ---- burst
  // ------------------------------------------------------------------------------------------

  /**
   * One server; a warm-up burst first (a long-running server is warm), then {@code runs} measured
   * bursts, each with its own N jobs in its own minute.
   */
  static void burst(int n, int runs) throws Exception {
    burst(n, runs, Path.of("target/job-runner-micro.jar"), "this build");
  }

  static void burst(int n, int runs, Path jar, String build) throws Exception {
    var server =
        ServerProcess.launch(
            "bench-burst", env("burst-" + System.nanoTime(), Map.of()), Grid.alone(), jar);
    server.awaitReady(Duration.ofMinutes(3));
    System.out.println("build: " + build);
    try (var target = new Target();
        server) {
      System.out.printf(
          Locale.ROOT,
          "machine: %d cores, %s%n",
          Runtime.getRuntime().availableProcessors(),
          System.getProperty("os.arch"));
      for (int run = 0; run <= runs; run++) {
        double ceiling = ceiling(target, Math.max(n, 5000), 64);
        Api api = server.api();
        int jobs = run == 0 ? Math.min(n, 1000) : n;
        Instant slot = Clock.minuteAtLeast(Duration.ofSeconds(10 + jobs / 150));
        Instant created0 = Instant.now();
        createJobs(
            api, jobs, i -> job(target.url("/fast"), "POST", List.of(Clock.hhmm(slot, "UTC"))));
        double createSeconds = Duration.between(created0, Instant.now()).toMillis() / 1000.0;
        if (Instant.now().isAfter(slot.minusSeconds(2))) {
          throw new IllegalStateException(
              "creating " + jobs + " jobs took too long for the chosen slot");
        }
        target.calls.clear();
        Clock.sleepUntil(slot.minusMillis(500));
        long cpu0 = cpuMillis(server.pid());
        Clock.sleepUntil(slot);
        Clock.await(Duration.ofSeconds(120), () -> target.calls.size() >= jobs);
        long serverCpu = cpuMillis(server.pid()) - cpu0;
        Clock.sleepUntil(Instant.now().plusSeconds(3)); // any doubles arrive too
        report(run == 0 ? "warm-up" : "burst", jobs, slot, target, ceiling, createSeconds);
        System.out.printf(
            Locale.ROOT,
            "  server CPU from 0.5 s before the slot until the last call: %.2f s, %.0f us per call%n",
            serverCpu / 1000.0,
            serverCpu * 1000.0 / jobs);
      }
    }
  }

  /** The client's own loopback throughput against the same target: the ceiling for dispatch. */
  static double ceiling(Target target, int calls, int concurrency) throws Exception {
    var pool =
        PoolingHttpClientConnectionManagerBuilder.create()
            .setMaxConnTotal(concurrency)
            .setMaxConnPerRoute(concurrency)
            .build();
    try (CloseableHttpClient client = HttpClients.custom().setConnectionManager(pool).build();
        ExecutorService threads = Executors.newFixedThreadPool(concurrency)) {
      AtomicInteger left = new AtomicInteger(calls);
      long start = System.nanoTime();
      List<Future<?>> workers = new ArrayList<>();
      for (int t = 0; t < concurrency; t++) {
        workers.add(
            threads.submit(
                () -> {
                  while (left.getAndDecrement() > 0) {
                    var post = new HttpPost(target.url("/ceiling"));
                    post.setEntity(new StringEntity("{}"));
                    client.execute(post, response -> EntityUtils.toString(response.getEntity()));
                  }
                  return null;
                }));
      }
      for (Future<?> worker : workers) {
        worker.get();
      }
      double perSecond = calls / ((System.nanoTime() - start) / 1e9);
      System.out.printf(
          Locale.ROOT,
          "ceiling: Apache HttpClient 5, %d threads, %d POSTs: %.0f calls/s%n",
          concurrency,
          calls,
          perSecond);
      return perSecond;
    }
  }

  static void report(
      String what, int n, Instant slot, Target target, double ceiling, double createSeconds) {
    Drain d = drain(n, slot, target);
    System.out.printf(
        Locale.ROOT,
        "%s N=%d: created in %.1f s; all called %.2f s after the slot; lateness p50 %d ms, p99 %d ms, max %d ms;"
            + " %.0f calls/s (%.0f%% of ceiling); missing %d, doubled %d%n",
        what,
        n,
        createSeconds,
        d.seconds(),
        d.p50(),
        d.p99(),
        d.max(),
        d.rate(),
        100 * d.rate() / ceiling,
        d.missing(),
        d.doubled());
  }

  /**
   * What the target got for a burst of {@code n} occurrences due at one slot: lateness (arrival
   * minus the slot) of the first, p50, p99 and last call in ms; the last call's, in s; distinct
   * keys per second from the first call to the last; occurrences called never, and called more than
   * once.
   */
  record Drain(
      long first,
      long p50,
      long p99,
      long max,
      double seconds,
      double rate,
      long missing,
      long doubled) {}

  static Drain drain(int n, Instant slot, Target target) {
    Map<String, Integer> perKey = new HashMap<>();
    List<Long> lateness = new ArrayList<>();
    long first = Long.MAX_VALUE;
    long last = 0;
    for (String[] call : target.calls) {
      perKey.merge(call[0], 1, Integer::sum);
      long at = Long.parseLong(call[1]);
      lateness.add(at - slot.toEpochMilli());
      first = Math.min(first, at);
      last = Math.max(last, at);
    }
    Collections.sort(lateness);
    long doubled = perKey.values().stream().filter(c -> c > 1).mapToLong(c -> c - 1).sum();
    long missing = n - perKey.size();
    double drain = (last - slot.toEpochMilli()) / 1000.0;
    double rate = perKey.size() / Math.max(0.001, (last - first) / 1000.0);
    return new Drain(
        lateness.isEmpty() ? -1 : lateness.getFirst(),
        pct(lateness, 50),
        pct(lateness, 99),
        lateness.isEmpty() ? -1 : lateness.getLast(),
        drain,
        rate,
        missing,
        doubled);
  }

  /** CPU time (user + system) a process has used so far, from /proc (Linux), in milliseconds. */
  static long cpuMillis(long pid) throws IOException {
    String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    long ticks =
        Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime (fields 14 and 15)
    return ticks * 10; // USER_HZ is 100 on Linux
  }

  static long pct(List<Long> sorted, int p) {
    if (sorted.isEmpty()) {
      return -1;
    }
    return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
  }

  // ---- slow targets
  // -----------------------------------------------------------------------------------

  static void slow(int n, int concurrency) throws Exception {
    try (var target = new Target();
        var server =
            ServerProcess.start(
                "bench-slow",
                env(
                    "slow-" + System.nanoTime(),
                    Map.of("JOBRUNNER_DELIVERY_CONCURRENCY", String.valueOf(concurrency))))) {
      Instant slot = Clock.minuteAtLeast(Duration.ofSeconds(20 + n / 150));
      createJobs(
          server.api(), n, i -> job(target.url("/slow"), "GET", List.of(Clock.hhmm(slot, "UTC"))));
      target.calls.clear();
      Clock.sleepUntil(slot);
      Clock.await(Duration.ofSeconds(600), () -> target.calls.size() >= n);
      long last = target.calls.stream().mapToLong(c -> Long.parseLong(c[1])).max().orElse(0) + 1000;
      double drain = (last - slot.toEpochMilli()) / 1000.0;
      System.out.printf(
          Locale.ROOT,
          "slow N=%d concurrency=%d: drained %.1f s after the slot (goal <= %.1f s); calls %d%n",
          n,
          concurrency,
          drain,
          (double) n / concurrency + 2,
          target.calls.size());
    }
  }

  // ---- capacity
  // ---------------------------------------------------------------------------------------

  static void capacity(int n) throws Exception {
    Map<String, String> env = env("capacity-" + System.nanoTime(), Map.of());
    Random random = new Random(42);
    double createSeconds;
    try (var server = ServerProcess.start("bench-capacity", env)) {
      Instant created0 = Instant.now();
      createJobs(
          server.api(),
          n,
          i -> {
            int a = random.nextInt(1440);
            int b = (a + 1 + random.nextInt(1439)) % 1440;
            return job(
                "http://127.0.0.1:9/never",
                "GET",
                List.of(
                    String.format("%02d:%02d", a / 60, a % 60),
                    String.format("%02d:%02d", b / 60, b % 60)));
          });
      createSeconds = Duration.between(created0, Instant.now()).toMillis() / 1000.0;
      server.stop();
    }
    Instant start0 = Instant.now();
    try (var server = ServerProcess.start("bench-capacity-restart", env)) {
      double startSeconds = Duration.between(start0, Instant.now()).toMillis() / 1000.0;
      Clock.await(Duration.ofMinutes(2), () -> server.log().contains("Slot timers reconciled"));
      double reconciledSeconds = Duration.between(start0, Instant.now()).toMillis() / 1000.0;
      String timers =
          server
              .log()
              .lines()
              .filter(l -> l.contains("Slot timers reconciled"))
              .reduce((a, b) -> b)
              .orElse("Slot timers ?");
      List<Long> cold = listLatencies(server);
      long heap = heapAfterFullGc(server);
      System.out.printf(
          Locale.ROOT,
          "capacity N=%d jobs x 2 times: created in %.1f s (%.0f jobs/s); restart to API ready %.1f s, timers"
              + " reconciled %.1f s after start (%s);"
              + " heap after full GC %d MB; list page of 100 right after the restart: p50 %.1f ms, p99 %.1f ms%n",
          n,
          createSeconds,
          n / createSeconds,
          startSeconds,
          reconciledSeconds,
          timers.substring(timers.indexOf("Slot timers")).replace("]]", "").trim(),
          heap / (1024 * 1024),
          pct(cold, 50) / 1000.0,
          pct(cold, 99) / 1000.0);
      printWarmListLatency(server);
      System.out.println(
          "data kept in " + env.get("JOBRUNNER_DATA_DIR") + " (bench/run list <that directory>)");
    }
  }

  /**
   * List latency on the data of an earlier capacity run: right after start, then warm (after 1,000
   * requests, as a long-running server is).
   */
  static void list(Path dataDir) throws Exception {
    Map<String, String> env = env("list", Map.of());
    env.put("JOBRUNNER_DATA_DIR", dataDir.toAbsolutePath().toString());
    try (var server = ServerProcess.start("bench-list", env)) {
      Clock.await(Duration.ofMinutes(2), () -> server.log().contains("Slot timers reconciled"));
      List<Long> cold = listLatencies(server);
      System.out.printf(
          Locale.ROOT,
          "list page of 100 right after start: p50 %.1f ms, p99 %.1f ms%n",
          pct(cold, 50) / 1000.0,
          pct(cold, 99) / 1000.0);
      printWarmListLatency(server);
      System.out.printf(
          Locale.ROOT, "heap after a full GC: %d MB%n", heapAfterFullGc(server) / (1024 * 1024));
    }
  }

  static void printWarmListLatency(ServerProcess server) {
    for (int i = 0; i < 3; i++) {
      listLatencies(server);
    }
    List<Long> warm = listLatencies(server);
    System.out.printf(
        Locale.ROOT,
        "list page of 100, warm (after 900 requests): p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
        pct(warm, 50) / 1000.0,
        pct(warm, 99) / 1000.0,
        warm.getLast() / 1000.0);
  }

  /** 300 requests over pages 1-50 of 100 jobs, client-measured; sorted, in microseconds. */
  static List<Long> listLatencies(ServerProcess server) {
    List<Long> micros = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      long t0 = System.nanoTime();
      var reply = server.api().overHttp11().list(TOKEN, "size=100&page=" + (1 + i % 50));
      micros.add((System.nanoTime() - t0) / 1000);
      if (reply.status() != 200) {
        throw new IllegalStateException(reply.toString());
      }
    }
    Collections.sort(micros);
    return micros;
  }

  static long heapAfterFullGc(ServerProcess server) throws Exception {
    long pid = server.pid();
    run("jcmd", String.valueOf(pid), "GC.run");
    String info = run("jcmd", String.valueOf(pid), "GC.heap_info");
    // "garbage-first heap   total reserved ..., committed ..., used 123456K"
    var m = java.util.regex.Pattern.compile("used (\\d+)K").matcher(info);
    return m.find() ? Long.parseLong(m.group(1)) * 1024 : -1;
  }

  static String run(String... command) throws Exception {
    String jdk = Path.of(System.getProperty("java.home"), "bin", command[0]).toString();
    command[0] = jdk;
    var process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(process.getInputStream().readAllBytes());
    process.waitFor();
    return out;
  }

  // ---- helpers
  // ----------------------------------------------------------------------------------------

  static Map<String, String> env(String name, Map<String, String> extra) throws IOException {
    Path dir = Path.of("target/bench-data/" + name).toAbsolutePath();
    Files.createDirectories(dir);
    Map<String, String> env = new HashMap<>(extra);
    env.put("JOBRUNNER_DATA_DIR", dir.toString());
    // BENCH_SERVER_JAVA_OPTS: JVM options for each server the benchmark starts (heap, JIT, GC).
    String javaOpts = System.getenv().getOrDefault("BENCH_SERVER_JAVA_OPTS", "");
    if (!javaOpts.isBlank()) {
      env.put("JAVA_TOOL_OPTIONS", javaOpts);
    }
    String jfr = System.getenv("BENCH_SERVER_JFR");
    if (jfr != null) {
      // A profile of each server, written when it stops: BENCH_SERVER_JFR=1 bench/run ...; with
      // BENCH_SERVER_JFR=cpu also JDK 25's CPU-time samples (JEP 509): where the CPU goes, threads
      // waiting on the database or the network not counted.
      String cpu =
          jfr.equals("cpu") ? ",jdk.CPUTimeSample#enabled=true,jdk.CPUTimeSample#throttle=2ms" : "";
      env.put(
          "JAVA_TOOL_OPTIONS",
          javaOpts
              + " -XX:StartFlightRecording=settings=profile,dumponexit=true,filename="
              + dir
              + ".jfr"
              + cpu);
    }
    env.put("JOBRUNNER_ALLOWED_TARGETS", "127.0.0.1/32");
    env.put(
        "MP_JWT_VERIFY_PUBLICKEY_LOCATION",
        "file://" + Path.of("src/test/resources/test-keys/public.pem").toAbsolutePath());
    return env;
  }

  static String job(String url, String method, List<String> times) {
    String body =
        method.equals("GET") ? "" : ",\"content_type\":\"application/json\",\"body\":\"{}\"";
    return "{\"title\":\"bench\",\"method\":\""
        + method
        + "\",\"url\":\""
        + url
        + "\""
        + body
        + ",\"schedulation\":[\""
        + String.join("\",\"", times)
        + "\"]}";
  }

  interface JobJson {
    String make(int i);
  }

  static void createJobs(Api api, int n, JobJson json) throws Exception {
    AtomicInteger next = new AtomicInteger();
    AtomicLong failures = new AtomicLong();
    try (ExecutorService threads = Executors.newFixedThreadPool(8)) {
      List<Future<?>> workers = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        workers.add(
            threads.submit(
                () -> {
                  for (int i; (i = next.getAndIncrement()) < n; ) {
                    String body;
                    synchronized (json) {
                      body = json.make(i);
                    }
                    if (create(api, "{\"jobrunner\":" + body + "}") != 201) {
                      failures.incrementAndGet();
                    }
                  }
                  return null;
                }));
      }
      for (Future<?> worker : workers) {
        worker.get();
      }
    }
    if (failures.get() > 0) {
      throw new IllegalStateException(failures.get() + " creates failed");
    }
  }

  /**
   * One create, sent again once when its connection was closed under it (the server may end a
   * long-lived HTTP/2 connection, which the JDK client shares between threads); a create that was
   * processed before its answer was lost then makes one job more.
   */
  private static int create(Api api, String json) {
    try {
      return api.create(TOKEN, json).status();
    } catch (java.io.UncheckedIOException connectionClosed) {
      return api.create(TOKEN, json).status();
    }
  }

  private Benchmark() {}
}
