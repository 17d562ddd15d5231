package dev.jobrunner.api;

import jakarta.ejb.ApplicationException;
import jakarta.ws.rs.core.Response.Status;
import java.util.List;

/**
 * A failure we expect and explain to the client: a 4xx status with one or more messages.
 *
 * <p>An application exception to the EJB container: thrown from a bean it reaches the mapper as is
 * and rolls the transaction back, like before, but it is not a "system exception" any more, which
 * the container logged as a WARNING with a full stack trace (so any client could write ~75 log
 * lines per bad request) and answered by discarding the bean instance.
 */
@ApplicationException(rollback = true)
public class ApiException extends RuntimeException {
  private final int status;
  private final List<String> messages;

  public ApiException(Status status, List<String> messages) {
    this(status.getStatusCode(), messages);
  }

  /** For statuses the Status enum lacks, such as 422. */
  public ApiException(int status, String message) {
    this(status, List.of(message));
  }

  private ApiException(int status, List<String> messages) {
    super(messages.getFirst(), null, false, false);
    this.status = status;
    this.messages = List.copyOf(messages);
  }

  public ApiException(Status status, String message) {
    this(status, List.of(message));
  }

  public static ApiException badRequest(String message) {
    return new ApiException(Status.BAD_REQUEST, message);
  }

  public static ApiException notFound(String message) {
    return new ApiException(Status.NOT_FOUND, message);
  }

  public int status() {
    return status;
  }

  public ApiError toError() {
    return ApiError.of(messages);
  }
}
