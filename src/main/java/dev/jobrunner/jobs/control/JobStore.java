package dev.jobrunner.jobs.control;

import dev.jobrunner.api.PageRequest;
import dev.jobrunner.jobs.entity.Job;
import dev.jobrunner.jobs.entity.JobId;
import dev.jobrunner.jobs.entity.JobSpec;
import dev.jobrunner.runs.entity.JobRun;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Jobs in the database, the only truth about them. */
@Stateless
public class JobStore {
  @PersistenceContext EntityManager em;

  public JobId create(JobSpec spec) {
    JobId id = JobId.generate();
    em.persist(new Job(id, spec, Instant.now()));
    return id;
  }

  public long count() {
    return em.createNamedQuery(Job.COUNT, Long.class).getSingleResult();
  }

  /** One page in creation order; a page past the end is empty. */
  public List<Job> page(PageRequest request) {
    if (request.offset() >= count()) {
      return List.of();
    }
    return em.createNamedQuery(Job.IN_CREATION_ORDER, Job.class)
        // The page's times in one query (IN over the page's ids), not one query per job, nor a join that
        // re-reads every job.
        .setHint("eclipselink.batch", "j.times")
        .setHint("eclipselink.batch.type", "IN")
        .setFirstResult((int) request.offset())
        .setMaxResults(request.size())
        .getResultList();
  }

  public Optional<Job> find(JobId id) {
    return Optional.ofNullable(em.find(Job.class, id.value()));
  }

  /** Deletes the job and its run history; false when there was no such job. */
  public boolean delete(JobId id) {
    Job job = em.find(Job.class, id.value());
    if (job == null) {
      return false;
    }
    em.createNamedQuery(JobRun.DELETE_FOR_JOB).setParameter("jobId", id.value()).executeUpdate();
    em.remove(job);
    return true;
  }
}
