package dev.jobrunner.delivery.control;

import java.net.URI;
import java.util.Objects;

/** One HTTP request to make: method, absolute URL, and optional content type and body. */
public record OutboundCall(String method, URI url, String contentType, String body) {
  public OutboundCall {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(url, "url");
  }
}
