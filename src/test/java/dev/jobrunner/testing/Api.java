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

/** A small client for the Job Runner API as a user sees it: raw HTTP, JSON answers. */
public final class Api {
  public static final String PREFIX = "2026-02-01/";
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final URI base;

  public Api(URI base) {
    this.base = base.toString().endsWith("/") ? base : URI.create(base + "/");
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

  public Reply send(String method, String path, String token, String contentType, String body) {
    return send(method, path, token, contentType, body, java.util.Map.of());
  }

  /** With extra request headers, such as If-Match or Idempotency-Key. */
  public Reply send(
      String method, String path, String token, String contentType, String body, java.util.Map<String, String> headers) {
    var request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(60));
    headers.forEach(request::header);
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    request.method(method, body == null ? BodyPublishers.noBody() : BodyPublishers.ofString(body));
    try {
      HttpResponse<String> response = HTTP.send(request.build(), BodyHandlers.ofString());
      return new Reply(response.statusCode(), response.body(), response);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
