package dev.jobrunner.jobs.control;

import dev.jobrunner.api.ApiException;
import dev.jobrunner.api.PageRequest;
import dev.jobrunner.audit.Actor;
import dev.jobrunner.audit.AuditAction;
import dev.jobrunner.audit.AuditLog;
import dev.jobrunner.jobs.control.JobSpecParser.ParsedJob;
import dev.jobrunner.jobs.entity.Job;
import dev.jobrunner.jobs.entity.JobId;
import dev.jobrunner.jobs.entity.JobSpec;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Jobs in the database, the only truth about them. Every change is put on the audit trail in the
 * same transaction, and announced as a {@link JobChanged} when it changes what is scheduled.
 */
@Stateless
public class JobStore {
  @PersistenceContext EntityManager em;
  @Inject JobSecrets secrets;
  @Inject AuditLog audit;
  @Inject Event<JobChanged> changes;

  /**
   * A change as the API reports it: the job, and a signing secret made by this change (shown once).
   */
  public record Saved(Job job, Optional<String> newSigningSecret) {}

  public Saved create(ParsedJob parsed, Actor actor) {
    Job job = new Job(JobId.generate(), parsed.spec(), Instant.now(), actor.name());
    Optional<String> signingSecret = secrets.apply(job, parsed, false);
    em.persist(job);
    em.flush(); // sets the version, which the answer's ETag shows
    audit.record(actor, AuditAction.JOB_CREATED, job.id().value(), parsed.spec().title());
    changes.fire(new JobChanged(job.id(), null, parsed.spec()));
    return new Saved(job, signingSecret);
  }

  /**
   * PUT ({@code merge} false) or PATCH; the version check on commit catches a concurrent change.
   */
  public Saved update(Job job, ParsedJob parsed, boolean merge, Actor actor) {
    JobSpec before = job.spec();
    Optional<String> signingSecret = secrets.apply(job, parsed, merge);
    if (!before.times().equals(parsed.spec().times())) {
      // The old times leave the table before the new ones come: EclipseLink could insert a new time
      // at a
      // position before deleting the old one there, and the key (job_id, position) refused it (a
      // 500).
      job.clearTimes();
      em.flush();
    }
    job.update(parsed.spec(), Instant.now(), actor.name());
    em.flush();
    audit.record(actor, AuditAction.JOB_UPDATED, job.id().value(), null);
    changes.fire(new JobChanged(job.id(), before, parsed.spec()));
    return new Saved(job, signingSecret);
  }

  public Job pause(Job job, String reason, Actor actor) {
    if (!job.paused()) {
      job.pause(reason, Instant.now(), actor.name());
      em.flush();
      audit.record(actor, AuditAction.JOB_PAUSED, job.id().value(), reason);
    }
    return job;
  }

  public Job resume(Job job, Actor actor) {
    if (job.paused()) {
      job.resume(Instant.now(), actor.name());
      em.flush();
      audit.record(actor, AuditAction.JOB_RESUMED, job.id().value(), null);
    }
    return job;
  }

  public long count() {
    return em.createNamedQuery(Job.COUNT, Long.class).getSingleResult();
  }

  /** One page in creation order ({@code PageView.of} reads no page past the end). */
  public List<Job> page(PageRequest request) {
    return em.createNamedQuery(Job.IN_CREATION_ORDER, Job.class)
        // The page's times in one query (IN over the page's ids), not one query per job, nor a join
        // that
        // re-reads every job. Hibernate does the same from hibernate.default_batch_fetch_size
        // (persistence.xml).
        .setHint("eclipselink.batch", "j.times")
        .setHint("eclipselink.batch.type", "IN")
        .setFirstResult((int) request.offset())
        .setMaxResults(request.size())
        .getResultList();
  }

  public Optional<Job> find(JobId id) {
    return Optional.ofNullable(em.find(Job.class, id.value()));
  }

  /** The job or a 404 in the API's words. */
  public Job existing(JobId id) {
    return find(id)
        .orElseThrow(() -> ApiException.notFound("Job runner \"" + id.value() + "\" not found"));
  }

  /** The job a path names, or a 404. */
  public Job existing(String id) {
    return existing(idOf(id));
  }

  /**
   * The id in a path; one that is not well formed cannot name a job and is simply not found (404).
   */
  public static JobId idOf(String id) {
    return JobId.parse(id)
        .orElseThrow(
            () -> {
              String shown = id.length() > 64 ? id.substring(0, 64) + "..." : id;
              return ApiException.notFound(
                  "Job runner \"" + shown.replaceAll("\\p{Cntrl}", "?") + "\" not found");
            });
  }

  /**
   * The job with its schedule already read, for use after this transaction has ended (a manual run
   * calls outside any): Hibernate cannot load a lazy collection then, EclipseLink can.
   */
  public Job existingWithSchedule(JobId id) {
    return em.createNamedQuery(Job.WITH_TIMES, Job.class)
        .setParameter("id", id.value())
        .getResultStream()
        .findFirst()
        .orElseThrow(() -> ApiException.notFound("Job runner \"" + id.value() + "\" not found"));
  }

  /**
   * Deletes the job, and its run history with it: job_run rows go by the schema's ON DELETE
   * CASCADE, so no run outlives its job, whichever instance or path deletes it.
   */
  public void delete(Job job, Actor actor) {
    JobSpec spec = job.spec();
    em.remove(job);
    em.flush(); // so that the slot timers see the job gone
    audit.record(actor, AuditAction.JOB_DELETED, job.id().value(), spec.title());
    changes.fire(new JobChanged(job.id(), spec, null));
  }
}
