package dev.jobrunner.jobs.boundary;

import dev.jobrunner.api.JsonBody;
import dev.jobrunner.api.PageRequest;
import dev.jobrunner.api.PageView;
import dev.jobrunner.api.Preconditions;
import dev.jobrunner.audit.Actor;
import dev.jobrunner.idempotency.IdempotencyKey;
import dev.jobrunner.idempotency.IdempotentRequests;
import dev.jobrunner.jobs.control.JobRequests;
import dev.jobrunner.jobs.control.JobStore;
import dev.jobrunner.security.Permissions;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriBuilder;
import java.net.URI;
import java.util.Optional;

/**
 * The job runners under the versioned prefix: the spec's list and create, and the way to one of
 * them. Running one and its run history are {@code runs/boundary}'s.
 */
@Stateless
@Path(JobRunnersResource.VERSION)
@Produces(MediaType.APPLICATION_JSON)
public class JobRunnersResource {
  public static final String VERSION = "2026-02-01";

  @EJB JobStore jobs;
  @Inject JobRequests requests;
  @Inject IdempotentRequests idempotent;
  // The sub-resources through CDI's proxy: Jersey reads a returned sub-resource's methods from its
  // class, and on the EJB container's own reference it no longer matched PATCH's media types (415).
  @Inject JobRunnerResource job;
  @Inject PauseResource pause;
  @EJB JobListing listing;

  @GET
  @Path("job-runner.json")
  @RolesAllowed(Permissions.READ)
  public PageView<JobView> list(@QueryParam("size") String size, @QueryParam("page") String page) {
    return listing.page(PageRequest.parse(size, page));
  }

  @POST
  @Path("job-runner.json")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed(Permissions.WRITE)
  public Response create(
      JsonBody request,
      @HeaderParam(IdempotencyKey.HEADER) String idempotencyKey,
      @Context SecurityContext security) {
    Actor actor = Actor.of(security);
    Optional<IdempotencyKey> key = IdempotencyKey.parse(idempotencyKey);
    return idempotent.handle(
        key,
        actor.name() + " create",
        "POST job-runner.json\n" + request.text(),
        () -> created(request, actor));
  }

  private IdempotentRequests.Answer created(JsonBody request, Actor actor) {
    JobStore.Saved saved = jobs.create(requests.definition(request), actor);
    String id = saved.job().id().value();
    URI location = UriBuilder.fromPath("/{version}/job-runner/{id}.json").build(VERSION, id);
    // The replayed answer leaves the signing secret out: it is shown once, and never stored in
    // clear.
    return new IdempotentRequests.Answer(
        Response.created(location)
            .tag(Preconditions.tag(saved.job().version()))
            .entity(new JobCreated(id, true, saved.newSigningSecret().orElse(null)))
            .build(),
        new JobCreated(id, true, null));
  }

  /**
   * One job: {@code job-runner/{id}.json}. It is not looked up here, so that OPTIONS answers for
   * any id.
   *
   * <p>The locators are {@code @PermitAll} because the sub-resources' methods check the permission.
   * Left without a security annotation, a method of a bean whose other methods have one is
   * unchecked by the EJB spec (Payara) but denied to everyone by a stock WildFly ({@code
   * default-missing-method-permissions-deny-access}).
   */
  @Path("job-runner/{id}.json")
  @PermitAll
  public JobRunnerResource job() {
    return job;
  }

  /**
   * Its pause and resume: {@code job-runner/{id}/pause.json}. A separate sub-resource, because a
   * locator's path cannot end in the middle of a segment: one at {@code job-runner/{id}} would also
   * answer {@code GET job-runner/{id}} with the job.
   */
  @Path("job-runner/{id}")
  @PermitAll
  public PauseResource pause() {
    return pause;
  }
}
