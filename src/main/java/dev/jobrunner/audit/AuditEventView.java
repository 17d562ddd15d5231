package dev.jobrunner.audit;

import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbPropertyOrder;

/** An audit event as the API shows it. */
@JsonbPropertyOrder({"id", "at", "actor", "action", "targetKind", "targetId", "detail"})
public record AuditEventView(
    String id,
    String at,
    String actor,
    String action,
    @JsonbProperty("target_kind") String targetKind,
    @JsonbProperty("target_id") String targetId,
    @JsonbNillable String detail) {

  static AuditEventView of(AuditEvent e) {
    return new AuditEventView(
        e.id(), e.at().toString(), e.actor(), e.action(), e.targetKind(), e.targetId(), e.detail());
  }
}
