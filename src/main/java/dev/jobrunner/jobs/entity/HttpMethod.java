package dev.jobrunner.jobs.entity;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The methods a job may call with. GET and HEAD carry no body (RFC 9110 gives a body on them no
 * meaning).
 */
public enum HttpMethod {
  GET(false),
  POST(true),
  PUT(true),
  PATCH(true),
  DELETE(true),
  HEAD(false),
  OPTIONS(true);

  public static final String ALLOWED =
      Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", "));

  private final boolean carriesBody;

  HttpMethod(boolean carriesBody) {
    this.carriesBody = carriesBody;
  }

  public boolean carriesBody() {
    return carriesBody;
  }

  /** Exact, case-sensitive match: HTTP method names are case-sensitive. */
  public static Optional<HttpMethod> parse(String name) {
    return Arrays.stream(values()).filter(m -> m.name().equals(name)).findFirst();
  }
}
