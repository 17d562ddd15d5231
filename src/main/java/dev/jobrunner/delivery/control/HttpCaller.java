package dev.jobrunner.delivery.control;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.Timeout;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Makes the outbound calls. Apache HttpClient 5 (classic, pooled): it sends any method with any
 * body, measured ~2x the JDK client on loopback, and its connection manager takes a DNS resolver,
 * which is where a guard on the address actually connected to belongs. Redirects are never
 * followed; every call has a connect timeout and a total deadline; the body is read up to a cap and
 * the rest is dropped unread.
 */
@ApplicationScoped
public class HttpCaller {

  @Inject
  @ConfigProperty(name = "jobrunner.http.connect-timeout-ms", defaultValue = "5000")
  long connectTimeoutMs;

  @Inject
  @ConfigProperty(name = "jobrunner.http.total-timeout-ms", defaultValue = "30000")
  long totalTimeoutMs;

  @Inject
  @ConfigProperty(name = "jobrunner.http.max-response-bytes", defaultValue = "65536")
  int maxResponseBytes;

  @Inject
  @ConfigProperty(name = "jobrunner.http.max-connections", defaultValue = "256")
  int maxConnections;

  /**
   * Internal targets that may be called despite the SSRF guard: CIDRs, addresses and host names.
   */
  @Inject
  @ConfigProperty(name = "jobrunner.allowed-targets")
  Optional<String> allowedTargets;

  @Resource ManagedThreadFactory threads;

  private CloseableHttpClient client;
  private TargetPolicy policy;

  /**
   * One thread that aborts calls past their deadline; cheaper per call than a managed scheduled
   * task.
   */
  private ScheduledThreadPoolExecutor deadlines;

  @PostConstruct
  void start() {
    deadlines = new ScheduledThreadPoolExecutor(1, threads);
    deadlines.setRemoveOnCancelPolicy(true);
    policy = TargetPolicy.allowing(allowedTargets.orElse(""));
    var connections =
        PoolingHttpClientConnectionManagerBuilder.create()
            .setDnsResolver(new GuardedDnsResolver(policy))
            .setMaxConnTotal(maxConnections)
            .setMaxConnPerRoute(maxConnections)
            .setDefaultConnectionConfig(
                ConnectionConfig.custom()
                    .setConnectTimeout(Timeout.ofMilliseconds(connectTimeoutMs))
                    .setSocketTimeout(Timeout.ofMilliseconds(totalTimeoutMs))
                    .build())
            .build();
    client =
        HttpClients.custom()
            .setConnectionManager(connections)
            .setDefaultRequestConfig(
                RequestConfig.custom()
                    .setRedirectsEnabled(false)
                    .setConnectionRequestTimeout(Timeout.ofMilliseconds(totalTimeoutMs))
                    .setResponseTimeout(Timeout.ofMilliseconds(totalTimeoutMs))
                    .build())
            .disableRedirectHandling()
            .disableAutomaticRetries()
            .disableCookieManagement()
            .disableAuthCaching()
            .disableContentCompression()
            .setUserAgent("job-runner/1")
            .build();
  }

  /**
   * One exchange with a loopback socket of this process, through the same client and the same
   * reading as every call, so that the library classes a call needs are loaded and initialized by
   * the thread that calls this. Payara closes the WAR's library jars as its web module finishes
   * starting, and a thread loading a class from them at that moment fails ("zip file closed"); a
   * class whose static initializer failed that way stays unusable for the life of the JVM, so every
   * later call would fail. The deploying thread calls this before anything can send (see {@code
   * CallerWarmUp}). The host is given by address: the DNS guard, which refuses loopback, is not
   * asked.
   */
  public CallOutcome warmUp() throws IOException {
    long started = System.nanoTime();
    InetAddress loopback = InetAddress.getLoopbackAddress();
    try (var listener = new ServerSocket(0, 1, loopback)) {
      listener.setSoTimeout(WARM_UP_MS);
      threads.newThread(() -> answerOnce(listener)).start();
      var request = new HttpUriRequestBase("POST", URI.create("/warm-up"));
      request.setConfig(timeouts(WARM_UP_MS, WARM_UP_MS));
      request.setHeader("Content-Type", "application/json");
      request.setEntity(new ByteArrayEntity("{}".getBytes(StandardCharsets.UTF_8), null));
      var host = new HttpHost("http", loopback, listener.getLocalPort());
      ClassicHttpResponse response = client.executeOpen(host, request, null);
      try {
        return outcome(response, request, started);
      } finally {
        closeQuietly(response);
      }
    }
  }

