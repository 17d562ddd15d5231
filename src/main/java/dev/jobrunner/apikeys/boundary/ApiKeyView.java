package dev.jobrunner.apikeys.boundary;

import dev.jobrunner.apikeys.entity.ApiKey;
import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.time.Instant;
import java.util.List;

/** A key as the list shows it: never the key itself, which exists only in the create answer. */
@JsonbPropertyOrder({
  "id",
  "name",
  "permissions",
  "createdAt",
  "createdBy",
  "lastUsedAt",
  "revoked",
  "revokedAt",
  "revokedBy"
})
public record ApiKeyView(
    String id,
    String name,
    List<String> permissions,
    @JsonbProperty("created_at") String createdAt,
    @JsonbProperty("created_by") String createdBy,
    @JsonbNillable @JsonbProperty("last_used_at") String lastUsedAt,
    boolean revoked,
    @JsonbNillable @JsonbProperty("revoked_at") String revokedAt,
    @JsonbNillable @JsonbProperty("revoked_by") String revokedBy) {

  static ApiKeyView of(ApiKey key) {
    return new ApiKeyView(
        key.id(),
        key.name(),
        key.permissions(),
        key.createdAt().toString(),
        key.createdBy(),
        key.lastUsedAt().map(Instant::toString).orElse(null),
        key.isRevoked(),
        key.revokedAt().map(Instant::toString).orElse(null),
        key.revokedBy().orElse(null));
  }
}
