package dev.jobrunner.runs.entity;

/** Why a run happened: asked for through the API, or due by the job's schedulation. */
public enum Trigger {
  MANUAL,
  SCHEDULE;

  public String word() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
