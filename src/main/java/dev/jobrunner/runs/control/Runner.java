package dev.jobrunner.runs.control;

import dev.jobrunner.api.ApiException;
import dev.jobrunner.delivery.control.CallOutcome;
import dev.jobrunner.delivery.control.HttpCaller;
import dev.jobrunner.delivery.control.OutboundCall;
import dev.jobrunner.jobs.control.JobStore;
import dev.jobrunner.jobs.entity.JobId;
import dev.jobrunner.jobs.entity.JobSpec;
import dev.jobrunner.runs.entity.JobRun;
import dev.jobrunner.runs.entity.Trigger;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.Map;

/** Runs a job: record the run, make the call outside any transaction, record the outcome. */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class Runner {
  @Inject JobStore jobs;
  @Inject RunLog runs;
  @Inject HttpCaller caller;

  public record Result(JobRun run, CallOutcome outcome) {}

  public Result runNow(JobId id) {
    JobSpec spec =
        jobs.find(id).orElseThrow(() -> ApiException.notFound("Job runner \"" + id + "\" not found")).spec();
    JobRun run = runs.start(id, Trigger.MANUAL, null);
    CallOutcome outcome = caller.call(callFor(spec, run.id()));
    runs.finish(run.id(), outcome);
    return new Result(run, outcome);
  }

  /** A manual run is its own occurrence: its run id is the idempotency key. */
  static OutboundCall callFor(JobSpec spec, String runId) {
    return new OutboundCall(
        spec.method().name(), spec.url(), spec.contentType(), spec.body(), Map.of("Idempotency-Key", runId));
  }
}
