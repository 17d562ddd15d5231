package dev.jobrunner.bench;

import dev.jobrunner.testing.Api;
import dev.jobrunner.testing.JobRows;
import dev.jobrunner.testing.ServerProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * Restart until the API answers and every slot timer is in place, on N jobs with 2 random times
 * each (the capacity benchmark's jobs), for each way of starting, alternated, RUNS times each.
 *
 * <p>Set-up only: the jobs are written straight into the embedded database's file while no server
 * runs (after one start made the schema), thousands a second, instead of through the API (which the
 * capacity benchmark measures). The data directory is kept and reused by the next run with the same
 * N. A start is timed from the process's launch to the first 401 of the API, then to the readiness
 * check {@code slot-timers} reporting its first reconcile (every slot has its timer).
 *
 * <p>Ways of starting: {@code jar} ({@code java -jar target/job-runner-micro.jar}, as the tests and
 * the README's single-jar line do), {@code before} (the same for another build's jar, given as
 * system property {@code jobrunner.before.jar}), {@code jar-cache} (the jar with an ahead-of-time
 * cache of its own, trained by a first start that is not counted), {@code bin} ({@code
 * bin/job-runner}, with its start-up cache) and {@code bin-nocache} ({@code bin/job-runner} with
 * {@code JOBRUNNER_START_CACHE=off}: the jar itself). The {@code bin} starts of one run share a
 * port, so that they share the runtime directory and start-up cache {@code bin/job-runner} keeps
 * per port.
 */
final class Restart {
  private static final Path JAR = Path.of("target/job-runner-micro.jar");
  private static final Path JAR_CACHE = Path.of("target/bench-data/restart-jar.aot");
  private static int binPort;

  static void run(int n, int runs, List<String> ways) throws Exception {
    Map<String, String> env = Benchmark.env("restart-" + n, Map.of());
    Path data = Path.of(env.get("JOBRUNNER_DATA_DIR"));
    prepare(n, env, data);
    binPort = freePort();
    for (String way : ways) {
      Path cache = cacheOf(way);
      if (cache != null && !current(cache)) {
        Instant training = Instant.now();
        double[] times = start(way, env);
        System.out.printf(
            Locale.ROOT,
            "restart %s, training the start-up cache (not counted): API answered %.1f s, timers %.1f s;"
                + " stopped and cache written %.1f s after the launch%n",
            way,
            times[0],
            times[1],
            since(training));
      }
    }
    Map<String, List<double[]>> results = new LinkedHashMap<>();
    for (int run = 1; run <= runs; run++) {
      for (String way : ways) {
        double[] times = start(way, env);
        results.computeIfAbsent(way, w -> new ArrayList<>()).add(times);
        System.out.printf(
            Locale.ROOT,
            "restart %s run %d: API answered %.1f s, every slot timer in place %.1f s (%s)%n",
            way,
            run,
            times[0],
            times[1],
            lastLine);
      }
    }
    results.forEach(
        (way, list) ->
            System.out.printf(
                Locale.ROOT,
                "restart N=%d %s: API %s s (median %.1f), timers %s s (median %.1f)%n",
                n,
                way,
                list.stream().map(t -> String.format(Locale.ROOT, "%.1f", t[0])).toList(),
                median(list, 0),
                list.stream().map(t -> String.format(Locale.ROOT, "%.1f", t[1])).toList(),
                median(list, 1)));
  }

  private static String lastLine = "";

  /** The start-up cache a way keeps, or null. */
  private static Path cacheOf(String way) {
    return switch (way) {
      case "bin" -> Path.of("target/job-runner-runtime-" + binPort + "/start.aot");
      case "jar-cache" -> JAR_CACHE;
      default -> null;
    };
  }

  /** A cache made for this build: there, and not older than the jar. */
  private static boolean current(Path cache) throws IOException {
    return Files.exists(cache)
        && Files.getLastModifiedTime(cache).compareTo(Files.getLastModifiedTime(JAR)) >= 0;
  }

  /** One start: seconds to the API's first 401, and to the first slot timer reconcile. */
  private static double[] start(String way, Map<String, String> env) throws Exception {
    int port = way.equals("bin") ? binPort : freePort();
    Path log = Path.of("target/bench-data/logs/restart-" + way + "-" + port + ".log");
    Files.createDirectories(log.getParent());
    List<String> command = new ArrayList<>();
    Map<String, String> environment = new LinkedHashMap<>(env);
    String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    switch (way) {
      case "jar" -> command.addAll(List.of(javaBin, "-jar", JAR.toString(), "--nocluster"));
      case "jar-cache" -> {
        // the jar with an ahead-of-time cache of its own: bin/job-runner's way before its runtime
        // directory; the cache covers only the class path's classes, not Payara's own
        String option = current(JAR_CACHE) ? "-XX:AOTCache=" : "-XX:AOTCacheOutput=";
        command.addAll(List.of(javaBin, option + JAR_CACHE, "-jar", JAR.toString(), "--nocluster"));
      }
      case "before" ->
          command.addAll(
              List.of(javaBin, "-jar", System.getProperty("jobrunner.before.jar"), "--nocluster"));
      case "bin", "bin-nocache" -> {
        command.add("bin/job-runner");
        environment.put("JOBRUNNER_START_CACHE", way.equals("bin") ? "aot" : "off");
        environment.put("JOBRUNNER_PORT", String.valueOf(port));
      }
      default ->
          throw new IllegalArgumentException("way: jar | jar-cache | before | bin | bin-nocache");
    }
    if (!way.startsWith("bin")) {
      command.addAll(List.of("--port", String.valueOf(port)));
    }
    Instant launched = Instant.now();
    var builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().putAll(environment);
    Process process = builder.start();
    Api api = new Api(java.net.URI.create("http://127.0.0.1:" + port + "/"));
    try {
      double apiSeconds = -1;
      double timerSeconds = -1;
      Instant deadline = launched.plus(Duration.ofMinutes(6));
      while (Instant.now().isBefore(deadline) && process.isAlive()) {
        if (apiSeconds < 0 && status(api) == 401) {
          apiSeconds = since(launched);
        }
        if (apiSeconds >= 0 && reconciled(api)) {
          timerSeconds = since(launched);
          break;
        }
        Thread.sleep(50);
      }
      if (timerSeconds < 0) {
        System.out.println("restart " + way + ": not in place within 6 minutes, see " + log);
        timerSeconds = Double.NaN;
      }
      Path serverLog = way.startsWith("bin") ? findBinLog(env, port) : log;
      lastLine =
          Files.readString(serverLog)
              .lines()
              .filter(l -> l.contains("Slot timers reconciled") || l.contains("ready in"))
              .map(l -> l.replaceAll(".*\\] ", "").replace("]]", "").trim())
              .reduce((a, b) -> a + "; " + b)
              .orElse("");
      return new double[] {apiSeconds, timerSeconds};
    } finally {
      process.destroy(); // SIGTERM: bin/job-runner stops its server and waits for it
      // a training start writes the start-up cache as it stops: a minute or more on busy cores
      if (!process.waitFor(5, TimeUnit.MINUTES)) {
        process.destroyForcibly();
      }
      process.descendants().forEach(ProcessHandle::destroyForcibly);
    }
  }

  private static Path findBinLog(Map<String, String> env, int port) {
    return Path.of(env.get("JOBRUNNER_DATA_DIR"), "server-" + port + ".log");
  }

  private static int status(Api api) {
    try {
      return api.list(null).status();
    } catch (RuntimeException | AssertionError notYet) {
      return -1;
    }
  }

  /** The readiness check says the slot timers were reconciled since the start. */
  private static boolean reconciled(Api api) {
    try {
      return !"never".equals(api.readiness("slot-timers").getString("last_reconciled", "never"));
    } catch (RuntimeException | AssertionError notYet) {
      return false; // not deployed yet: Payara answers 500 or DOWN without checks
    }
  }

  /**
   * Makes the data directory hold exactly N jobs: one start for the schema, then the rows written
   * straight into the file (set-up only).
   */
  private static void prepare(int n, Map<String, String> env, Path data) throws Exception {
    String url = "jdbc:h2:file:" + data.resolve("jobrunner") + ";MODE=PostgreSQL";
    if (Files.exists(data.resolve("jobrunner.mv.db")) && count(url) == n) {
      System.out.println("restart: reusing the " + n + " jobs in " + data);
      return;
    }
    try (var server = ServerProcess.start("bench-restart-schema", env)) {
      server.stop();
    }
    Instant started = Instant.now();
    Random random = new Random(42);
    try (Connection db = DriverManager.getConnection(url, "jobrunner", "")) {
      db.setAutoCommit(false);
      try (var delete = db.createStatement()) {
        delete.executeUpdate("DELETE FROM job");
      }
      try (var job =
              db.prepareStatement(
                  "INSERT INTO job (id, title, method, url, created_at, version, active_since, created_by,"
                      + " schedulation) VALUES (?, 'bench', 'GET', 'http://127.0.0.1:9/never', ?, 1, 0,"
                      + " 'bench-setup', ?)");
          var times =
              db.prepareStatement(
                  "INSERT INTO job_time (job_id, position, time_of_day) VALUES (?, ?, ?)")) {
        long now = System.currentTimeMillis();
        for (int i = 0; i < n; i++) {
          String id = String.format("%024x", i + 1L);
          int a = random.nextInt(1440);
          int b = (a + 1 + random.nextInt(1439)) % 1440;
          List<String> hhmm = new ArrayList<>();
          int position = 0;
          for (int minute : new int[] {a, b}) {
            hhmm.add(String.format("%02d:%02d", minute / 60, minute % 60));
            times.setString(1, id);
            times.setInt(2, position++);
            times.setString(3, hhmm.getLast());
            times.addBatch();
          }
          job.setString(1, id);
          job.setLong(2, now + i);
          job.setString(3, String.join(",", hhmm)); // as a create through the API keeps them
          job.addBatch();
          if (i % 5000 == 4999) {
            job.executeBatch();
            times.executeBatch();
          }
        }
        job.executeBatch();
        times.executeBatch();
      }
      try (var tally = db.prepareStatement("UPDATE job_tally SET created = ?, deleted = 0")) {
        tally.setLong(1, 0);
        tally.executeUpdate();
      }
      try (var tally = db.prepareStatement("UPDATE job_tally SET created = ? WHERE stripe = 0")) {
        tally.setLong(1, n); // the list's count, as the creates would have kept it
        tally.executeUpdate();
      }
      JobRows.recountSlots(db); // the slots in use, as the creates would have kept them
      db.commit();
    }
    System.out.printf(
        Locale.ROOT,
        "restart: wrote %d jobs x 2 times into %s in %.1f s (set-up only)%n",
        n,
        data,
        since(started));
  }

  private static int count(String url) throws SQLException {
    try (Connection db = DriverManager.getConnection(url, "jobrunner", "");
        var rows = db.createStatement().executeQuery("SELECT COUNT(*) FROM job")) {
      rows.next();
      return rows.getInt(1);
    } catch (SQLException noSchema) {
      return -1;
    }
  }

  private static double since(Instant start) {
    return Duration.between(start, Instant.now()).toMillis() / 1000.0;
  }

  private static double median(List<double[]> list, int index) {
    double[] values = list.stream().mapToDouble(t -> t[index]).sorted().toArray();
    int mid = values.length / 2;
    return values.length % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
  }

  private static int freePort() throws IOException {
    try (var socket = new java.net.ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  static List<String> ways(String[] args, int from) {
    return args.length > from ? Arrays.asList(args[from].split(",")) : List.of("jar", "bin");
  }

  private Restart() {}
}
