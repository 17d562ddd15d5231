package dev.jobrunner.jobs.control;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How many jobs there are, without counting them: table {@code job_tally} holds how many were ever
 * created and deleted, added to in the same transaction as each create and delete, so it is as
 * right as the jobs themselves on every instance sharing the database. Sixteen rows, each change
 * adding to one picked at random: concurrent creates seldom wait for one another's row lock.
 */
@Stateless
public class JobTally {
  static final int STRIPES = 16;

  @PersistenceContext EntityManager em;

  /**
   * Jobs ever created and deleted. Both only grow, so two reads are equal only when no job came or
   * went in between: what {@link JobPages} checks its remembered page starts against.
   */
  public record Tally(long created, long deleted) {
    public long count() {
      return created - deleted;
    }

    /** Whether this tally was read no earlier than {@code other}. */
    boolean notOlderThan(Tally other) {
      return created >= other.created && deleted >= other.deleted;
    }
  }

  @TransactionAttribute(TransactionAttributeType.MANDATORY)
  public void created() {
    add("created");
  }

  @TransactionAttribute(TransactionAttributeType.MANDATORY)
  public void deleted() {
    add("deleted");
  }

  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public Tally read() {
    Object[] sums =
        (Object[])
            em.createNativeQuery("SELECT SUM(created), SUM(deleted) FROM job_tally")
                .getSingleResult();
    return new Tally(number(sums[0]), number(sums[1]));
  }

  private void add(String column) {
    em.createNativeQuery(
            "UPDATE job_tally SET " + column + " = " + column + " + 1 WHERE stripe = ?1")
        .setParameter(1, ThreadLocalRandom.current().nextInt(STRIPES))
        .executeUpdate();
  }

  private static long number(Object sum) {
    return sum == null ? 0 : ((Number) sum).longValue();
  }
}
