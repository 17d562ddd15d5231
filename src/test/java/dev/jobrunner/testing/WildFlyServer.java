package dev.jobrunner.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A stock WildFly (the unpacked {@code wildfly-dist}) running the shipped WAR, as an operator runs
 * it: the configuration changed only by the project's CLI script, applied offline; the WAR dropped
 * into {@code deployments}; {@code bin/standalone.sh} started with the environment given and
 * stopped with SIGTERM. The server's own files (configuration, deployments, timers, logs) are a
 * copy of the distribution's {@code standalone} folder in a directory of this run, so the
 * distribution stays as unpacked. Every port is moved by one offset so that all of them are free,
 * and bound to 127.0.0.1.
 */
public final class WildFlyServer implements AutoCloseable {
  /** WildFly's ports before the offset: http, https, management http/https, transactions, AJP. */
  private static final List<Integer> PORTS = List.of(8080, 8443, 9990, 9993, 4712, 4713, 8009);

  private final Path home;
  private final Path base;
  private final Map<String, String> env = new HashMap<>();
  private final Path logs;
  private int offset;
  private Process process;
  private Path log;
  private int starts;

  /** A server of the distribution at {@code home} whose own files are made in {@code dir}. */
  public WildFlyServer(Path home, Path dir, Map<String, String> env) {
    this.home = home.toAbsolutePath();
    this.base = dir.toAbsolutePath().resolve("standalone");
    this.logs = dir.toAbsolutePath().resolve("logs");
    this.env.putAll(env);
    copy(this.home.resolve("standalone"), base);
  }

  /**
   * Applies a CLI script to the stopped server's configuration (embed-server); fails with the CLI's
   * output.
   */
  public void configure(Path script, Map<String, String> properties) {
    try {
      Files.createDirectories(logs);
      Path output = logs.resolve("cli-" + script.getFileName() + ".log");
      var command =
          new ArrayList<>(
              List.of(
                  "bash",
                  home.resolve("bin/jboss-cli.sh").toString(),
                  "--file=" + script.toAbsolutePath(),
                  "-Djboss.server.base.dir=" + base));
      properties.forEach((name, value) -> command.add("-D" + name + "=" + value));
      var builder =
          new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
      builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
      Process cli = builder.start();
      if (!cli.waitFor(5, TimeUnit.MINUTES)) {
        cli.destroyForcibly();
        throw new AssertionError("jboss-cli did not finish within 5 minutes; see " + output);
      }
      String said = Files.readString(output);
      if (cli.exitValue() != 0 || said.contains("\"outcome\" => \"failed\"")) {
        throw new AssertionError(
            "jboss-cli failed (exit " + cli.exitValue() + ") on " + script + ":\n" + said);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * Puts the WAR where the deployment scanner deploys it at start; jboss-web.xml puts it at "/".
   */
  public void deploy(Path war) {
    try {
      Files.copy(
          war, base.resolve("deployments/job-runner.war"), StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** An environment variable for the next start. */
  public void withEnv(String name, String value) {
    env.put(name, value);
  }

  /** Starts the server and waits until the API answers (401 without a token). */
  public void start(Duration limit) {
    try {
      offset = freeOffset();
      log = logs.resolve("wildfly-" + (++starts) + ".log");
      Files.createDirectories(logs);
      var builder =
          new ProcessBuilder(
                  "bash",
                  home.resolve("bin/standalone.sh").toString(),
                  "-Djboss.server.base.dir=" + base,
                  "-Djboss.socket.binding.port-offset=" + offset,
                  "-Djboss.bind.address=127.0.0.1",
                  "-Djboss.bind.address.management=127.0.0.1")
              .redirectErrorStream(true)
              .redirectOutput(log.toFile());
      builder.environment().putAll(env);
      builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
      // Not LAUNCH_JBOSS_IN_BACKGROUND: with it, standalone.sh relays SIGTERM but then never exits
      // on bash 5.2
      // (its wait loop gets the status 143 again and again). stop() signals the Java process
      // itself.
      builder.environment().remove("LAUNCH_JBOSS_IN_BACKGROUND");
      process = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    awaitReady(limit);
  }

  private void awaitReady(Duration limit) {
    Instant deadline = Instant.now().plus(limit);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new AssertionError("WildFly exited with " + process.exitValue() + "; see " + log);
      }
      String said = log();
      if (said.contains("WFLYSRV0026") || said.contains("WFLYCTL0013")) {
        throw new AssertionError("WildFly started with errors (the deployment failed); see " + log);
      }
      if (said.contains("WFLYSRV0025")) {
        try {
          if (api().list(null).status() == 401) {
            return;
          }
        } catch (RuntimeException notYet) {
          // the port is not open yet
        }
      }
      sleep(250);
    }
    throw new AssertionError("WildFly not ready within " + limit + "; see " + log);
  }

  public Api api() {
    return new Api(URI.create("http://127.0.0.1:" + (8080 + offset) + "/"));
  }

  /** SIGTERM, as an operator's service manager sends it; returns the exit code. */
  public int stop() {
    List<ProcessHandle> java = process.descendants().toList();
    java.forEach(ProcessHandle::destroy);
    try {
      if (!process.waitFor(2, TimeUnit.MINUTES)) {
        kill();
        throw new AssertionError("WildFly did not stop within 2 minutes of SIGTERM; see " + log);
      }
      // The next start must not find the H2 files still held by this Java process.
      java.forEach(child -> child.onExit().join());
      return process.exitValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public String log() {
    try {
      return log == null ? "" : Files.readString(log);
    } catch (IOException e) {
      return "";
    }
  }

  @Override
  public void close() {
    if (process != null && process.isAlive()) {
      kill();
    }
  }

  private void kill() {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
  }

  private static void copy(Path from, Path to) {
    try (var files = Files.walk(from)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        Path copy = to.resolve(from.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(copy);
        } else {
          Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** An offset that moves every one of WildFly's ports to a free one. */
  private static int freeOffset() {
    for (int attempt = 0; attempt < 100; attempt++) {
      int candidate = 1_000 + ThreadLocalRandom.current().nextInt(20_000);
      if (PORTS.stream().allMatch(port -> free(port + candidate))) {
        return candidate;
      }
    }
    throw new IllegalStateException("no port offset with all of WildFly's ports free");
  }

  private static boolean free(int port) {
    try (var socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      return true;
    } catch (IOException inUse) {
      return false;
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
