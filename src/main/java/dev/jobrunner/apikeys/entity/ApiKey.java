package dev.jobrunner.apikeys.entity;

import dev.jobrunner.storage.EpochMillisConverter;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * An API key as stored: everything but the key itself, of which only a hash is kept. Revoking keeps
 * the row (who made it, who revoked it, when) and frees its name for a new key.
 */
@Entity
@Table(name = "api_key")
@NamedQuery(
    name = ApiKey.IN_CREATION_ORDER,
    query = "SELECT k FROM ApiKey k ORDER BY k.createdAt, k.id")
@NamedQuery(name = ApiKey.COUNT, query = "SELECT COUNT(k) FROM ApiKey k")
@NamedQuery(
    name = ApiKey.COUNT_ACTIVE_NAMED,
    query = "SELECT COUNT(k) FROM ApiKey k WHERE k.activeName = :name")
public class ApiKey {
  public static final String IN_CREATION_ORDER = "ApiKey.inCreationOrder";
  public static final String COUNT = "ApiKey.count";
  public static final String COUNT_ACTIVE_NAMED = "ApiKey.countActiveNamed";

  @Id
  @Column(length = 24)
  private String id;

  @Column(nullable = false)
  private String name;

  /** {@code name} while live, null once revoked; unique (see V4__api_keys.sql). */
  @Column(name = "active_name")
  private String activeName;

  @Column(nullable = false)
  private String permissions;

  @Column(name = "secret_hash", nullable = false, length = 64)
  private String secretHash;

  @Convert(converter = EpochMillisConverter.class)
  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Column(name = "created_by", nullable = false)
  private String createdBy;

  @Convert(converter = EpochMillisConverter.class)
  @Column(name = "revoked_at")
  private Instant revokedAt;

  @Column(name = "revoked_by")
  private String revokedBy;

  @Convert(converter = EpochMillisConverter.class)
  @Column(name = "last_used_at")
  private Instant lastUsedAt;

  protected ApiKey() {}

  public ApiKey(ApiKeySecret secret, ApiKeySpec spec, Instant createdAt, String createdBy) {
    this.id = secret.keyId();
    this.name = spec.name();
    this.activeName = spec.name();
    this.permissions = String.join(" ", spec.permissions());
    this.secretHash = secret.hash();
    this.createdAt = createdAt;
    this.createdBy = createdBy;
  }

  /** Whether {@code presented} is this key's text (revoked or not: see {@link #isRevoked()}). */
  public boolean isOpenedBy(ApiKeySecret presented) {
    return presented.keyId().equals(id) && presented.matches(secretHash);
  }

  public void revoke(Instant at, String by) {
    if (revokedAt == null) {
      revokedAt = at;
      revokedBy = by;
      activeName = null;
    }
  }

  public void markUsed(Instant at) {
    if (lastUsedAt == null || at.isAfter(lastUsedAt)) {
      lastUsedAt = at;
    }
  }

  public String id() {
    return id;
  }

  public String name() {
    return name;
  }

  public List<String> permissions() {
    return permissions.isEmpty() ? List.of() : Arrays.asList(permissions.split(" "));
  }

  public Instant createdAt() {
    return createdAt;
  }

  public String createdBy() {
    return createdBy;
  }

  public boolean isRevoked() {
    return revokedAt != null;
  }

  public Optional<Instant> revokedAt() {
    return Optional.ofNullable(revokedAt);
  }

  public Optional<String> revokedBy() {
    return Optional.ofNullable(revokedBy);
  }

  public Optional<Instant> lastUsedAt() {
    return Optional.ofNullable(lastUsedAt);
  }
}
