package dev.jobrunner.jobs.boundary;

import dev.jobrunner.api.JsonBody;
import dev.jobrunner.api.Preconditions;
import dev.jobrunner.audit.Actor;
import dev.jobrunner.jobs.control.JobStore;
import dev.jobrunner.jobs.entity.Job;
import dev.jobrunner.security.Permissions;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

/**
 * Pausing and resuming one job runner, {@code job-runner/{id}/pause.json} and {@code resume.json}
 * (a sub-resource of {@link JobRunnersResource}). Both answer the job as {@link JobRunnerResource}
 * shows it and honour If-Match; doing either twice changes nothing the second time.
 */
@Stateless
@Produces(MediaType.APPLICATION_JSON)
public class PauseResource {
  @EJB JobStore jobs;

  /**
   * The body is optional ({@code {"reason": "..."}}), so no {@code @Consumes}: see JsonBodyReader.
   */
  @POST
  @Path("pause.json")
  @RolesAllowed(Permissions.WRITE)
  public Response pause(
      @PathParam("id") String id,
      JsonBody body,
      @Context Request request,
      @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
      @Context SecurityContext security) {
    Job job = jobs.existing(id);
    String reason = PauseRequest.reason(body);
    Preconditions.require(request, ifMatch, job.version());
    return JobRunnerResource.withTag(
        jobs.pause(job, reason == null ? "Paused" : reason, Actor.of(security)), null);
  }

  @POST
  @Path("resume.json")
  @RolesAllowed(Permissions.WRITE)
  public Response resume(
      @PathParam("id") String id,
      @Context Request request,
      @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
      @Context SecurityContext security) {
    Job job = jobs.existing(id);
    Preconditions.require(request, ifMatch, job.version());
    return JobRunnerResource.withTag(jobs.resume(job, Actor.of(security)), null);
  }
}
