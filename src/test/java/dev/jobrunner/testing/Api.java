package dev.jobrunner.testing;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** A small client for the Job Runner API as a user sees it: raw HTTP, JSON answers. */
public final class Api {
  public static final String PREFIX = "2026-02-01/";
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /**
   * HTTP/1.1 only: each request in flight has a kept-alive connection of its own, as separate
   * clients have. The default client, as a user's JDK client does, offers h2c with each
   * connection's first request; the server speaks HTTP/1.1 only, answers, and closes that
   * connection (see HttpProtocolIT), so it makes a connection per request.
   */
  private static final HttpClient HTTP_1_1 =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  private final URI base;
  private final HttpClient http;

  public Api(URI base) {
    this(base, HTTP);
  }

  private Api(URI base, HttpClient http) {
    this.base = base.toString().endsWith("/") ? base : URI.create(base + "/");
    this.http = http;
  }

  /** The same API over HTTP/1.1 connections, one per request in flight (see {@link #HTTP_1_1}). */
  public Api overHttp11() {
    return new Api(base, HTTP_1_1);
  }

  /**
   * The same API through a client of its own with the JDK's defaults. Its first request offers the
   * h2c upgrade; a client stops offering it to a server that declined once.
   */
  public Api overNewClient() {
    return new Api(base, HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build());
  }

  public record Reply(int status, String body, HttpResponse<String> raw) {
    public JsonObject json() {
      try (var reader = Json.createReader(new StringReader(body))) {
        return reader.readObject();
      } catch (RuntimeException notJson) {
        throw new AssertionError("not a JSON object (status " + status + "): " + body, notJson);
      }
    }

    public String error() {
      return json().getString("error");
    }

    public String header(String name) {
      return raw.headers().firstValue(name).orElse(null);
    }

    @Override
    public String toString() {
      return status + " " + body;
    }
  }

  public Reply list(String token) {
    return get(PREFIX + "job-runner.json", token);
  }

  public Reply list(String token, String query) {
    return get(PREFIX + "job-runner.json?" + query, token);
  }

  public Reply create(String token, String json) {
    return send("POST", PREFIX + "job-runner.json", token, "application/json", json);
  }

  /** Creates a job and returns its id, failing the test if the server refuses it. */
  public String createOk(String token, String jobRunnerJson) {
    Reply reply = create(token, "{\"jobrunner\":" + jobRunnerJson + "}");
    if (reply.status() != 201) {
      throw new AssertionError("create failed: " + reply);
    }
    return reply.json().getString("id");
  }

  public Reply run(String token, String id) {
    return send("POST", PREFIX + "job-runner/" + id + "/run.json", token, null, null);
  }

  public Reply delete(String token, String id) {
    return send("DELETE", PREFIX + "job-runner/" + id + ".json", token, null, null);
  }

  /** Deletes every job, so a test can reason about exact counts. */
  public void deleteAll(String token) {
    while (true) {
      var elements = list(token, "size=100").json().getJsonArray("elements");
      if (elements.isEmpty()) {
        return;
      }
      for (JsonValue element : elements) {
        delete(token, element.asJsonObject().getString("id"));
      }
    }
  }

  public Reply get(String path, String token) {
    return send("GET", path, token, null, null);
  }

  /** The data of one readiness check, whatever the overall readiness. */
  public JsonObject readiness(String check) {
    return get("health/ready", null)
        .json()
        .getJsonArray("checks")
        .getValuesAs(JsonObject.class)
        .stream()
        .filter(c -> c.getString("name").equals(check))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no readiness check " + check))
        .getJsonObject("data");
  }

  public record Header(String name, String value) {}

  /** How a request authenticates: headers to send (none for an anonymous request). */
  public record Credential(String description, List<Header> headers) {
    public static final Credential NONE = new Credential("no credential", List.of());

    /** {@code Authorization: Bearer <token>}: a JWT, or an API key. */
    public static Credential bearer(String token) {
      return new Credential("bearer", List.of(new Header("Authorization", "Bearer " + token)));
    }

    /** {@code X-API-Key: <key>}. */
    public static Credential apiKey(String key) {
      return new Credential("X-API-Key", List.of(new Header("X-API-Key", key)));
    }

    /** Every header of both. */
    public Credential and(Credential other) {
      var all = new ArrayList<>(headers);
      all.addAll(other.headers);
      return new Credential(description + " and " + other.description, List.copyOf(all));
    }

    @Override
    public String toString() {
      return description;
    }
  }

  // API keys
  // ------------------------------------------------------------------------------------------------

  /** A key as its creator receives it: the id, and the key itself (shown only then). */
  public record IssuedKey(String id, String key) {}

  public Reply createApiKey(String adminToken, String json) {
    return send("POST", PREFIX + "api-keys.json", adminToken, "application/json", json);
  }

  /**
   * Creates a key with these permissions and returns it, failing the test if the server refuses.
   */
  public IssuedKey createApiKeyOk(String adminToken, String name, String... permissions) {
    String list = String.join(",", Arrays.stream(permissions).map(p -> "\"" + p + "\"").toList());
    Reply reply =
        createApiKey(
            adminToken, "{\"api_key\":{\"name\":\"" + name + "\",\"permissions\":[" + list + "]}}");
    if (reply.status() != 201) {
      throw new AssertionError("API key create failed: " + reply);
    }
    return new IssuedKey(reply.json().getString("id"), reply.json().getString("key"));
  }

  public Reply listApiKeys(String adminToken, String query) {
    return get(PREFIX + "api-keys.json" + (query == null ? "" : "?" + query), adminToken);
  }

  public Reply getApiKey(String adminToken, String id) {
    return get(PREFIX + "api-keys/" + id + ".json", adminToken);
  }

  public Reply revokeApiKey(String adminToken, String id) {
    return send("DELETE", PREFIX + "api-keys/" + id + ".json", adminToken, null, null);
  }

  /** A GET sent with {@code X-API-Key: <key>}. */
  public Reply getWithKey(String path, String key) {
    return send("GET", path, Credential.apiKey(key), null, null);
  }

  /** A request sent with {@code X-API-Key: <key>}. */
  public Reply sendWithKey(
      String method, String path, String key, String contentType, String body) {
    return send(method, path, Credential.apiKey(key), contentType, body);
  }

  /** A request sent with {@code Authorization: Bearer <token>}; null for none. */
  public Reply send(String method, String path, String token, String contentType, String body) {
    return send(
        method,
        path,
        token == null ? Credential.NONE : Credential.bearer(token),
        contentType,
        body,
        Map.of());
  }

  /** With extra request headers, such as If-Match or Idempotency-Key. */
  public Reply send(
      String method,
      String path,
      String token,
      String contentType,
      String body,
      Map<String, String> headers) {
    return send(
        method,
        path,
        token == null ? Credential.NONE : Credential.bearer(token),
        contentType,
        body,
        headers);
  }

  public Reply send(
      String method, String path, Credential credential, String contentType, String body) {
    return send(method, path, credential, contentType, body, Map.of());
  }

  public Reply send(
      String method,
      String path,
      Credential credential,
      String contentType,
      String body,
      Map<String, String> headers) {
    var request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(60));
    headers.forEach(request::header);
    for (Header header : credential.headers()) {
      request.header(header.name(), header.value());
    }
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    request.method(method, body == null ? BodyPublishers.noBody() : BodyPublishers.ofString(body));
    try {
      HttpResponse<String> response = http.send(request.build(), BodyHandlers.ofString());
      return new Reply(response.statusCode(), response.body(), response);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
