package dev.jobrunner.delivery.control;

import java.net.URI;
import java.util.Map;
import java.util.Objects;

/**
 * One HTTP request to make: method, absolute URL, optional content type and body, and headers that identify
 * the run to the target (for example {@code Idempotency-Key}).
 */
public record OutboundCall(String method, URI url, String contentType, String body, Map<String, String> headers) {
  public OutboundCall {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(url, "url");
    headers = Map.copyOf(headers);
  }
}
