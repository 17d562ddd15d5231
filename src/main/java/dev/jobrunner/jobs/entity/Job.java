package dev.jobrunner.jobs.entity;

import dev.jobrunner.storage.EpochMillisConverter;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A scheduled HTTP job as stored. Never leaves the service layer: the API speaks in views. */
@Entity
@Table(name = "job")
@NamedQuery(name = Job.IN_CREATION_ORDER, query = "SELECT j FROM Job j ORDER BY j.createdAt, j.id")
@NamedQuery(
    name = Job.IN_CREATION_ORDER_FROM,
    query =
        "SELECT j FROM Job j WHERE j.createdAt >= :at AND (j.createdAt > :at OR j.id >= :id)"
            + " ORDER BY j.createdAt, j.id")
@NamedQuery(
    name = Job.KEYS_IN_CREATION_ORDER,
    query = "SELECT j.createdAt, j.id FROM Job j ORDER BY j.createdAt, j.id")
@NamedQuery(
    name = Job.KEYS_IN_CREATION_ORDER_FROM,
    query =
        "SELECT j.createdAt, j.id FROM Job j WHERE j.createdAt >= :at AND (j.createdAt > :at OR"
            + " j.id >= :id) ORDER BY j.createdAt, j.id")
@NamedQuery(
    name = Job.WITH_TIMES,
    query = "SELECT j FROM Job j LEFT JOIN FETCH j.times WHERE j.id = :id")
public class Job {
  public static final String IN_CREATION_ORDER = "Job.inCreationOrder";
  public static final String IN_CREATION_ORDER_FROM = "Job.inCreationOrderFrom";
  public static final String KEYS_IN_CREATION_ORDER = "Job.keysInCreationOrder";
  public static final String KEYS_IN_CREATION_ORDER_FROM = "Job.keysInCreationOrderFrom";
  public static final String WITH_TIMES = "Job.withTimes";

  @Id
  @Column(length = 24)
  private String id;

  @Column(nullable = false)
  private String title;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  private HttpMethod method;

  @Column(nullable = false)
  private String url;

  @Column(name = "content_type")
  private String contentType;

  private String body;

  /**
   * Stored as given, in the order given: one row per time, which the scheduler finds by time of
   * day. Written with every change; read only for jobs stored before {@link #listedTimes} existed.
   */
  @ElementCollection(fetch = FetchType.LAZY)
  @CollectionTable(name = "job_time", joinColumns = @JoinColumn(name = "job_id"))
  @OrderColumn(name = "position")
  @Column(name = "time_of_day", length = 5, nullable = false)
  private List<String> times = new ArrayList<>();

  /**
   * The same times, comma-separated, in the job's own row: a list page reads its jobs' times with
   * the jobs, not with a second query. Null for jobs stored before this column (and rows written
   * straight in SQL): their times are read from {@link #times}.
   */
  @Column(name = "schedulation", length = 8640)
  private String listedTimes;

  @Column(nullable = false, length = 64)
  private String timezone;

  @Enumerated(EnumType.STRING)
  @Column(name = "missed_run_policy", nullable = false)
  private MissedRunPolicy missedRunPolicy;

  @Column(name = "connect_timeout_ms")
  private Integer connectTimeoutMs;

  @Column(name = "timeout_ms")
  private Integer timeoutMs;

  @Column(nullable = false)
  private int retries;

  @Enumerated(EnumType.STRING)
  @Column(name = "overlap_policy", nullable = false)
  private OverlapPolicy overlapPolicy;

  @Column(name = "auto_pause_after")
  private Integer autoPauseAfter;

  @Enumerated(EnumType.STRING)
  @Column(name = "delivery_guarantee", nullable = false)
  private DeliveryGuarantee deliveryGuarantee;

  /** Receives this job's alerts, besides the service-wide receiver; null for none. */
  @Column(name = "notify_url")
  private String notifyUrl;

  /** Written by the scheduler in SQL; read here for display. */
  @Column(name = "consecutive_failures", nullable = false, insertable = false, updatable = false)
  private int consecutiveFailures;

  /** Comma-separated; the names are not secret. */
  @Column(name = "header_names")
  private String headerNames;

  @Column(name = "sealed_headers")
  private String sealedHeaders;

  @Column(name = "sealed_signing_secret")
  private String sealedSigningSecret;

  @Column(nullable = false)
  private boolean paused;

  @Column(name = "paused_reason")
  private String pausedReason;

  @Convert(converter = EpochMillisConverter.class)
  @Column(name = "paused_at")
  private Instant pausedAt;

  /** Occurrences before this instant never run: creation, resume and schedule changes move it. */
  @Convert(converter = EpochMillisConverter.class)
  @Column(name = "active_since", nullable = false)
  private Instant activeSince;

  @Convert(converter = EpochMillisConverter.class)
  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Column(name = "created_by", nullable = false)
  private String createdBy;

  @Column(name = "updated_by")
  private String updatedBy;

  @Convert(converter = EpochMillisConverter.class)
  @Column(name = "updated_at")
  private Instant updatedAt;

  @Version private long version;

  protected Job() {}

  public Job(JobId id, JobSpec spec, Instant createdAt, String createdBy) {
    this.id = id.value();
    // The first version, hence the first ETag, is 1 under both providers: EclipseLink writes 1
    // whatever the
    // field holds, Hibernate keeps a non-negative initial value (it would store the default 0).
    this.version = 1;
    this.createdAt = createdAt;
    this.activeSince = createdAt;
    this.createdBy = createdBy;
    apply(spec);
  }

