package dev.jobrunner.api;

import dev.jobrunner.storage.DatabaseOutage;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJBAccessException;
import jakarta.ejb.EJBException;
import jakarta.persistence.OptimisticLockException;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotAuthorizedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Turns every failure into the spec's {@code {"error": "..."}} with a 4xx or 500 status. No
 * exception class name or stack trace reaches a client; unexpected failures are logged with a
 * reference the client sees.
 */
@Provider
public class ErrorResponses implements ExceptionMapper<Throwable> {
  private static final Logger LOG = Logger.getLogger(ErrorResponses.class.getName());

  @Context UriInfo uri;
  @Context SecurityContext security;
  @Context ResourceInfo resource;

  /** How long a client should wait before trying again while the database is out of reach. */
  static final String RETRY_AFTER_SECONDS = "5";

  @Override
  public Response toResponse(Throwable failure) {
    if (DatabaseOutage.causes(failure)) {
      return unavailable();
    }
    Throwable cause = unwrap(failure);
    return switch (cause) {
      case ApiException api -> json(api.status(), api.toError());
      case OptimisticLockException stale ->
          json(
              412,
              ApiError.of(
                  "The job runner was changed by another request meanwhile. Read it again and retry"));
      case EJBAccessException denied -> accessDenied();
      case NotAuthorizedException unauthenticated -> unauthenticated();
      case ForbiddenException forbidden -> forbidden();
      case NotFoundException notFound -> json(404, ApiError.of("No such resource: " + path()));
      case NotAllowedException notAllowed ->
          json(405, ApiError.of("Method not allowed on " + path()));
      case NotAcceptableException notAcceptable ->
          json(406, ApiError.of("This API answers with application/json only"));
      case NotSupportedException unsupported ->
          json(415, ApiError.of("Send the request body as application/json"));
      case WebApplicationException web when web.getResponse().getStatus() < 500 ->
          json(web.getResponse().getStatus(), ApiError.of(clientMessage(web)));
      default -> unexpected(cause);
    };
  }

  private static Throwable unwrap(Throwable failure) {
    // What JsonBodyReader refuses may come wrapped, depending on the JAX-RS implementation.
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof ApiException api) {
        return api;
      }
    }
    Throwable current = failure;
    while (current instanceof EJBException && current.getCause() != null) {
      current = current.getCause();
    }
    return current;
  }

  /** 503: the service runs, its database does not answer; nothing was changed. */
  static Response unavailable() {
    return Response.fromResponse(json(503, ApiError.of(DATABASE_UNAVAILABLE)))
        .header("Retry-After", RETRY_AFTER_SECONDS)
        .build();
  }

  public static final String DATABASE_UNAVAILABLE =
      "The database is not answering; nothing was changed. Try again in a few seconds";

  private Response accessDenied() {
    boolean anonymous = security == null || security.getUserPrincipal() == null;
    return anonymous ? unauthenticated() : forbidden();
  }

  private static Response unauthenticated() {
    return json(401, ApiError.of("Authentication required: send a valid bearer token or API key"));
  }

  /** Names the permission the endpoint needs, read from its {@code @RolesAllowed}. */
  private Response forbidden() {
    RolesAllowed roles =
        resource == null || resource.getResourceMethod() == null
            ? null
            : resource.getResourceMethod().getAnnotation(RolesAllowed.class);
    String needed =
        roles == null
            ? ""
            : ": this needs the " + String.join(" or ", roles.value()) + " permission";
    return json(403, ApiError.of("Permission denied" + needed));
  }

  private static String clientMessage(WebApplicationException web) {
    Status status = Status.fromStatusCode(web.getResponse().getStatus());
    return status == null ? "Bad request" : status.getReasonPhrase();
  }

  private Response unexpected(Throwable cause) {
    String reference = UUID.randomUUID().toString();
    LOG.log(Level.SEVERE, "Unexpected failure, reference " + reference, cause);
    return json(500, ApiError.of("Internal error (reference " + reference + ")"));
  }

  private String path() {
    return uri == null ? "this path" : "/" + uri.getPath();
  }

  private static Response json(int status, ApiError error) {
    return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(error).build();
  }
}
