package dev.jobrunner.jobs.control;

import dev.jobrunner.runs.entity.JobRun;
import dev.jobrunner.runs.entity.RunStatus;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The last outcome of each job of a list page, in one query: the newest run that ended. A run still
 * {@code running} has no outcome yet, and a {@code skipped} one was not called, so it says nothing
 * about the target; both are passed over.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class LatestRuns {
  private static final List<RunStatus> NO_OUTCOME = List.of(RunStatus.RUNNING, RunStatus.SKIPPED);

  @PersistenceContext EntityManager em;

  /** Job id to its last ended run; jobs that have none are absent. */
  public Map<String, JobRun> of(Collection<String> jobIds) {
    Map<String, JobRun> latest = new HashMap<>();
    if (jobIds.isEmpty()) {
      return latest;
    }
    List<JobRun> found =
        em.createQuery(
                "SELECT r FROM JobRun r WHERE r.jobId IN :jobs AND r.status NOT IN :noOutcome AND r.startedAt ="
                    + " (SELECT MAX(o.startedAt) FROM JobRun o WHERE o.jobId = r.jobId AND o.status NOT IN :noOutcome)",
                JobRun.class)
            .setParameter("jobs", jobIds)
            .setParameter("noOutcome", NO_OUTCOME)
            .getResultList();
    // Two runs started in the same millisecond: the one with the greater id, as the run history
    // orders them.
    Comparator<JobRun> newest = Comparator.comparing(JobRun::startedAt).thenComparing(JobRun::id);
    found.forEach(
        run -> latest.merge(run.jobId(), run, (a, b) -> newest.compare(a, b) >= 0 ? a : b));
    return latest;
  }
}
