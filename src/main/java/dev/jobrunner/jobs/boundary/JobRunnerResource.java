package dev.jobrunner.jobs.boundary;

import dev.jobrunner.api.JsonBody;
import dev.jobrunner.api.Preconditions;
import dev.jobrunner.audit.Actor;
import dev.jobrunner.jobs.control.JobRequests;
import dev.jobrunner.jobs.control.JobSpecParser.ParsedJob;
import dev.jobrunner.jobs.control.JobStore;
import dev.jobrunner.jobs.entity.Job;
import dev.jobrunner.security.Permissions;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.time.Instant;

/**
 * One job runner, {@code job-runner/{id}.json} (a sub-resource of {@link JobRunnersResource}): the
 * spec's delete, and the extensions read (with its next runs), replace and patch. Reads and changes
 * answer the job's ETag; changes honour If-Match.
 */
@Stateless
@Produces(MediaType.APPLICATION_JSON)
public class JobRunnerResource {
  static final String MERGE_PATCH = "application/merge-patch+json";

  @EJB JobStore jobs;
  @Inject JobRequests requests;

  @GET
  @RolesAllowed(Permissions.READ)
  public Response get(@PathParam("id") String id) {
    return withTag(jobs.existing(id), null);
  }

  /**
   * Replaces the job's definition; fields left out take their defaults, except the secrets, kept
   * unless given.
   */
  @PUT
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed(Permissions.WRITE)
  public Response replace(
      @PathParam("id") String id,
      JsonBody body,
      @Context Request request,
      @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
      @Context SecurityContext security) {
    Job job = jobs.existing(id);
    Preconditions.require(request, ifMatch, job.version());
    return updated(job, requests.definition(body), false, security);
  }

  /**
   * JSON merge patch (RFC 7386) of the job's definition; {@code headers} merge by name, null
   * removes one.
   */
  @PATCH
  @Consumes({MediaType.APPLICATION_JSON, MERGE_PATCH})
  @RolesAllowed(Permissions.WRITE)
  public Response patch(
      @PathParam("id") String id,
      JsonBody body,
      @Context Request request,
      @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
      @Context SecurityContext security) {
    Job job = jobs.existing(id);
    Preconditions.require(request, ifMatch, job.version());
    return updated(job, requests.patch(job, body), true, security);
  }

  private Response updated(Job job, ParsedJob parsed, boolean merge, SecurityContext security) {
    JobStore.Saved saved = jobs.update(job, parsed, merge, Actor.of(security));
    return withTag(saved.job(), saved.newSigningSecret().orElse(null));
  }

  @DELETE
  @RolesAllowed(Permissions.WRITE)
  public JobDeleted delete(
      @PathParam("id") String id,
      @Context Request request,
      @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
      @Context SecurityContext security) {
    Job job = jobs.existing(id);
    Preconditions.require(request, ifMatch, job.version());
    jobs.delete(job, Actor.of(security));
    return new JobDeleted(job.id().value(), true);
  }

  /**
   * The job in full with its ETag; {@code newSigningSecret} only in the answer to the change that
   * made it.
   */
  static Response withTag(Job job, String newSigningSecret) {
    return Response.ok(JobDetailView.of(job, Instant.now(), newSigningSecret))
        .tag(Preconditions.tag(job.version()))
        .build();
  }
}
