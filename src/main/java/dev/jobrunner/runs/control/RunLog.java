package dev.jobrunner.runs.control;

import dev.jobrunner.api.PageRequest;
import dev.jobrunner.api.RandomId;
import dev.jobrunner.cluster.control.ThisInstance;
import dev.jobrunner.delivery.control.CallOutcome;
import dev.jobrunner.events.RunEnded;
import dev.jobrunner.jobs.entity.JobId;
import dev.jobrunner.runs.entity.JobRun;
import dev.jobrunner.runs.entity.RunStatus;
import dev.jobrunner.runs.entity.Trigger;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;

/**
 * The run history. Each step commits on its own: a run is on record as {@code running} before its
 * call is made, so a crash mid-call leaves a trace instead of nothing.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class RunLog {
  @PersistenceContext EntityManager em;
  @Inject ThisInstance instance;
  @Inject Event<RunEnded> runEnded;

  /**
   * Records a manual run as {@code running}. With {@code takeInFlight} (overlap policy skip) it
   * also takes the job's in-flight slot, a unique index: when another run holds it, the database
   * refuses the insert and the run is recorded as {@code skipped} instead.
   */
  public JobRun startManual(JobId job, boolean takeInFlight) {
    String id = RandomId.next();
    long now = Instant.now().toEpochMilli();
    int inserted =
        em.createNativeQuery(
                "INSERT INTO job_run (id, job_id, trigger_kind, started_at, status, attempt, in_flight, owner, sent_at)"
                    + " VALUES (?, ?, ?, ?, ?, 1, ?, ?, ?) ON CONFLICT DO NOTHING")
            .setParameter(1, id)
            .setParameter(2, job.value())
            .setParameter(3, Trigger.MANUAL.name())
            .setParameter(4, now)
            .setParameter(5, RunStatus.RUNNING.name())
            .setParameter(6, takeInFlight ? job.value() : null)
            // Sent at once by this instance: if it dies meanwhile, the run is settled as
            // interrupted.
            .setParameter(7, instance.id())
            .setParameter(8, now)
            .executeUpdate();
    if (inserted == 0) {
      var skipped = new JobRun(id, job.value(), Trigger.MANUAL, null, Instant.ofEpochMilli(now));
      skipped.finish(RunStatus.SKIPPED, 0, null, null, SKIPPED);
      em.persist(skipped);
      return skipped;
    }
    return em.find(JobRun.class, id);
  }

  public static final String SKIPPED =
      "Skipped: another run of this job was in flight (overlap_policy skip)";

  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public long count(JobId job) {
    return em.createNamedQuery(JobRun.COUNT_FOR_JOB, Long.class)
        .setParameter("jobId", job.value())
        .getSingleResult();
  }

  /** One page of a job's runs, newest first. */
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public List<JobRun> page(JobId job, PageRequest request) {
    return em.createNamedQuery(JobRun.FOR_JOB, JobRun.class)
        .setParameter("jobId", job.value())
        .setFirstResult((int) request.offset())
        .setMaxResults(request.size())
        .getResultList();
  }

  /**
   * Runs still {@code running} with no owner and not queued, although any call of theirs would have
   * ended by {@code before}: left by a version that recorded neither. They become {@code
   * interrupted}; not re-sent, since the target may have acted. (Runs with an owner are settled by
   * their delivery guarantee when the owner is gone; queued runs are sent.)
   */
  public int markInterrupted(Instant before) {
    String why = "Interrupted: the server stopped before the call ended; not re-sent";
    List<JobRun> lost =
        em.createQuery(
                "SELECT r FROM JobRun r WHERE r.status = :running AND r.startedAt < :before AND r.owner IS NULL"
                    + " AND r.queuedAt IS NULL",
                JobRun.class)
            .setParameter("running", RunStatus.RUNNING)
            .setParameter("before", before)
            .getResultList();
    if (lost.isEmpty()) {
      return 0;
    }
    List<String> ids = lost.stream().map(JobRun::id).toList();
    int marked = 0;
    for (int i = 0;
        i < ids.size();
        i += 1000) { // bounded IN lists (PostgreSQL takes at most 32,767 parameters)
      marked +=
          em.createQuery(
                  "UPDATE JobRun r SET r.status = :interrupted, r.error = :why, r.inFlight = NULL"
                      + " WHERE r.status = :running AND r.id IN :ids")
              .setParameter("interrupted", RunStatus.INTERRUPTED)
              .setParameter("why", why)
              .setParameter("running", RunStatus.RUNNING)
              .setParameter("ids", ids.subList(i, Math.min(ids.size(), i + 1000)))
              .executeUpdate();
    }
    // Told after the commit (observers run AFTER_SUCCESS): metrics, run log lines, alerts.
    lost.forEach(
        r ->
            runEnded.fire(
                RunEnded.notCalled(
                    r.jobId(),
                    r.id(),
                    r.trigger(),
                    r.scheduledAt(),
                    r.attempt(),
                    r.startedAt(),
                    RunStatus.INTERRUPTED,
                    why)));
    return marked;
  }

  /** Retention: deletes runs that started before {@code before}. */
  public int pruneOlderThan(Instant before) {
    return em.createQuery("DELETE FROM JobRun r WHERE r.startedAt < :before")
        .setParameter("before", before)
        .executeUpdate();
  }

  /** Retention: keeps only the newest {@code keep} runs of each job. */
  public int pruneBeyond(int keep) {
    List<String> crowded =
        em.createQuery(
                "SELECT r.jobId FROM JobRun r GROUP BY r.jobId HAVING COUNT(r) > :keep",
                String.class)
            .setParameter("keep", (long) keep)
            .getResultList();
    int pruned = 0;
    for (String jobId : crowded) {
      List<Instant> newest =
          em.createQuery(
                  "SELECT r.startedAt FROM JobRun r WHERE r.jobId = :job ORDER BY r.startedAt DESC",
                  Instant.class)
              .setParameter("job", jobId)
              .setFirstResult(keep - 1)
              .setMaxResults(1)
              .getResultList();
      if (!newest.isEmpty()) {
        pruned +=
            em.createQuery(
                    "DELETE FROM JobRun r WHERE r.jobId = :job AND r.startedAt < :oldestKept")
                .setParameter("job", jobId)
                .setParameter("oldestKept", newest.getFirst())
                .executeUpdate();
      }
    }
    return pruned;
  }

  /**
   * Records how the call ended; a no-op when the job (and so its history) was deleted meanwhile.
   */
  public void finish(String runId, CallOutcome outcome) {
    JobRun run = em.find(JobRun.class, runId);
    if (run != null) {
      run.finish(
          RunStatus.of(outcome.status()),
          outcome.ms(),
          outcome.statusLine(),
          outcome.response(),
          outcome.reason());
    }
  }
}