  private static final int WARM_UP_MS = 5_000;

  private static final byte[] WARM_UP_ANSWER =
      ("HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: 2\r\n"
              + "Connection: close\r\n\r\nok")
          .getBytes(StandardCharsets.US_ASCII);

  private static final Pattern CONTENT_LENGTH = Pattern.compile("(?im)^content-length:\\s*(\\d+)");

  /** Reads one request (its head, then as many bytes as its Content-Length says) and answers it. */
  private static void answerOnce(ServerSocket listener) {
    try (Socket socket = listener.accept()) {
      socket.setSoTimeout(WARM_UP_MS);
      InputStream in = socket.getInputStream();
      var head = new StringBuilder();
      while (head.length() < 4 || !head.substring(head.length() - 4).equals("\r\n\r\n")) {
        int b = in.read();
        if (b < 0) {
          return;
        }
        head.append((char) b);
      }
      Matcher length = CONTENT_LENGTH.matcher(head);
      in.readNBytes(length.find() ? Integer.parseInt(length.group(1)) : 0);
      socket.getOutputStream().write(WARM_UP_ANSWER);
    } catch (IOException | RuntimeException e) {
      // the caller's exchange fails and says why
    }
  }

  @PreDestroy
  void stop() {
    client.close(CloseMode.GRACEFUL);
    deadlines.shutdownNow();
  }

  /** No call lasts longer than this: a run still 'running' well past it has lost its server. */
  public long totalTimeoutMs() {
    return totalTimeoutMs;
  }

  /**
   * Why a URL host typed as a literal address may not be called (checked when a job is created).
   */
  public Optional<String> refusalOfLiteralHost(String host) {
    return policy.refusalOfLiteral(host);
  }

  /** The service-wide connect timeout: a job's own may be shorter, never longer. */
  public long connectTimeoutMs() {
    return connectTimeoutMs;
  }

  /** Calls on the wire now, scheduled and manual (a metric). */
  private final java.util.concurrent.atomic.AtomicInteger inFlight =
      new java.util.concurrent.atomic.AtomicInteger();

  public int inFlight() {
    return inFlight.get();
  }

  public CallOutcome call(OutboundCall call) {
    inFlight.incrementAndGet();
    try {
      return callCounted(call);
    } finally {
      inFlight.decrementAndGet();
    }
  }

  private CallOutcome callCounted(OutboundCall call) {
    long started = System.nanoTime();
    long totalMs = bounded(call.timeoutMs(), totalTimeoutMs);
    long connectMs = bounded(call.connectTimeoutMs(), connectTimeoutMs);
    var request = new HttpUriRequestBase(call.method(), call.url());
    if (totalMs != totalTimeoutMs || connectMs != connectTimeoutMs) {
      request.setConfig(timeouts(connectMs, totalMs));
    }
    call.headers().forEach(request::setHeader);
    if (call.contentType() != null) {
      request.setHeader("Content-Type", call.contentType());
    }
    if (call.body() != null && !call.body().isEmpty()) {
      request.setEntity(new ByteArrayEntity(call.body().getBytes(StandardCharsets.UTF_8), null));
    }
    var deadlinePassed = new AtomicBoolean();
    ScheduledFuture<?> deadline =
        deadlines.schedule(
            () -> {
              deadlinePassed.set(true);
              request.cancel();
            },
            totalMs,
            TimeUnit.MILLISECONDS);
    try {
      ClassicHttpResponse response = client.executeOpen(null, request, null);
      try {
        return outcome(response, request, started);
      } finally {
        closeQuietly(response);
      }
    } catch (IOException | RuntimeException failure) {
      double ms = CallOutcome.roundMs(System.nanoTime() - started);
      if (deadlinePassed.get()) {
        return CallOutcome.noAnswer(
            CallStatus.TIMEOUT, ms, "No complete answer within " + totalMs + " ms");
      }
      return noAnswer(failure, ms, call, connectMs, totalMs);
    } finally {
      deadline.cancel(false);
    }
  }

