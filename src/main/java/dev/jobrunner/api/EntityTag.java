package dev.jobrunner.api;

import jakarta.ws.rs.core.Response.Status;

/**
 * Strong entity tags from a row version, and the {@code If-Match} check (RFC 9110 13.1.1): absent means no
 * precondition; {@code *} matches any existing resource; otherwise one of the listed strong tags must be
 * the current one. Weak tags never match, as the RFC requires for If-Match.
 */
public final class EntityTag {
  private EntityTag() {}

  public static String of(long version) {
    return "\"" + version + "\"";
  }

  public static boolean matches(String ifMatch, long version) {
    if (ifMatch == null || ifMatch.isBlank()) {
      return true;
    }
    String current = of(version);
    for (String tag : ifMatch.split(",")) {
      String candidate = tag.strip();
      if (candidate.equals("*") || candidate.equals(current)) {
        return true;
      }
    }
    return false;
  }

  /** A 412 naming the current tag, for a change based on a stale read. */
  public static void require(String ifMatch, long version) {
    if (!matches(ifMatch, version)) {
      throw new ApiException(
          Status.PRECONDITION_FAILED,
          "The job runner has changed since you read it (If-Match "
              + UserText.printable(ifMatch.strip().length() > 100 ? ifMatch.strip().substring(0, 100) : ifMatch.strip())
              + ", current ETag " + of(version) + "). Read it again and retry");
    }
  }
}