  /**
   * Replaces the definition; a schedule change takes effect from the next occurrence after {@code
   * now}.
   */
  public void update(JobSpec spec, Instant now, String by) {
    if (spec.scheduleDiffers(spec())) {
      activeSince = now;
    }
    apply(spec);
    touch(now, by);
  }

  /** Drops the schedule's times, ahead of an update that sets new ones (see JobStore.update). */
  public void clearTimes() {
    times.clear();
  }

  public void pause(String reason, Instant now, String by) {
    paused = true;
    pausedReason = reason;
    pausedAt = now;
    touch(now, by);
  }

  /** Occurrences that fell while paused are not run later: only those from now on. */
  public void resume(Instant now, String by) {
    paused = false;
    pausedReason = null;
    pausedAt = null;
    activeSince = now;
    touch(now, by);
  }

  private void touch(Instant now, String by) {
    updatedAt = now;
    updatedBy = by;
  }

  /** Stores sealed header values (null: none) with their names. */
  public void sealHeaders(List<String> names, String sealed) {
    this.headerNames = names.isEmpty() ? null : String.join(",", names);
    this.sealedHeaders = names.isEmpty() ? null : sealed;
  }

  public void sealSigningSecret(String sealed) {
    this.sealedSigningSecret = sealed;
  }

  private void apply(JobSpec spec) {
    this.title = spec.title();
    this.method = spec.method();
    this.url = spec.url().toString();
    this.contentType = spec.contentType();
    this.body = spec.body();
    List<String> given = spec.times().stream().map(ScheduleTime::toString).toList();
    this.times = new ArrayList<>(given);
    this.listedTimes = String.join(",", given);
    this.timezone = spec.zone().getId();
    this.missedRunPolicy = spec.missedRunPolicy();
    DeliveryPolicy delivery = spec.delivery();
    this.connectTimeoutMs = delivery.connectTimeoutMs();
    this.timeoutMs = delivery.timeoutMs();
    this.retries = delivery.retries();
    this.overlapPolicy = delivery.overlap();
    this.autoPauseAfter = delivery.autoPauseAfter();
    this.deliveryGuarantee = delivery.guarantee();
    this.notifyUrl = spec.notifyUrl() == null ? null : spec.notifyUrl().toString();
  }

  public JobId id() {
    return new JobId(id);
  }

  public JobSpec spec() {
    return new JobSpec(
        title,
        method,
        java.net.URI.create(url),
        contentType,
        body,
        timesOfDay().stream().map(t -> ScheduleTime.parse(t).orElseThrow()).toList(),
        ZoneId.of(timezone),
        missedRunPolicy,
        new DeliveryPolicy(
            connectTimeoutMs, timeoutMs, retries, overlapPolicy, autoPauseAfter, deliveryGuarantee),
        notifyUrl == null ? null : java.net.URI.create(notifyUrl));
  }

  /**
   * The definition as a create request's {@code "jobrunner"} object, secrets left out: what PATCH
   * merges into.
   */
  public JsonObject toRequestJson() {
    var json =
        Json.createObjectBuilder().add("title", title).add("method", method.name()).add("url", url);
    if (contentType != null) {
      json.add("content_type", contentType);
    }
    if (body != null) {
      json.add("body", body);
    }
    var schedulation = Json.createArrayBuilder();
    timesOfDay().forEach(schedulation::add);
    json.add("schedulation", schedulation)
        .add("timezone", timezone)
        .add("missed_run_policy", missedRunPolicy.word())
        .add("retries", retries)
        .add("overlap_policy", overlapPolicy.word())
        .add("delivery_guarantee", deliveryGuarantee.word());
    if (connectTimeoutMs != null) {
      json.add("connect_timeout_ms", connectTimeoutMs);
    }
    if (timeoutMs != null) {
      json.add("timeout_ms", timeoutMs);
    }
    if (autoPauseAfter != null) {
      json.add("auto_pause_after", autoPauseAfter);
    }
    if (notifyUrl != null) {
      json.add("notify_url", notifyUrl);
    }
    return json.build();
  }

  /** The times as given, from the job's row when it has them there. */
  private List<String> timesOfDay() {
    if (listedTimes == null) {
      return times;
    }
    return listedTimes.isEmpty() ? List.of() : List.of(listedTimes.split(","));
  }

  public List<String> headerNames() {
    return headerNames == null ? List.of() : List.of(headerNames.split(","));
  }

  public Optional<String> sealedHeaders() {
    return Optional.ofNullable(sealedHeaders);
  }

  public Optional<String> sealedSigningSecret() {
    return Optional.ofNullable(sealedSigningSecret);
  }

  public boolean signed() {
    return sealedSigningSecret != null;
  }

  public boolean paused() {
    return paused;
  }

  public Optional<String> pausedReason() {
    return Optional.ofNullable(pausedReason);
  }

  public Optional<Instant> pausedAt() {
    return Optional.ofNullable(pausedAt);
  }

  public int consecutiveFailures() {
    return consecutiveFailures;
  }

  public Instant createdAt() {
    return createdAt;
  }

  public String createdBy() {
    return createdBy;
  }

  public Optional<String> updatedBy() {
    return Optional.ofNullable(updatedBy);
  }

  public Optional<Instant> updatedAt() {
    return Optional.ofNullable(updatedAt);
  }

  public long version() {
    return version;
  }
}
