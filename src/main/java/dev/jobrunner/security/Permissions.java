package dev.jobrunner.security;

/** The spec's permission names, carried as roles in the JWT {@code groups} claim. */
public final class Permissions {
  public static final String READ = "job_runner:read";
  public static final String WRITE = "job_runner:write";

  /** Manages API keys and reads the audit trail; grants neither read nor write on jobs. */
  public static final String ADMIN = "job_runner:admin";

  private Permissions() {}
}
