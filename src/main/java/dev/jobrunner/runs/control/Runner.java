package dev.jobrunner.runs.control;

import dev.jobrunner.delivery.control.CallOutcome;
import dev.jobrunner.delivery.control.CallStatus;
import dev.jobrunner.delivery.control.HttpCaller;
import dev.jobrunner.delivery.control.OutboundCall;
import dev.jobrunner.events.RunEnded;
import dev.jobrunner.jobs.control.JobSecrets;
import dev.jobrunner.jobs.control.JobStore;
import dev.jobrunner.jobs.entity.Job;
import dev.jobrunner.jobs.entity.JobId;
import dev.jobrunner.jobs.entity.JobSpec;
import dev.jobrunner.jobs.entity.OverlapPolicy;
import dev.jobrunner.runs.entity.JobRun;
import dev.jobrunner.runs.entity.RunStatus;
import dev.jobrunner.secrets.SecretKeyRing.SecretUnavailable;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.util.Map;

/**
 * Runs a job now: record the run (or its skip, under overlap policy skip), make the call outside
 * any transaction, record the outcome. Manual runs are not retried: the caller sees the outcome at
 * once.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class Runner {
  @EJB JobStore jobs;
  @EJB RunLog runs;
  @Inject HttpCaller caller;
  @Inject JobSecrets secrets;
  @Inject Event<RunEnded> runEnded;

  public record Result(JobRun run, CallOutcome outcome) {}

  public Result runNow(JobId id) {
    Job job = jobs.existingWithSchedule(id);
    JobSpec spec = job.spec();
    JobRun run = runs.startManual(id, spec.delivery().overlap() == OverlapPolicy.SKIP);
    if (run.status() == RunStatus.SKIPPED) {
      runEnded.fire(
          RunEnded.manual(
              id.value(), run.id(), run.startedAt(), RunStatus.SKIPPED, null, RunLog.SKIPPED));
      return new Result(run, CallOutcome.noAnswer(CallStatus.SKIPPED, 0, RunLog.SKIPPED));
    }
    CallOutcome outcome;
    try {
      outcome = caller.call(callFor(job, spec, run.id()));
    } catch (SecretUnavailable unavailable) {
      outcome =
          CallOutcome.noAnswer(
              CallStatus.BLOCKED,
              0,
              "blocked: the job's secrets cannot be decrypted (" + unavailable.getMessage() + ")");
    }
    runs.finish(run.id(), outcome);
    runEnded.fire(
        RunEnded.manual(
            id.value(),
            run.id(),
            run.startedAt(),
            RunStatus.of(outcome.status()),
            outcome.ms(),
            outcome.statusLine() != null ? outcome.statusLine() : outcome.reason()));
    return new Result(run, outcome);
  }

  /** A manual run is its own occurrence: its run id is the idempotency key and the webhook id. */
  private OutboundCall callFor(Job job, JobSpec spec, String runId) {
    Map<String, String> headers =
        secrets.callHeaders(
            job.id().value(),
            job.sealedHeaders(),
            job.sealedSigningSecret(),
            Map.of("Idempotency-Key", runId),
            runId,
            spec.body());
    return new OutboundCall(
        spec.method().name(),
        spec.url(),
        spec.contentType(),
        spec.body(),
        headers,
        spec.delivery().connectTimeoutMs(),
        spec.delivery().timeoutMs());
  }
}
