package dev.jobrunner.apikeys.control;

import dev.jobrunner.api.ApiException;
import dev.jobrunner.api.PageRequest;
import dev.jobrunner.api.RandomId;
import dev.jobrunner.api.UserText;
import dev.jobrunner.apikeys.entity.ApiKey;
import dev.jobrunner.apikeys.entity.ApiKeySecret;
import dev.jobrunner.apikeys.entity.ApiKeySpec;
import dev.jobrunner.audit.Actor;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.ws.rs.core.Response.Status;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * API keys in the database. Joins the caller's transaction, so a change and its audit record commit
 * together.
 */
@Stateless
public class ApiKeyStore {
  @PersistenceContext EntityManager em;

  /** A stored key and its text, which exists only in this answer. */
  public record Issued(ApiKey key, ApiKeySecret secret) {}

  public enum Revocation {
    REVOKED,
    ALREADY_REVOKED,
    NOT_FOUND
  }

  /** Stores a new key; a live key with the same name is a 409. */
  public Issued create(ApiKeySpec spec, Actor by) {
    var live =
        em.createNamedQuery(ApiKey.COUNT_ACTIVE_NAMED, Long.class)
            .setParameter("name", spec.name());
    if (live.getSingleResult() > 0) {
      throw nameTaken(spec.name());
    }
    ApiKeySecret secret = ApiKeySecret.issue(RandomId.next());
    ApiKey key = new ApiKey(secret, spec, now(), by.name());
    em.persist(key);
    try {
      em.flush(); // a concurrent create of the same name loses here, on the unique index
    } catch (PersistenceException raced) {
      throw nameTaken(spec.name());
    }
    return new Issued(key, secret);
  }

  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public Optional<ApiKey> find(String id) {
    return RandomId.isWellFormed(id)
        ? Optional.ofNullable(em.find(ApiKey.class, id))
        : Optional.empty();
  }

  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public long count() {
    return em.createNamedQuery(ApiKey.COUNT, Long.class).getSingleResult();
  }

  /** One page in creation order, revoked keys included. */
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public List<ApiKey> page(PageRequest request) {
    return em.createNamedQuery(ApiKey.IN_CREATION_ORDER, ApiKey.class)
        .setFirstResult((int) request.offset())
        .setMaxResults(request.size())
        .getResultList();
  }

  /** Revokes at once; the row stays, with who revoked it and when. */
  public Revocation revoke(String id, Actor by) {
    // Locked, so of two revocations at once the second sees the first and changes (and records)
    // nothing.
    ApiKey key =
        RandomId.isWellFormed(id)
            ? em.find(ApiKey.class, id, LockModeType.PESSIMISTIC_WRITE)
            : null;
    if (key == null) {
      return Revocation.NOT_FOUND;
    }
    if (key.isRevoked()) {
      return Revocation.ALREADY_REVOKED;
    }
    key.revoke(now(), by.name());
    return Revocation.REVOKED;
  }

  /** Records that the key was used; see {@link LastUseThrottle} for how often. */
  public void markUsed(String id, Instant at) {
    ApiKey key = em.find(ApiKey.class, id);
    if (key != null) {
      key.markUsed(at);
    }
  }

  /** Milliseconds, as stored: the create answer shows the same instant as the list later. */
  private static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MILLIS);
  }

  private static ApiException nameTaken(String name) {
    return new ApiException(
        Status.CONFLICT,
        "An API key named \""
            + UserText.printable(name)
            + "\" already exists. Revoke it first or choose another name");
  }
}
