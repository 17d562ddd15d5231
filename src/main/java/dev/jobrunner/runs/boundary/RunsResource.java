package dev.jobrunner.runs.boundary;

import dev.jobrunner.api.PageRequest;
import dev.jobrunner.api.PageView;
import dev.jobrunner.audit.Actor;
import dev.jobrunner.idempotency.IdempotencyKey;
import dev.jobrunner.idempotency.IdempotentRequests;
import dev.jobrunner.jobs.boundary.JobRunnersResource;
import dev.jobrunner.jobs.control.JobStore;
import dev.jobrunner.jobs.entity.JobId;
import dev.jobrunner.runs.control.RunLog;
import dev.jobrunner.runs.control.Runner;
import dev.jobrunner.security.Permissions;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

/** Running a job now (the spec's run) and its run history (an extension), per job runner. */
@Stateless
@Path(JobRunnersResource.VERSION)
@Produces(MediaType.APPLICATION_JSON)
public class RunsResource {
  @EJB JobStore jobs;
  @EJB Runner runner;
  @EJB RunLog runLog;
  @Inject IdempotentRequests idempotent;

  /**
   * Outside any transaction: the run is on record before its call, and the call cannot be rolled
   * back.
   */
  @POST
  @Path("job-runner/{id}/run.json")
  @RolesAllowed(Permissions.WRITE)
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
  public Response run(
      @PathParam("id") String id,
      @HeaderParam(IdempotencyKey.HEADER) String idempotencyKey,
      @Context SecurityContext security) {
    JobId jobId = JobStore.idOf(id);
    return idempotent.handle(
        IdempotencyKey.parse(idempotencyKey),
        Actor.of(security).name() + " run " + jobId.value(),
        "POST run.json",
        () -> {
          RunView view = RunView.of(runner.runNow(jobId));
          return new IdempotentRequests.Answer(Response.ok(view).build(), view);
        });
  }

  /** The job's runs, newest first, paginated like the list. */
  @GET
  @Path("job-runner/{id}/runs.json")
  @RolesAllowed(Permissions.READ)
  public PageView<RunRecordView> runs(
      @PathParam("id") String id,
      @QueryParam("size") String size,
      @QueryParam("page") String page) {
    PageRequest request = PageRequest.parse(size, page);
    JobId jobId = jobs.existing(id).id();
    return PageView.of(
        "JobRun", request, runLog.count(jobId), r -> runLog.page(jobId, r), RunRecordView::of);
  }
}
