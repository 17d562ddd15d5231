package dev.jobrunner.audit;

import dev.jobrunner.api.PageRequest;
import dev.jobrunner.api.RandomId;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;

/**
 * The audit trail. {@link #record} joins the caller's transaction: a change and its record commit
 * together or not at all.
 */
@Stateless
public class AuditLog {
  @PersistenceContext EntityManager em;

  public void record(Actor actor, AuditAction action, String targetId, String detail) {
    em.persist(new AuditEvent(RandomId.next(), Instant.now(), actor, action, targetId, detail));
  }

  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public long count() {
    return em.createNamedQuery(AuditEvent.COUNT, Long.class).getSingleResult();
  }

  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public List<AuditEvent> page(PageRequest request) {
    return em.createNamedQuery(AuditEvent.NEWEST_FIRST, AuditEvent.class)
        .setFirstResult((int) request.offset())
        .setMaxResults(request.size())
        .getResultList();
  }

  /** Retention: the trail is kept for as long as run history is. */
  public int pruneOlderThan(Instant before) {
    return em.createQuery("DELETE FROM AuditEvent e WHERE e.at < :before")
        .setParameter("before", before)
        .executeUpdate();
  }
}
