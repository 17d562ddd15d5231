package dev.jobrunner.scheduling.control;

import dev.jobrunner.jobs.entity.JobId;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import java.util.Comparator;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * How many jobs use each slot, kept in table {@code slot_use} in the same transaction as each job's
 * create, change and delete: the slots in use are then a read of a few rows ({@link
 * ScheduleStore#slotsInUse}), however many jobs there are, and as right as the jobs on every
 * instance sharing the database. A job counts in the row of its slot and stripe, the stripe being
 * the last character of its id (random), so concurrent creates in one slot seldom wait for each
 * other's row lock, and a delete takes back from the row its create added to.
 */
@Stateless
public class SlotUse {
  /** Rows are locked in this order, so two changes touching the same slots cannot deadlock. */
  private static final Comparator<Slot> ORDER =
      Comparator.comparing((Slot slot) -> slot.zone().getId())
          .thenComparing(slot -> slot.time().toString());

  /** One slot's row of one stripe. */
  private static final String WHERE_ROW =
      " WHERE time_of_day = ?1 AND timezone = ?2 AND stripe = ?3";

  @PersistenceContext EntityManager em;

  /** A job's slots went from {@code before} to {@code after} (empty when created or deleted). */
  @TransactionAttribute(TransactionAttributeType.MANDATORY)
  public void changed(JobId job, List<Slot> before, List<Slot> after) {
    String id = job.value();
    String stripe = id.substring(id.length() - 1);
    changes(before, after).forEach((slot, by) -> add(slot, stripe, by));
  }

  /** Net change of each slot's count, the ones that change only, in locking order. */
  static SortedMap<Slot, Integer> changes(List<Slot> before, List<Slot> after) {
    SortedMap<Slot, Integer> changes = new TreeMap<>(ORDER);
    before.forEach(slot -> changes.merge(slot, -1, Integer::sum));
    after.forEach(slot -> changes.merge(slot, 1, Integer::sum));
    changes.values().removeIf(by -> by == 0);
    return changes;
  }

  private void add(Slot slot, String stripe, int by) {
    if (update(slot, stripe, by) == 0 && insert(slot, stripe, by) == 0) {
      // Another transaction inserted the row meanwhile; the insert waited for it to commit.
      update(slot, stripe, by);
    }
    if (by < 0) {
      row("DELETE FROM slot_use" + WHERE_ROW + " AND jobs = 0", slot, stripe).executeUpdate();
    }
  }

  private int update(Slot slot, String stripe, int by) {
    return row("UPDATE slot_use SET jobs = jobs + ?4" + WHERE_ROW, slot, stripe)
        .setParameter(4, by)
        .executeUpdate();
  }

  private int insert(Slot slot, String stripe, int by) {
    return row(
            "INSERT INTO slot_use (time_of_day, timezone, stripe, jobs) VALUES (?1, ?2, ?3, ?4)"
                + " ON CONFLICT DO NOTHING",
            slot,
            stripe)
        .setParameter(4, by)
        .executeUpdate();
  }

  /** A statement on one slot's row of one stripe: parameters 1 to 3 are its key. */
  private Query row(String sql, Slot slot, String stripe) {
    return em.createNativeQuery(sql)
        .setParameter(1, slot.time().toString())
        .setParameter(2, slot.zone().getId())
        .setParameter(3, stripe);
  }
}
