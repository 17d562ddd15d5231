package dev.jobrunner.runs.entity;

import dev.jobrunner.storage.EpochMillisConverter;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;

/** One run of a job, stored before its call is made and completed when the call ends. */
@Entity
@Table(name = "job_run")
@NamedQuery(name = JobRun.DELETE_FOR_JOB, query = "DELETE FROM JobRun r WHERE r.jobId = :jobId")
@NamedQuery(
    name = JobRun.COUNT_FOR_JOB,
    query = "SELECT COUNT(r) FROM JobRun r WHERE r.jobId = :jobId")
@NamedQuery(
    name = JobRun.FOR_JOB,
    query = "SELECT r FROM JobRun r WHERE r.jobId = :jobId ORDER BY r.startedAt DESC, r.id DESC")
public class JobRun {
  public static final String DELETE_FOR_JOB = "JobRun.deleteForJob";
  public static final String FOR_JOB = "JobRun.forJob";
  public static final String COUNT_FOR_JOB = "JobRun.countForJob";
  public static final int SNIPPET_CHARS = 1024;
  public static final int ERROR_CHARS = 1000;
  public static final int STATUS_LINE_CHARS = 200;

  @Id
  @Column(length = 24)
  private String id;

  @Column(name = "job_id", length = 24, nullable = false)
  private String jobId;

  @Enumerated(EnumType.STRING)
  @Column(name = "trigger_kind", nullable = false)
  private Trigger trigger;

  @Convert(converter = EpochMillisConverter.class)
  @Column(name = "scheduled_at")
  private Instant scheduledAt;

  @Convert(converter = EpochMillisConverter.class)
  @Column(name = "started_at", nullable = false)
  private Instant startedAt;

  @Column(name = "ms")
  private Double ms;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  private RunStatus status;

  @Column(name = "status_line")
  private String statusLine;

  @Column(name = "response_snippet")
  private String responseSnippet;

  @Column(name = "error")
  private String error;

  @Column(nullable = false)
  private int attempt = 1;

  @Convert(converter = EpochMillisConverter.class)
  @Column(name = "retry_at")
  private Instant retryAt;

  /**
   * When it became due to be sent, while it waits in the queue; null once taken (and for manual
   * runs).
   */
  @Convert(converter = EpochMillisConverter.class)
  @Column(name = "queued_at")
  private Instant queuedAt;

  /** The instance that sends (or sent) it; null while queued. */
  @Column(name = "owner")
  private String owner;

  /** When it was marked as sending: from then on the call may have reached its target. */
  @Convert(converter = EpochMillisConverter.class)
  @Column(name = "sent_at")
  private Instant sentAt;

  /** The job's id while in flight under overlap policy skip (a unique index); null otherwise. */
  @Column(name = "in_flight")
  private String inFlight;

  protected JobRun() {}

  public JobRun(String id, String jobId, Trigger trigger, Instant scheduledAt, Instant startedAt) {
    this.id = id;
    this.jobId = jobId;
    this.trigger = trigger;
    this.scheduledAt = scheduledAt;
    this.startedAt = startedAt;
    this.status = RunStatus.RUNNING;
  }

  public void finish(
      RunStatus status, double ms, String statusLine, String response, String error) {
    this.status = status;
    this.ms = ms;
    this.statusLine = clip(statusLine, STATUS_LINE_CHARS);
    this.responseSnippet = clip(response, SNIPPET_CHARS);
    this.error = clip(error, ERROR_CHARS);
    this.inFlight = null;
  }

  /** Cuts text to the column's size. */
  public static String clip(String text, int max) {
    return text == null || text.length() <= max ? text : text.substring(0, max);
  }

  public String id() {
    return id;
  }

  public String jobId() {
    return jobId;
  }

  public Trigger trigger() {
    return trigger;
  }

  public Instant scheduledAt() {
    return scheduledAt;
  }

  public Instant startedAt() {
    return startedAt;
  }

  public Double ms() {
    return ms;
  }

  public RunStatus status() {
    return status;
  }

  public String statusLine() {
    return statusLine;
  }

  public String responseSnippet() {
    return responseSnippet;
  }

  public String error() {
    return error;
  }

  public int attempt() {
    return attempt;
  }

  public Instant retryAt() {
    return retryAt;
  }

  public Instant sentAt() {
    return sentAt;
  }

  public String owner() {
    return owner;
  }
}
