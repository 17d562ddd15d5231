package dev.jobrunner.api;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jobrunner.testing.Api;
import dev.jobrunner.testing.ServerProcess;
import dev.jobrunner.testing.TestTokens;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The HTTP the jar speaks, run as a process: HTTP/1.1 only, because Payara's Grizzly keeps every
 * HTTP/2 cleartext stream that carried a body (server-config/pre-boot-commands.asadmin). Clients
 * that offer the h2c upgrade, as the JDK's HttpClient does by default, are answered in HTTP/1.1
 * with their bodies intact, and thousands of their requests leave nothing behind in the server's
 * heap.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HttpProtocolIT {
  private static final String STREAM_CLASS = "org.glassfish.grizzly.http2.Http2Stream";

  private final String token = TestTokens.readWrite();
  private ServerProcess server;

  @BeforeAll
  void start() {
    server =
        ServerProcess.start(
            "http-protocol",
            Map.of(
                "JOBRUNNER_DATA_DIR",
                Path.of("target/it-data/http-protocol-" + System.nanoTime())
                    .toAbsolutePath()
                    .toString()));
  }

  @AfterAll
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void aCreateOfferingTheUpgradeIsAnsweredInHttp11WithItsBody() {
    Api.Reply reply =
        server
            .api()
            .overNewClient()
            .create(
                token,
                "{\"jobrunner\":{\"title\":\"Offered h2c\",\"method\":\"POST\","
                    + "\"url\":\"http://127.0.0.1:9/x\",\"content_type\":\"text/plain\","
                    + "\"body\":\"kept\",\"schedulation\":[\"03:17\"]}}");
    assertEquals(201, reply.status(), reply::toString);
    assertEquals(HttpClient.Version.HTTP_1_1, reply.raw().version());
    assertTrue(reply.header("Content-Type").startsWith("application/json"), reply::toString);
    Api.Reply stored =
        server
            .api()
            .get(Api.PREFIX + "job-runner/" + reply.json().getString("id") + ".json", token);
    assertEquals("Offered h2c", stored.json().getString("title"), stored::toString);
    assertEquals("kept", stored.json().getString("body"), stored::toString);
  }

  /**
   * Answers written outside JAX-RS (the error page's 401 and 404) keep their JSON content type too:
   * Grizzly would write them raw.
   */
  @Test
  void errorsOfferingTheUpgradeAreJson() {
    Api.Reply unauthenticated = server.api().overNewClient().list("not-a-token");
    Api.Reply unknown = server.api().overNewClient().get("somewhere/else", token);
    for (Api.Reply reply : List.of(unauthenticated, unknown)) {
      assertEquals(HttpClient.Version.HTTP_1_1, reply.raw().version());
      assertTrue(reply.header("Content-Type").startsWith("application/json"), reply::toString);
      assertTrue(!reply.error().isBlank(), reply::toString);
    }
    assertEquals(401, unauthenticated.status(), unauthenticated::toString);
    assertEquals(404, unknown.status(), unknown::toString);
  }

  /** Grizzly keeps such a body unparsed: without a length it could only wait for a timeout. */
  @Test
  void aChunkedBodyOfferingTheUpgradeIsA411AtOnce() throws IOException {
    String chunk = "{\"jobrunner\":{\"title\":\"chunked\"}}";
    String request =
        "POST /2026-02-01/job-runner.json HTTP/1.1\r\n"
            + "Host: 127.0.0.1\r\n"
            + "Authorization: Bearer "
            + token
            + "\r\n"
            + "Content-Type: application/json\r\n"
            + "Connection: Upgrade, HTTP2-Settings\r\n"
            + "Upgrade: h2c\r\n"
            + "HTTP2-Settings: AAMAAABkAAQCAAAAAAIAAAAA\r\n"
            + "Transfer-Encoding: chunked\r\n\r\n"
            + Integer.toHexString(chunk.length())
            + "\r\n"
            + chunk
            + "\r\n0\r\n\r\n";
    long started = System.nanoTime();
    try (var socket = new Socket("127.0.0.1", server.uri().getPort())) {
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write(request.getBytes(UTF_8));
      String answer = new String(socket.getInputStream().readAllBytes(), UTF_8);
      assertTrue(answer.startsWith("HTTP/1.1 411 "), answer);
      assertTrue(answer.contains("{\"error\":\"A request offering a protocol upgrade"), answer);
    }
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    assertTrue(millis < 5_000, "answered after " + millis + " ms");
  }

  /** 5,000 bodies offered over h2c with HTTP/2 on left 5,064 streams live after a full GC. */
  @Test
  void postsOfferingTheUpgradeLeaveNoStreamsBehind() throws Exception {
    Map<String, Integer> answers = post(3_000, null);
    answers.putAll(post(200, token));
    assertEquals(Map.of("401", 3_000, "201", 200), answers);
    long streams = liveInstances(STREAM_CLASS);
    assertTrue(streams < 50, streams + " HTTP/2 streams live after 3,200 POSTs");
  }

  /**
   * {@code count} creates, 8 in flight, with the JDK client's defaults; answers by version and
   * status.
   */
  private Map<String, Integer> post(int count, String bearer) throws InterruptedException {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    URI uri = server.uri().resolve(Api.PREFIX + "job-runner.json");
    Map<String, Integer> answers = new TreeMap<>();
    Semaphore inFlight = new Semaphore(8);
    List<CompletableFuture<?>> sent = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      inFlight.acquire();
      var request =
          HttpRequest.newBuilder(uri)
              .timeout(Duration.ofSeconds(30))
              .header("Content-Type", "application/json")
              .POST(
                  HttpRequest.BodyPublishers.ofString(
                      "{\"jobrunner\":{\"title\":\"t"
                          + i
                          + "\",\"method\":\"GET\",\"url\":\"http://127.0.0.1:9/x\","
                          + "\"content_type\":\"text/plain\",\"schedulation\":[\"03:17\"]}}"));
      if (bearer != null) {
        request.header("Authorization", "Bearer " + bearer);
      }
      sent.add(
          client
              .sendAsync(request.build(), HttpResponse.BodyHandlers.discarding())
              .whenComplete(
                  (response, failure) -> {
                    inFlight.release();
                    String answer =
                        failure != null
                            ? "failed: " + failure
                            : String.valueOf(response.statusCode());
                    synchronized (answers) {
                      answers.merge(answer, 1, Integer::sum);
                    }
                  }));
    }
    CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).join();
    return answers;
  }

  /**
   * Instances of a class live in the server after a full GC (the JDK's jcmd, as an operator would).
   */
  private long liveInstances(String className) throws IOException, InterruptedException {
    Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    Process histogram =
        new ProcessBuilder(jcmd.toString(), String.valueOf(server.pid()), "GC.class_histogram")
            .redirectErrorStream(true)
            .start();
    String output = new String(histogram.getInputStream().readAllBytes(), UTF_8);
    assertTrue(histogram.waitFor(60, TimeUnit.SECONDS), "jcmd did not end");
    assertTrue(output.contains("java.lang.String "), output);
    Matcher row =
        Pattern.compile("\\s(\\d+)\\s+\\d+\\s+" + Pattern.quote(className) + "\\s").matcher(output);
    return row.find() ? Long.parseLong(row.group(1)) : 0;
  }
}
