package dev.jobrunner.api;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.util.List;

/**
 * The one error shape of the API: {@code {"error": "..."}}. {@code errors} is an extension that
 * lists every problem found in a request when there is more than one; {@code error} is always the
 * first of them.
 */
@JsonbPropertyOrder({"error", "errors"})
public record ApiError(String error, List<String> errors) {
  public static ApiError of(String message) {
    return new ApiError(message, null);
  }

  public static ApiError of(List<String> messages) {
    return new ApiError(messages.getFirst(), messages.size() > 1 ? List.copyOf(messages) : null);
  }
}
