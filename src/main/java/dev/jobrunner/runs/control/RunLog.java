package dev.jobrunner.runs.control;

import dev.jobrunner.api.RandomId;
import dev.jobrunner.delivery.control.CallOutcome;
import dev.jobrunner.jobs.entity.JobId;
import dev.jobrunner.runs.entity.JobRun;
import dev.jobrunner.runs.entity.RunStatus;
import dev.jobrunner.runs.entity.Trigger;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;

/**
 * The run history. Each step commits on its own: a run is on record as {@code running} before its call is
 * made, so a crash mid-call leaves a trace instead of nothing.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class RunLog {
  @PersistenceContext EntityManager em;

  public JobRun start(JobId job, Trigger trigger, Instant scheduledAt) {
    var run = new JobRun(RandomId.next(), job.value(), trigger, scheduledAt, Instant.now());
    em.persist(run);
    return run;
  }

  /** Records how the call ended; a no-op when the job (and so its history) was deleted meanwhile. */
  public void finish(String runId, CallOutcome outcome) {
    JobRun run = em.find(JobRun.class, runId);
    if (run != null) {
      run.finish(
          RunStatus.of(outcome.status()), outcome.ms(), outcome.statusLine(), outcome.response(), outcome.reason());
    }
  }
}