  private CallOutcome outcome(
      ClassicHttpResponse response, HttpUriRequestBase request, long started) throws IOException {
    List<CallOutcome.Header> headers = new ArrayList<>();
    for (Header header : response.getHeaders()) {
      headers.add(new CallOutcome.Header(header.getName(), header.getValue()));
    }
    int code = response.getCode();
    var answer =
        new CallOutcome.Answer(
            String.valueOf(response.getVersion()), code, response.getReasonPhrase(), headers);
    CappedBody body = read(response.getEntity(), request);
    CallStatus status = code >= 200 && code < 300 ? CallStatus.SUCCESS : CallStatus.FAILURE;
    return new CallOutcome(
        status,
        answer,
        body.text(),
        body.truncated(),
        CallOutcome.roundMs(System.nanoTime() - started),
        null);
  }

  /**
   * Closing a response whose request was aborted (body over the cap) may fail; the outcome is
   * known.
   */
  private static void closeQuietly(ClassicHttpResponse response) {
    try {
      response.close();
    } catch (IOException alreadyAborted) {
      // nothing to release
    }
  }

  /** A request's own timeouts, where they differ from the client's. */
  private static RequestConfig timeouts(long connectMs, long totalMs) {
    return RequestConfig.custom()
        .setRedirectsEnabled(false)
        .setConnectionRequestTimeout(Timeout.ofMilliseconds(totalMs))
        .setConnectTimeout(Timeout.ofMilliseconds(connectMs))
        .setResponseTimeout(Timeout.ofMilliseconds(totalMs))
        .build();
  }

  private static long bounded(Integer own, long serviceWide) {
    return own == null ? serviceWide : Math.min(own, serviceWide);
  }

  private static CallOutcome noAnswer(
      Exception failure, double ms, OutboundCall call, long connectMs, long totalMs) {
    return switch (failure) {
      case ConnectTimeoutException timeout ->
          CallOutcome.noAnswer(
              CallStatus.TIMEOUT, ms, "Connect timed out after " + connectMs + " ms");
      case SocketTimeoutException timeout ->
          CallOutcome.noAnswer(CallStatus.TIMEOUT, ms, "No answer within " + totalMs + " ms");
      case GuardedDnsResolver.BlockedTarget blocked ->
          CallOutcome.noAnswer(CallStatus.BLOCKED, ms, "blocked: " + blocked.getMessage());
      case UnknownHostException unknown ->
          CallOutcome.noAnswer(CallStatus.UNREACHABLE, ms, "Unknown host " + call.url().getHost());
      case ConnectException refused ->
          CallOutcome.noAnswer(
              CallStatus.UNREACHABLE, ms, "Connection refused by " + authority(call));
      case SSLException tls ->
          CallOutcome.noAnswer(CallStatus.UNREACHABLE, ms, "TLS error: " + tls.getMessage());
      default ->
          CallOutcome.noAnswer(
              CallStatus.UNREACHABLE, ms, "Network error: " + String.valueOf(failure.getMessage()));
    };
  }

  private static String authority(OutboundCall call) {
    return call.url().getHost() + (call.url().getPort() > 0 ? ":" + call.url().getPort() : "");
  }

  private record CappedBody(String text, boolean truncated) {}

  /** Reads up to the cap; past it the request is aborted, so the rest is never read or buffered. */
  private CappedBody read(HttpEntity entity, HttpUriRequestBase request) throws IOException {
    if (entity == null) {
      return new CappedBody("", false);
    }
    Charset charset = charsetOf(entity);
    InputStream in = entity.getContent();
    byte[] kept = in.readNBytes(maxResponseBytes);
    boolean truncated = kept.length == maxResponseBytes && in.read() != -1;
    if (truncated) {
      request.cancel(); // closing the stream now would drain it
    } else {
      in.close();
    }
    return new CappedBody(new String(kept, charset), truncated);
  }

  private static Charset charsetOf(HttpEntity entity) {
    try {
      ContentType type = ContentType.parseLenient(entity.getContentType());
      return type != null && type.getCharset() != null ? type.getCharset() : StandardCharsets.UTF_8;
    } catch (RuntimeException unsupported) {
      return StandardCharsets.UTF_8;
    }
  }
}
