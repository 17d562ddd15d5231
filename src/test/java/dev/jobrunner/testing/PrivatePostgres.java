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
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL server of the test's own, on 127.0.0.1 and a free port, in a temporary directory: a
 * fault test can stop it, start it again, and own its data. Uses the binaries {@code bin/test}
 * names in {@code jobrunner.test.pg.bin} (or the newest installed); as root, runs them as the
 * postgres user.
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

  /** Whether PostgreSQL's binaries are on this machine (the fault tests need them). */
  public static boolean available() {
    return binaries() != null;
  }

  public static PrivatePostgres start() {
    Path bin = binaries();
    if (bin == null) {
      throw new IllegalStateException("PostgreSQL binaries not found: set jobrunner.test.pg.bin");
    }
    try {
      // Under /tmp, not the checkout: the postgres user must be able to reach it.
      Path dir = Files.createTempDirectory("jobrunner-test-pg-");
      var pg = new PrivatePostgres(bin, dir, freePort());
      if (isRoot()) {
        run(List.of("chown", "postgres", dir.toString()));
      }
      pg.asPostgres(
          "initdb", "-D", dir.resolve("data").toString(), "-A", "trust", "-U", "postgres");
      pg.startAgain();
      pg.asPostgres(
          "createdb",
          "-h",
          "127.0.0.1",
          "-p",
          String.valueOf(pg.port),
          "-U",
          "postgres",
          "jobrunner");
      return pg;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String url() {
    return "jdbc:postgresql://127.0.0.1:" + port + "/jobrunner";
  }

  /** What the server needs to use this database. */
  public java.util.Map<String, String> env() {
    return java.util.Map.of(
        "JOBRUNNER_DB_URL", url(), "JOBRUNNER_DB_USER", "postgres", "JOBRUNNER_DB_PASSWORD", "");
  }

  public Connection connect() {
    try {
      return DriverManager.getConnection(url(), "postgres", "");
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A clean stop of the database server (connections are cut). */
  public void stop() {
    asPostgres("pg_ctl", "-D", dir.resolve("data").toString(), "-m", "fast", "-w", "stop");
  }

  /** Starts the database server (again, after {@link #stop()}), on the same port and data. */
  public void startAgain() {
    asPostgres(
        "pg_ctl",
        "-D",
        dir.resolve("data").toString(),
        "-l",
        dir.resolve("log").toString(),
        "-w",
        "-o",
        "-p " + port + " -c listen_addresses=127.0.0.1 -k " + dir + " -c max_connections=200",
        "start");
  }

  @Override
  public void close() {
    try {
      stop();
    } catch (RuntimeException alreadyStopped) {
      // nothing to stop
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      // a leftover temporary directory is harmless
    }
  }

  private void asPostgres(String program, String... arguments) {
    List<String> command = new ArrayList<>();
    if (isRoot()) {
      command.addAll(List.of("runuser", "-u", "postgres", "--"));
    }
    command.add(bin.resolve(program).toString());
    command.addAll(List.of(arguments));
    run(command);
  }

  private static void run(List<String> command) {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes());
      if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static Path binaries() {
    String configured = System.getProperty("jobrunner.test.pg.bin", "");
    if (!configured.isBlank()) {
      return Path.of(configured);
    }
    try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
      return versions
          .map(version -> version.resolve("bin"))
          .filter(path -> Files.isExecutable(path.resolve("initdb")))
          .max(
              Comparator.comparing(
                  path -> Integer.parseInt(path.getParent().getFileName().toString())))
          .orElse(null);
    } catch (IOException | NumberFormatException none) {
      return null;
    }
  }

  private static boolean isRoot() {
    return "root".equals(System.getProperty("user.name"));
  }

  static int freePort() {
    try (var socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
