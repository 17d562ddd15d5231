package dev.jobrunner.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A real HTTP target on 127.0.0.1 that records what it receives. Paths: {@code /ok} answers 200
 * {"ok":true}; {@code /fail} 500; {@code /hang} never answers in time; {@code /big} sends 1 MiB;
 * {@code /redirect} a 302 to /ok; {@code /status/<code>} that status, with {@code Retry-After: <n>}
 * for {@code ?retry_after=<n>}; {@code /flaky/<n>/...} 503 for its first n calls, then 200; {@code
 * /slow} 200 after 1.5 s; {@code /delay/<ms>/...} 200 after that many milliseconds; {@code
 * /flaky-once/...} 503 with {@code Retry-After: 2} for the first call to each path (its
 * occurrence), 200 after.
 */
public final class TargetServer implements AutoCloseable {

  public record Received(
      String method,
      String path,
      String contentType,
      String body,
      Map<String, List<String>> headers,
      Instant at) {
    /** The first value of a header, by its name in any case. */
    public String header(String name) {
      return headers.entrySet().stream()
          .filter(entry -> entry.getKey().equalsIgnoreCase(name))
          .map(entry -> entry.getValue().getFirst())
          .findFirst()
          .orElse(null);
    }
  }

  private final HttpServer server;
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final Map<String, Integer> hits = new ConcurrentHashMap<>();

  private TargetServer(HttpServer server) {
    this.server = server;
  }

  public static TargetServer start() {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 200);
      var target = new TargetServer(server);
      server.createContext("/", target::handle);
      server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
      server.start();
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  public List<Received> received() {
    return List.copyOf(received);
  }

  public List<Received> received(String path) {
    return received.stream().filter(r -> r.path().equals(path)).toList();
  }

  private void handle(HttpExchange exchange) throws IOException {
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    String path = exchange.getRequestURI().getPath();
    received.add(
        new Received(
            exchange.getRequestMethod(),
            path,
            exchange.getRequestHeaders().getFirst("Content-Type"),
            body,
            Map.copyOf(exchange.getRequestHeaders()),
            Instant.now()));
    hits.merge(path, 1, Integer::sum);
    if (path.startsWith("/status/")) {
      String query = exchange.getRequestURI().getQuery();
      if (query != null && query.startsWith("retry_after=")) {
        exchange.getResponseHeaders().add("Retry-After", query.substring("retry_after=".length()));
      }
      reply(
          exchange,
          Integer.parseInt(path.substring("/status/".length())),
          "text/plain",
          "as asked");
      return;
    }
    if (path.startsWith("/delay/")) {
      try {
        Thread.sleep(Long.parseLong(path.split("/")[2]));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      reply(exchange, 200, "application/json", "{\"ok\":true}");
      return;
    }
    if (path.startsWith("/flaky-once/")) {
      String occurrence = path + " " + exchange.getRequestHeaders().getFirst("Idempotency-Key");
      if (hits.merge(occurrence, 1, Integer::sum) == 1) {
        exchange.getResponseHeaders().add("Retry-After", "2");
        reply(exchange, 503, "text/plain", "not yet");
      } else {
        reply(exchange, 200, "text/plain", "now");
      }
      return;
    }
    if (path.startsWith("/flaky/")) {
      int failures = Integer.parseInt(path.split("/")[2]);
      if (hits.get(path) <= failures) {
        reply(exchange, 503, "text/plain", "not yet");
      } else {
        reply(exchange, 200, "text/plain", "now");
      }
      return;
    }
    switch (path) {
      case "/slow" -> {
        try {
          Thread.sleep(1_500);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        reply(exchange, 200, "text/plain", "slowly");
      }
      case "/fail" -> reply(exchange, 500, "text/plain", "target broke");
      case "/hang" -> {
        try {
          Thread.sleep(60_000);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        reply(exchange, 200, "text/plain", "too late");
      }
      case "/big" -> {
        exchange.getResponseHeaders().add("Content-Type", "text/plain");
        exchange.sendResponseHeaders(200, 1 << 20);
        try (var out = exchange.getResponseBody()) {
          byte[] chunk = "x".repeat(1024).getBytes(StandardCharsets.US_ASCII);
          for (int i = 0; i < 1024; i++) {
            out.write(chunk);
          }
        } catch (IOException clientHungUp) {
          // expected: the caller stops reading at its cap
        }
      }
      case "/redirect" -> {
        exchange.getResponseHeaders().add("Location", url("/ok"));
        reply(exchange, 302, "text/plain", "moved");
      }
      default -> {
        exchange.getResponseHeaders().add("X-Target", "yes");
        reply(exchange, 200, "application/json", "{\"ok\":true}");
      }
    }
  }

  private static void reply(HttpExchange exchange, int status, String type, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", type);
    exchange.sendResponseHeaders(status, bytes.length);
    try (var out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
