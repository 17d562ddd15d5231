package dev.jobrunner.operability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jobrunner.testing.Api;
import dev.jobrunner.testing.TargetServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The README's start command, {@code bin/job-runner}, as a user runs it on a JDK 25: its first
 * start after a build unpacks Payara Micro's runtime into a directory of its port and trains the
 * start-up cache, which it writes when stopped; the next start runs from that cache, deploys the
 * WAR once (never a deployment left from the start before, loaded and then replaced while the API
 * already answers), and serves the same data: a job created before the restart is called on demand
 * after it, at a target the test runs.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StartCommandIT {
  private static final Path JAR = Path.of("target/job-runner-micro.jar");

  private final int port = freePort();
  private final Path data = Path.of("target/it-data/start-command-" + UUID.randomUUID());
  private final Path runtime = Path.of("target/job-runner-runtime-" + port);
  private TargetServer target;
  private String jobId;

  @BeforeAll
  void sourcesNotNewerThanTheJar() throws IOException {
    // bin/job-runner builds the jar when a source is newer: never inside a Maven run
    Instant jar = Files.getLastModifiedTime(JAR).toInstant();
    try (Stream<Path> files =
        Stream.of("src", "server-config", "pom.xml").map(Path::of).flatMap(StartCommandIT::walk)) {
      List<Path> newer =
          files
              .filter(Files::isRegularFile)
              .filter(file -> modified(file).isAfter(jar))
              .limit(3)
              .toList();
      assertEquals(List.of(), newer, "sources newer than " + JAR + ": run mvn package first");
    }
    target = TargetServer.start();
  }

  @AfterAll
  void cleanUp() throws IOException {
    target.close();
    delete(runtime); // 300 MB with its cache
  }

  @Test
  @Order(1)
  void firstStartUnpacksTheRuntimeAndWritesTheCacheWhenStopped() throws Exception {
    Started first = start();
    try {
      assertTrue(
          first.output().contains("this start trains one"), "trains the cache: " + first.output());
      assertTrue(
          Files.isRegularFile(runtime.resolve("launch-micro.jar")),
          "runtime unpacked in " + runtime);
      String token = token();
      jobId =
          first
              .api()
              .createOk(
                  token,
                  "{\"title\":\"start command\",\"method\":\"POST\",\"url\":\""
                      + target.url("/restarted")
                      + "\",\"content_type\":\"text/plain\",\"body\":\"hello\","
                      + "\"schedulation\":[\""
                      + farFromNow()
                      + "\"]}");
    } finally {
      assertEquals(0, first.stop(), "bin/job-runner exits 0 on SIGTERM");
    }
    assertTrue(
        first.output().contains("Start-up cache written"), "cache written: " + first.output());
    assertTrue(Files.size(runtime.resolve("start.aot")) > 0, "cache in " + runtime);
  }

  @Test
  @Order(2)
  void nextStartUsesTheCacheDeploysOnceAndServesTheSameData() throws Exception {
    Started second = start();
    try {
      assertTrue(
          !second.output().contains("this start trains one")
              && !second.output().contains("could not be used"),
          "uses the cache: " + second.output());
      // the API keeps answering: no deployment of the start before loaded, then replaced
      Instant until = Instant.now().plusSeconds(5);
      while (Instant.now().isBefore(until)) {
        assertEquals(401, second.api().list(null).status(), "answers without a token");
        Thread.sleep(200);
      }
      var run = second.api().run(token(), jobId);
      assertEquals(200, run.status(), run.toString());
      assertEquals("success", run.json().getString("status"), run.toString());
      assertCalledOnce();
      String log = second.log();
      assertEquals(1, count(log, "Deployed 1 archive"), "deployed once");
      assertEquals(0, count(log, "Loading application ROOT"), "nothing left deployed");
      assertEquals(0, count(log, "error has occurred while processing the AOT cache"));
    } finally {
      assertEquals(0, second.stop(), "bin/job-runner exits 0 on SIGTERM");
    }
  }

  private void assertCalledOnce() {
    var calls = target.received("/restarted");
    assertEquals(1, calls.size(), "the job created before the restart is called");
    assertEquals("hello", calls.getFirst().body());
  }

  /** bin/job-runner in the background, once it says it is ready. */
  private Started start() throws Exception {
    Files.createDirectories(data);
    Path output = data.resolve("bin-" + Instant.now().toEpochMilli() + ".out");
    var builder =
        new ProcessBuilder("bin/job-runner")
            .redirectErrorStream(true)
            .redirectOutput(output.toFile());
    setEnvironment(builder);
    Started started = new Started(builder.start(), output, port);
    Instant deadline = Instant.now().plus(Duration.ofMinutes(4));
    while (!started.output().contains("Job Runner is ready")) {
      if (!started.process().isAlive() || Instant.now().isAfter(deadline)) {
        started.kill();
        throw new AssertionError("bin/job-runner did not start: " + started.output());
      }
      Thread.sleep(250);
    }
    return started;
  }

  /**
   * A user's environment: none of the settings the test run gives its other servers (its token key,
   * database, secret key), so the script makes its own as on a fresh machine.
   */
  private void setEnvironment(ProcessBuilder builder) {
    builder
        .environment()
        .keySet()
        .removeIf(name -> name.startsWith("JOBRUNNER_") || name.startsWith("MP_"));
    builder
        .environment()
        .putAll(
            Map.of(
                "JAVA_HOME", System.getProperty("java.home"),
                "JOBRUNNER_PORT", String.valueOf(port),
                "JOBRUNNER_DATA_DIR", data.toAbsolutePath().toString(),
                "JOBRUNNER_ALLOWED_TARGETS", "127.0.0.1"));
  }

  /** A token from bin/token, signed with the key bin/job-runner made in the data directory. */
  private String token() throws Exception {
    var builder = new ProcessBuilder("bin/token", "read", "write").redirectErrorStream(false);
    setEnvironment(builder);
    Process process = builder.start();
    String token = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0, "bin/token");
    return token.trim();
  }

  private record Started(Process process, Path outputFile, int port) {
    Api api() {
      return new Api(URI.create("http://127.0.0.1:" + port + "/"));
    }

    String output() {
      return read(outputFile);
    }

    String log() {
      String line = output().replaceAll("(?s).*\\(log: ([^)]+)\\).*", "$1");
      return read(Path.of(line));
    }

    /**
     * SIGTERM, as Ctrl-C: bin/job-runner stops its server (the training start writes the cache).
     */
    int stop() throws InterruptedException {
      process.destroy();
      if (!process.waitFor(3, TimeUnit.MINUTES)) {
        kill();
        throw new AssertionError("bin/job-runner did not stop within 3 minutes: " + output());
      }
      return process.exitValue();
    }

    void kill() {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      return "";
    }
  }

  /** A daily time twelve hours away, so that the job is called only when the test asks. */
  private static String farFromNow() {
    return LocalTime.now().plusHours(12).format(DateTimeFormatter.ofPattern("HH:mm"));
  }

  private static int count(String text, String part) {
    return text.split(java.util.regex.Pattern.quote(part), -1).length - 1;
  }

  private static Stream<Path> walk(Path path) {
    try {
      return Files.walk(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Instant modified(Path file) {
    try {
      return Files.getLastModifiedTime(file).toInstant();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void delete(Path directory) throws IOException {
    if (!Files.exists(directory)) {
      return;
    }
    try (Stream<Path> files = Files.walk(directory)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(file);
      }
    }
  }

  private static int freePort() {
    try (var socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
