package dev.jobrunner.jobs.boundary;

import dev.jobrunner.api.JsonBody;
import dev.jobrunner.api.JsonFields;
import java.util.Set;

/** The optional body of a pause: {@code {"reason": "..."}}, at most 500 printable characters. */
final class PauseRequest {
  static final int MAX_REASON_CHARS = 500;

  private PauseRequest() {}

  /** The reason, or null for an empty body or none given. */
  static String reason(JsonBody body) {
    if (body == null || body.isEmpty()) {
      return null;
    }
    JsonFields fields = new JsonFields(body.object("{\"reason\": \"...\"}"));
    fields.refuseUnknown(Set.of("reason"), null);
    String reason = fields.optionalText("reason", MAX_REASON_CHARS);
    fields.throwIfAny();
    return reason;
  }
}
