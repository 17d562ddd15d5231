package dev.jobrunner.alerts.entity;

/** What a notification tells. */
public enum NotificationType {
  /**
   * A job's consecutive failed occurrences reached the threshold ({@code
   * JOBRUNNER_NOTIFY_FAILURE_STREAK}).
   */
  JOB_FAILING("job.failing"),
  /** A scheduled occurrence succeeded after such a streak. */
  JOB_RECOVERED("job.recovered"),
  JOB_AUTO_PAUSED("job.auto_paused"),
  /** An occurrence was not run at its time (missed-run policy). */
  RUN_MISSED("run.missed"),
  /** A call's server died before its outcome was known; not re-sent. */
  RUN_INTERRUPTED("run.interrupted"),
  /** A call was sent again after its instance died (a takeover): the target may see it twice. */
  RUN_RESENT("run.resent");

  private final String word;

  NotificationType(String word) {
    this.word = word;
  }

  public String word() {
    return word;
  }
}
