package dev.jobrunner.runs.entity;

import dev.jobrunner.delivery.control.CallStatus;
import java.util.Locale;

/** Where a run stands: {@code running} until the call ends, then the call's outcome. */
public enum RunStatus {
  RUNNING,
  SUCCESS,
  FAILURE,
  TIMEOUT,
  UNREACHABLE;

  public static RunStatus of(CallStatus call) {
    return valueOf(call.name());
  }

  public String word() {
    return name().toLowerCase(Locale.ROOT);
  }
}
