package dev.jobrunner.delivery.control;

import java.net.URI;
import java.util.Map;
import java.util.Objects;

/**
 * One HTTP request to make: method, absolute URL, optional content type and body, headers (the
 * job's own, which may be secrets, and those that identify the run), and the job's own timeouts
 * (null: the service's). {@link #toString()} leaves header values out: they must never reach a log.
 */
public record OutboundCall(
    String method,
    URI url,
    String contentType,
    String body,
    Map<String, String> headers,
    Integer connectTimeoutMs,
    Integer timeoutMs) {
  public OutboundCall {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(url, "url");
    headers = Map.copyOf(headers);
  }

  public OutboundCall(
      String method, URI url, String contentType, String body, Map<String, String> headers) {
    this(method, url, contentType, body, headers, null, null);
  }

  @Override
  public String toString() {
    return "OutboundCall[" + method + " " + url + ", headers " + headers.keySet() + "]";
  }
}
