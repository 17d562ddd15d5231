package dev.jobrunner.audit;

import dev.jobrunner.storage.EpochMillisConverter;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * One change on record: who did what to which job or key, and when. Never updated, pruned by age.
 */
@Entity
@Table(name = "audit_event")
@NamedQuery(
    name = AuditEvent.NEWEST_FIRST,
    query = "SELECT e FROM AuditEvent e ORDER BY e.at DESC, e.id DESC")
@NamedQuery(name = AuditEvent.COUNT, query = "SELECT COUNT(e) FROM AuditEvent e")
public class AuditEvent {
  static final String NEWEST_FIRST = "AuditEvent.newestFirst";
  static final String COUNT = "AuditEvent.count";
  static final int DETAIL_CHARS = 500;

  @Id
  @Column(length = 24)
  private String id;

  @Convert(converter = EpochMillisConverter.class)
  @Column(nullable = false)
  private Instant at;

  @Column(nullable = false)
  private String actor;

  @Column(nullable = false)
  private String action;

  @Column(name = "target_kind", nullable = false)
  private String targetKind;

  @Column(name = "target_id", nullable = false)
  private String targetId;

  private String detail;

  protected AuditEvent() {}

  AuditEvent(
      String id, Instant at, Actor actor, AuditAction action, String targetId, String detail) {
    this.id = id;
    this.at = at;
    this.actor = actor.name();
    this.action = action.word();
    this.targetKind = action.targetKind();
    this.targetId = targetId;
    this.detail =
        detail == null || detail.length() <= DETAIL_CHARS
            ? detail
            : detail.substring(0, DETAIL_CHARS);
  }

  public String id() {
    return id;
  }

  public Instant at() {
    return at;
  }

  public String actor() {
    return actor;
  }

  public String action() {
    return action;
  }

  public String targetKind() {
    return targetKind;
  }

  public String targetId() {
    return targetId;
  }

  public String detail() {
    return detail;
  }
}
