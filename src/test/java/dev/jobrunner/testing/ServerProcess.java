package dev.jobrunner.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The service as an operator runs it: {@code java -jar target/job-runner-micro.jar} in its own process, so
 * a test can stop it (SIGTERM), kill it (SIGKILL) and start it again on the same data.
 */
public final class ServerProcess implements AutoCloseable {
  private static final Path JAR = Path.of("target/job-runner-micro.jar");

  private final Process process;
  private final int port;
  private final Path log;

  private ServerProcess(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
  }

  /** Starts the jar with these extra environment variables and waits until the API answers. */
  public static ServerProcess start(String name, Map<String, String> env) {
    ServerProcess server = launch(name, env);
    server.awaitReady(Duration.ofMinutes(3));
    return server;
  }

  /** Starts the jar without waiting for it; {@link #awaitReady} waits. */
  public static ServerProcess launch(String name, Map<String, String> env) {
    try {
      int port = freePort();
      Path log = Path.of("target/it-data/logs/" + name + "-" + port + ".log");
      Files.createDirectories(log.getParent());
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.add("-jar");
      command.add(JAR.toString());
      command.addAll(List.of("--nocluster", "--port", String.valueOf(port)));
      var builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
      builder.environment().putAll(env);
      return new ServerProcess(builder.start(), port, log);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public long pid() {
    return process.pid();
  }

  public Api api() {
    return new Api(URI.create("http://127.0.0.1:" + port + "/"));
  }

  public void awaitReady(Duration limit) {
    Instant deadline = Instant.now().plus(limit);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new AssertionError("server exited with " + process.exitValue() + "; see " + log);
      }
      try {
        if (api().list(null).status() == 401) {
          return;
        }
      } catch (RuntimeException notYet) {
        // not listening yet
      }
      sleep(250);
    }
    process.destroyForcibly();
    throw new AssertionError("server not ready within " + limit + "; see " + log);
  }

  /** SIGTERM, as Ctrl-C or an orchestrator would; returns the exit code. */
  public int stop() {
    process.destroy();
    try {
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("server did not stop within 60 s of SIGTERM; see " + log);
      }
      return process.exitValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** SIGKILL: no shutdown hooks, no cleanup, like a crash. */
  public void kill() {
    process.destroyForcibly();
    try {
      process.waitFor(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  public String log() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return "";
    }
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      kill();
    }
  }

  private static int freePort() throws IOException {
    try (var socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
