package dev.jobrunner.api;

import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response.Status;

/**
 * Conditional changes (RFC 9110 13.1): a resource's strong entity tag is its row version, and
 * JAX-RS evaluates {@code If-Match} ({@code *}, or a list of tags one of which must be the current
 * one; weak tags never match) and {@code If-None-Match}. Without either header a change applies.
 */
public final class Preconditions {
  private Preconditions() {}

  public static EntityTag tag(long version) {
    return new EntityTag(String.valueOf(version));
  }

  /** A 412 naming the current tag when the request's preconditions fail for this version. */
  public static void require(Request request, String ifMatch, long version) {
    EntityTag current = tag(version);
    boolean failed;
    try {
      failed = request.evaluatePreconditions(current) != null;
    } catch (RuntimeException unreadableTags) {
      failed = true; // an If-Match that is not a list of entity tags names no version
    }
    if (!failed) {
      return;
    }
    String shown = "\"" + current.getValue() + "\"";
    if (ifMatch == null || ifMatch.isBlank()) {
      throw new ApiException(
          Status.PRECONDITION_FAILED,
          "The job runner's current ETag " + shown + " matches If-None-Match: nothing changed");
    }
    String given =
        ifMatch.strip().length() > 100 ? ifMatch.strip().substring(0, 100) : ifMatch.strip();
    throw new ApiException(
        Status.PRECONDITION_FAILED,
        "The job runner has changed since you read it (If-Match "
            + UserText.printable(given)
            + ", current ETag "
            + shown
            + "). Read it again and retry");
  }
}
