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
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Jobs in the database, the only truth about them. Every change is put on the audit trail in the
 * same transaction, and announced as a {@link JobChanged} when it changes what is scheduled.
 */
@Stateless
public class JobStore {
  @PersistenceContext EntityManager em;
  @Inject JobSecrets secrets;
  @EJB AuditLog audit;
  @Inject Event<JobChanged> changes;
  @EJB JobTally tally;
  @Inject JobPages pages;

  /**
   * Beyond this many jobs between a known page start and the page asked for, the start of the page
   * is found first by reading keys only (the creation-order index), then the page from it.
   */
  static final int SEEK_BY_KEYS_BEYOND = 1_000;

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
    tally.created(); // last: its row lock is held only until the commit that follows
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

  /** How many jobs there are, from the tally (see {@link JobTally}): no rows are counted. */
  public JobTally.Tally tally() {
    return tally.read();
  }

  /**
   * One page in creation order ({@code PageView.of} reads no page past the end), under the tally
   * read for it. Read from the key of the nearest page start this instance knows under that tally
   * (keyset paging), else from the start of the list; the starts of this page and of the next are
   * remembered when the tally is still the same after the read.
   */
  public List<Job> page(PageRequest request, JobTally.Tally read) {
    long offset = request.offset();
    Map.Entry<Long, JobPages.Key> from = pages.nearest(read, offset);
    long skip = offset - (from == null ? 0 : from.getKey());
    if (skip > SEEK_BY_KEYS_BEYOND) {
      JobPages.Key start = keyAt(from == null ? null : from.getValue(), skip);
      if (start == null) {
        return List.of();
      }
      from = Map.entry(offset, start);
      skip = 0;
    }
    TypedQuery<Job> query =
        from == null
            ? em.createNamedQuery(Job.IN_CREATION_ORDER, Job.class)
            : em.createNamedQuery(Job.IN_CREATION_ORDER_FROM, Job.class)
                .setParameter("at", from.getValue().createdAt())
                .setParameter("id", from.getValue().id());
    List<Job> found =
        query
            // Jobs stored before their times were kept in their own row (see Job.listedTimes) read
            // them for the whole page in one query (IN over the page's ids), not one query per job.
            // Hibernate does the same from hibernate.default_batch_fetch_size (persistence.xml).
            .setHint("eclipselink.batch", "j.times")
            .setHint("eclipselink.batch.type", "IN")
            .setFirstResult((int) skip)
            .setMaxResults(request.size() + 1) // and the next page's first job
            .getResultList();
    rememberStarts(read, offset, found);
    return found.size() > request.size() ? found.subList(0, request.size()) : found;
  }

  /**
   * The key of the job {@code skip} places after {@code from} (or the list's start); null past the
   * end.
   */
  private JobPages.Key keyAt(JobPages.Key from, long skip) {
    TypedQuery<Object[]> query =
        from == null
            ? em.createNamedQuery(Job.KEYS_IN_CREATION_ORDER, Object[].class)
            : em.createNamedQuery(Job.KEYS_IN_CREATION_ORDER_FROM, Object[].class)
                .setParameter("at", from.createdAt())
                .setParameter("id", from.id());
    List<Object[]> key = query.setFirstResult((int) skip).setMaxResults(1).getResultList();
    return key.isEmpty() ? null : new JobPages.Key((Instant) key.get(0)[0], (String) key.get(0)[1]);
  }

  private void rememberStarts(JobTally.Tally read, long offset, List<Job> found) {
    long next = offset + found.size() - 1;
    boolean first = !found.isEmpty() && !pages.knows(read, offset);
    boolean following = found.size() > 1 && !pages.knows(read, next);
    if ((first || following) && tally.read().equals(read)) {
      if (first) {
        pages.remember(read, offset, keyOf(found.getFirst()));
      }
      if (following) {
        pages.remember(read, next, keyOf(found.getLast()));
      }
    }
  }

  private static JobPages.Key keyOf(Job job) {
    return new JobPages.Key(job.createdAt(), job.id().value());
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
    tally.deleted();
  }
}
