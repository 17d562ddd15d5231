package dev.jobrunner.runs.entity;

import dev.jobrunner.delivery.control.CallStatus;
import java.util.Locale;

/**
 * Where a run stands: {@code running} until the call ends, then the call's outcome; {@code missed}
 * for an occurrence that passed while nothing could run it and was not called (missed-run policy);
 * {@code interrupted} for a run whose server died mid-call (it is not re-sent blindly); {@code
 * skipped} for an occurrence or manual run not called because another run of the job was in flight
 * (overlap policy).
 */
public enum RunStatus {
  RUNNING,
  SUCCESS,
  FAILURE,
  TIMEOUT,
  UNREACHABLE,
  BLOCKED,
  MISSED,
  INTERRUPTED,
  SKIPPED;

  public static RunStatus of(CallStatus call) {
    return valueOf(call.name());
  }

  public String word() {
    return name().toLowerCase(Locale.ROOT);
  }
}
