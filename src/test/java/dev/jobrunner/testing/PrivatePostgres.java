package dev.jobrunner.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A PostgreSQL cluster of a test's own, on a free port of 127.0.0.1, that the test may stop and start
 * again (bin/test's shared one must stay up for the others). Made with the installed binaries the way
 * bin/test makes its own ({@code initdb}, {@code pg_ctl}, as the postgres user when run as root); a test
 * using it is skipped where PostgreSQL is not installed.
 */
public final class PrivatePostgres implements AutoCloseable {
  private final Path bin;
  private final Path dir;
  private final int port;

  private PrivatePostgres(Path bin, Path dir, int port) {
    this.bin = bin;
    this.dir = dir;
    this.port = port;
  }

  /** Makes and starts a cluster with a database {@code jobrunner}; skips the test without PostgreSQL. */
  public static PrivatePostgres start() {
    Optional<Path> bin = binaries();
    Assumptions.assumeTrue(bin.isPresent(), "PostgreSQL is not installed (/usr/lib/postgresql/*/bin)");
    try {
      Path dir = Files.createTempDirectory(Path.of("/tmp"), "jobrunner-it-pg");
      var postgres = new PrivatePostgres(bin.get(), dir, freePort());
      if (root()) {
        runAs(false, "chown", "postgres", dir.toString()); // initdb refuses to run as root
      }
      postgres.run(postgres.bin("initdb"), "-D", dir.resolve("data").toString(), "-A", "trust", "-U", "postgres");
      postgres.startAgain();
      postgres.run(postgres.bin("createdb"), "-h", "127.0.0.1", "-p", String.valueOf(postgres.port), "-U", "postgres", "jobrunner");
      return postgres;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String url() {
    return "jdbc:postgresql://127.0.0.1:" + port + "/jobrunner";
  }

  public Connection connect() throws SQLException {
    return DriverManager.getConnection(url(), "postgres", "");
  }

  /** A fast shutdown, as an outage: connections are cut. */
  public void stop() {
    run(bin("pg_ctl"), "-D", dir.resolve("data").toString(), "-m", "fast", "-w", "stop");
  }

  public void startAgain() {
    run(
        bin("pg_ctl"), "-D", dir.resolve("data").toString(), "-l", dir.resolve("log").toString(), "-w", "-o",
        "-p " + port + " -c listen_addresses=127.0.0.1 -k " + dir, "start");
  }

  @Override
  public void close() {
    try {
      stop();
    } catch (RuntimeException alreadyStopped) {
      // nothing to stop
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (IOException e) {
      // a temporary directory left behind
    }
  }

  private static Optional<Path> binaries() {
    try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
      return versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("pg_ctl"))).max(Comparator.naturalOrder());
    } catch (IOException none) {
      return Optional.empty();
    }
  }

  private String bin(String name) {
    return bin.resolve(name).toString();
  }

  private static boolean root() {
    return "root".equals(System.getProperty("user.name"));
  }

  /** Runs a PostgreSQL command, as the postgres user when we are root. */
  private void run(String... command) {
    runAs(root(), command);
  }

  private static void runAs(boolean postgresUser, String... command) {
    List<String> line = new ArrayList<>();
    if (postgresUser) {
      line.addAll(List.of("runuser", "-u", "postgres", "--"));
    }
    line.addAll(List.of(command));
    try {
      Process process = new ProcessBuilder(line).redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes());
      if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new IllegalStateException(String.join(" ", line) + " failed: " + output);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static int freePort() throws IOException {
    try (var socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
