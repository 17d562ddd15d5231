package dev.jobrunner.audit;

import java.util.Locale;

/** The changes that are put on record, each with the kind of thing it changes. */
public enum AuditAction {
  JOB_CREATED("job"),
  JOB_UPDATED("job"),
  JOB_DELETED("job"),
  JOB_PAUSED("job"),
  JOB_RESUMED("job"),
  JOB_AUTO_PAUSED("job"),
  API_KEY_CREATED("api_key"),
  API_KEY_REVOKED("api_key");

  private final String targetKind;

  AuditAction(String targetKind) {
    this.targetKind = targetKind;
  }

  public String targetKind() {
    return targetKind;
  }

  /** {@code job.created}, {@code api_key.revoked}, ... */
  public String word() {
    String name = name().toLowerCase(Locale.ROOT);
    return targetKind + "." + name.substring(targetKind.length() + 1);
  }
}
