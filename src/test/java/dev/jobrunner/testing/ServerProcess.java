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
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The service as an operator runs it: {@code java -jar target/job-runner-micro.jar} in its own
 * process, so a test can stop it (SIGTERM), kill it (SIGKILL) and start it again on the same data.
 * Its data grid (Payara's Hazelcast) listens on a port of its own and knows only the members the
 * test names, so test servers never meet another Payara on this machine.
 */
public final class ServerProcess implements AutoCloseable {
  /**
   * The jar under test; the benchmark can name another build's (system property {@code
   * jobrunner.jar}).
   */
  private static final Path JAR =
      Path.of(System.getProperty("jobrunner.jar", "target/job-runner-micro.jar"));

  private final Process process;
  private final int port;
  private final Path log;

  private ServerProcess(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
  }

  /**
   * Which data grid a server joins: {@link #alone()}, or member {@code index} of a grid whose
   * members listen on {@code ports} (TCP/IP discovery on 127.0.0.1, never multicast).
   */
  public record Grid(String name, List<Integer> ports, int index) {
    public static Grid alone() {
      return new Grid("jr-test-" + UUID.randomUUID(), List.of(freePortOrFail()), 0);
    }

    /** A grid for {@code size} servers; {@link #member} picks one. */
    public static Grid of(int size) {
      List<Integer> ports = new ArrayList<>();
      for (int i = 0; i < size; i++) {
        ports.add(freePortOrFail());
      }
      return new Grid("jr-test-" + UUID.randomUUID(), ports, 0);
    }

    public Grid member(int index) {
      return new Grid(name, ports, index);
    }

    /**
     * The grid's discovery as a pre-boot command file, the way an operator overrides the defaults
     * bundled in the jar (a file given at start is applied after them).
     */
    List<String> arguments() {
      String members = String.join(",", ports.stream().map(port -> "127.0.0.1:" + port).toList());
      List<String> commands =
          List.of(
              "set hazelcast-runtime-configuration.discovery-mode=tcpip",
              "set hazelcast-runtime-configuration.tcpip-members=" + members,
              "set hazelcast-runtime-configuration.start-port=" + ports.get(index),
              "set hazelcast-runtime-configuration.interface=127.0.0.1",
              "set hazelcast-runtime-configuration.cluster-group-name=" + name);
      try {
        Path file = Files.createTempFile("jobrunner-grid-", ".asadmin");
        Files.write(file, commands);
        file.toFile().deleteOnExit();
        List<String> arguments = new ArrayList<>(List.of("--prebootcommandfile", file.toString()));
        if (ports.size() == 1) {
          arguments.add("--nocluster");
        }
        return arguments;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** Starts the jar with these extra environment variables and waits until the API answers. */
  public static ServerProcess start(String name, Map<String, String> env) {
    return start(name, env, Grid.alone());
  }

  public static ServerProcess start(String name, Map<String, String> env, Grid grid) {
    ServerProcess server = launch(name, env, grid);
    server.awaitReady(Duration.ofMinutes(3));
    return server;
  }

  /** Starts the jar without waiting for it; {@link #awaitReady} waits. */
  public static ServerProcess launch(String name, Map<String, String> env) {
    return launch(name, env, Grid.alone());
  }

  public static ServerProcess launch(String name, Map<String, String> env, Grid grid) {
    return launch(name, env, grid, JAR);
  }

  /** Another build of the service, for a before-and-after benchmark. */
  public static ServerProcess launch(String name, Map<String, String> env, Grid grid, Path jar) {
    try {
      int port = freePort();
      Path log = Path.of("target/it-data/logs/" + name + "-" + port + ".log");
      Files.createDirectories(log.getParent());
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.add("-jar");
      command.add(jar.toString());
      command.addAll(List.of("--port", String.valueOf(port)));
      command.addAll(grid.arguments());
      var builder =
          new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
      builder.environment().putAll(env);
      return new ServerProcess(builder.start(), port, log);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public long pid() {
    return process.pid();
  }

  public URI uri() {
    return URI.create("http://127.0.0.1:" + port + "/");
  }

  public Api api() {
    return new Api(uri());
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

  /** SIGTERM without waiting: the server drains while the test goes on. */
  public void signalStop() {
    process.destroy();
  }

  /** Waits for the process to end; false if it has not within the limit. */
  public boolean awaitExit(Duration limit) {
    try {
      return process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
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
      if (System.getenv("BENCH_SERVER_JFR") != null) {
        dumpProfile();
      }
      kill();
    }
  }

  /**
   * Writes the server's flight recording (started by BENCH_SERVER_JFR) beside its log before it is
   * killed.
   */
  private void dumpProfile() {
    try {
      new ProcessBuilder(
              Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
              String.valueOf(pid()),
              "JFR.dump",
              "filename=" + log.resolveSibling(log.getFileName() + ".jfr")) // beside its log
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .start()
          .waitFor(60, TimeUnit.SECONDS);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static int freePortOrFail() {
    try {
      return freePort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
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
