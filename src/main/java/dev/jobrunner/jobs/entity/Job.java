package dev.jobrunner.jobs.entity;

import dev.jobrunner.storage.EpochMillisConverter;
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

/** A scheduled HTTP job as stored. Never leaves the service layer: the API speaks in views. */
@Entity
@Table(name = "job")
@NamedQuery(name = Job.IN_CREATION_ORDER, query = "SELECT j FROM Job j ORDER BY j.createdAt, j.id")
@NamedQuery(name = Job.COUNT, query = "SELECT COUNT(j) FROM Job j")
public class Job {
  public static final String IN_CREATION_ORDER = "Job.inCreationOrder";
  public static final String COUNT = "Job.count";

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

  /** Stored as given, in the order given. */
  @ElementCollection(fetch = FetchType.LAZY)
  @CollectionTable(name = "job_time", joinColumns = @JoinColumn(name = "job_id"))
  @OrderColumn(name = "position")
  @Column(name = "time_of_day", length = 5, nullable = false)
  private List<String> times = new ArrayList<>();

  @Column(nullable = false, length = 64)
  private String timezone;

  @Enumerated(EnumType.STRING)
  @Column(name = "missed_run_policy", nullable = false)
  private MissedRunPolicy missedRunPolicy;

  @Convert(converter = EpochMillisConverter.class)
  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Version private long version;

  protected Job() {}

  public Job(JobId id, JobSpec spec, Instant createdAt) {
    this.id = id.value();
    this.createdAt = createdAt;
    apply(spec);
  }

  private void apply(JobSpec spec) {
    this.title = spec.title();
    this.method = spec.method();
    this.url = spec.url().toString();
    this.contentType = spec.contentType();
    this.body = spec.body();
    this.times = new ArrayList<>(spec.times().stream().map(ScheduleTime::toString).toList());
    this.timezone = spec.zone().getId();
    this.missedRunPolicy = spec.missedRunPolicy();
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
        times.stream().map(t -> ScheduleTime.parse(t).orElseThrow()).toList(),
        ZoneId.of(timezone),
        missedRunPolicy);
  }

  public Instant createdAt() {
    return createdAt;
  }
}
