package dev.jobrunner.jobs.boundary;

import dev.jobrunner.api.ApiException;
import dev.jobrunner.api.JsonBody;
import dev.jobrunner.api.PageRequest;
import dev.jobrunner.api.PageView;
import dev.jobrunner.api.Preconditions;
import dev.jobrunner.api.UserText;
import dev.jobrunner.audit.Actor;
import dev.jobrunner.delivery.control.HttpCaller;
import dev.jobrunner.idempotency.IdempotencyKey;
import dev.jobrunner.idempotency.IdempotentRequests;
import dev.jobrunner.jobs.control.JobSpecParser;
import dev.jobrunner.jobs.control.JobSpecParser.Limits;
import dev.jobrunner.jobs.control.JobSpecParser.ParsedJob;
import dev.jobrunner.jobs.control.JobStore;
import dev.jobrunner.jobs.entity.Job;
import dev.jobrunner.jobs.entity.JobId;
import dev.jobrunner.jobs.entity.JobSpec;
import dev.jobrunner.runs.boundary.RunRecordView;
import dev.jobrunner.runs.boundary.RunView;
import dev.jobrunner.runs.control.RunLog;
import dev.jobrunner.runs.control.Runner;
import dev.jobrunner.scheduling.boundary.SlotTimers;
import dev.jobrunner.scheduling.control.Slot;
import dev.jobrunner.security.Permissions;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriBuilder;
import java.net.URI;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The spec's four operations on job runners under the versioned prefix, and the extensions: read one,
 * its runs, update (PUT/PATCH with If-Match), pause and resume.
 */
@Stateless
@Path(JobRunnerResource.VERSION)
@Produces(MediaType.APPLICATION_JSON)
public class JobRunnerResource {
  public static final String VERSION = "2026-02-01";
  static final String MERGE_PATCH = "application/merge-patch+json";

  @Inject JobStore jobs;
  @Inject Runner runner;
  @Inject RunLog runLog;
  @Inject SlotTimers slotTimers;
  @Inject HttpCaller caller;
  @Inject IdempotentRequests idempotent;

  /** The zone of jobs that name none (JOBRUNNER_TIMEZONE). */
  @Inject
  @ConfigProperty(name = "jobrunner.timezone", defaultValue = "UTC")
  ZoneId defaultZone;

  @GET
  @Path("job-runner.json")
  @RolesAllowed(Permissions.READ)
  public PageView<JobView> list(@QueryParam("size") String size, @QueryParam("page") String page) {
    PageRequest request = PageRequest.parse(size, page);
    return PageView.of("JobRunner", request, jobs.count(), jobs::page, JobView::of);
  }

  @POST
  @Path("job-runner.json")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed(Permissions.WRITE)
  public Response create(
      JsonBody request, @HeaderParam(IdempotencyKey.HEADER) String idempotencyKey, @Context SecurityContext security) {
    Actor actor = Actor.of(security);
    Optional<IdempotencyKey> key = IdempotencyKey.parse(idempotencyKey);
    return idempotent.handle(
        key, actor.name() + " create", "POST job-runner.json\n" + request.text(), () -> created(request, actor));
  }

  private IdempotentRequests.Answer created(JsonBody request, Actor actor) {
    ParsedJob parsed = JobSpecParser.parse(request, defaultZone, limits());
    refuseLiteralPrivateTarget(parsed.spec());
    JobStore.Saved saved = jobs.create(parsed, actor);
    slotTimers.ensure(Slot.of(parsed.spec()));
    String id = saved.job().id().value();
    URI location = UriBuilder.fromPath("/{version}/job-runner/{id}.json").build(VERSION, id);
    // The replayed answer leaves the signing secret out: it is shown once, and never stored in clear.
    return new IdempotentRequests.Answer(
        Response.created(location)
            .tag(Preconditions.tag(saved.job().version()))
            .entity(new JobCreated(id, true, saved.newSigningSecret().orElse(null)))
            .build(),
        new JobCreated(id, true, null));
  }

  @POST
  @Path("job-runner/{id}/run.json")
  @RolesAllowed(Permissions.WRITE)
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
  public Response run(
      @PathParam("id") String id,
      @HeaderParam(IdempotencyKey.HEADER) String idempotencyKey,
      @Context SecurityContext security) {
    JobId jobId = existing(id);
    Optional<IdempotencyKey> key = IdempotencyKey.parse(idempotencyKey);
    return idempotent.handle(
        key,
        Actor.of(security).name() + " run " + jobId.value(),
        "POST run.json",
        () -> {
          RunView view = RunView.of(runner.runNow(jobId));
          return new IdempotentRequests.Answer(Response.ok(view).build(), view);
        });
  }

  /** One job, with its next occurrences (an extension of the spec). */
  @GET
  @Path("job-runner/{id}.json")
  @RolesAllowed(Permissions.READ)
  public Response get(@PathParam("id") String id) {
    return withTag(jobs.existing(existing(id)), null);
  }

  /** Replaces the job's definition; fields left out take their defaults, except the secrets, kept unless given. */
  @PUT
  @Path("job-runner/{id}.json")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed(Permissions.WRITE)
  public Response replace(
      @PathParam("id") String id,
      JsonBody body,
      @Context Request request,
      @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
      @Context SecurityContext security) {
    Job job = jobs.existing(existing(id));
    Preconditions.require(request, ifMatch, job.version());
    ParsedJob parsed = JobSpecParser.parse(body, defaultZone, limits());
    return updated(job, parsed, false, security);
  }

  /** JSON merge patch (RFC 7386) of the job's definition; {@code headers} merge by name, null removes one. */
  @PATCH
  @Path("job-runner/{id}.json")
  @Consumes({MediaType.APPLICATION_JSON, MERGE_PATCH})
  @RolesAllowed(Permissions.WRITE)
  public Response patch(
      @PathParam("id") String id,
      JsonBody body,
      @Context Request request,
      @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
      @Context SecurityContext security) {
    Job job = jobs.existing(existing(id));
    Preconditions.require(request, ifMatch, job.version());
    ParsedJob parsed = JobSpecParser.parsePatch(job.toRequestJson(), body, defaultZone, limits());
    return updated(job, parsed, true, security);
  }

  private Response updated(Job job, ParsedJob parsed, boolean merge, SecurityContext security) {
    refuseLiteralPrivateTarget(parsed.spec());
    List<Slot> before = Slot.of(job.spec());
    JobStore.Saved saved = jobs.update(job, parsed, merge, Actor.of(security));
    List<Slot> after = Slot.of(parsed.spec());
    slotTimers.ensure(after);
    slotTimers.release(before.stream().filter(slot -> !after.contains(slot)).toList());
    return withTag(saved.job(), saved.newSigningSecret().orElse(null));
  }

  @POST
  @Path("job-runner/{id}/pause.json")
  @RolesAllowed(Permissions.WRITE)
  public Response pause(
      @PathParam("id") String id,
      JsonBody body,
      @Context Request request,
      @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
      @Context SecurityContext security) {
    Job job = jobs.existing(existing(id));
    String reason = PauseRequest.reason(body);
    Preconditions.require(request, ifMatch, job.version());
    return withTag(jobs.pause(job, reason == null ? "Paused" : reason, Actor.of(security)), null);
  }

  @POST
  @Path("job-runner/{id}/resume.json")
  @RolesAllowed(Permissions.WRITE)
  public Response resume(
      @PathParam("id") String id,
      @Context Request request,
      @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
      @Context SecurityContext security) {
    Job job = jobs.existing(existing(id));
    Preconditions.require(request, ifMatch, job.version());
    return withTag(jobs.resume(job, Actor.of(security)), null);
  }

  /** The job's run history, newest first, paginated like the list. */
  @GET
  @Path("job-runner/{id}/runs.json")
  @RolesAllowed(Permissions.READ)
  public PageView<RunRecordView> runs(
      @PathParam("id") String id, @QueryParam("size") String size, @QueryParam("page") String page) {
    PageRequest request = PageRequest.parse(size, page);
    JobId jobId = existing(id);
    jobs.existing(jobId);
    return PageView.of("JobRun", request, runLog.count(jobId), r -> runLog.page(jobId, r), RunRecordView::of);
  }

  @DELETE
  @Path("job-runner/{id}.json")
  @RolesAllowed(Permissions.WRITE)
  public JobDeleted delete(
      @PathParam("id") String id,
      @Context Request request,
      @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
      @Context SecurityContext security) {
    Job job = jobs.existing(existing(id));
    Preconditions.require(request, ifMatch, job.version());
    JobSpec spec = job.spec();
    jobs.delete(job, Actor.of(security));
    slotTimers.release(Slot.of(spec));
    return new JobDeleted(job.id().value(), true);
  }

  private Response withTag(Job job, String newSigningSecret) {
    return Response.ok(JobDetailView.of(job, Instant.now(), newSigningSecret))
        .tag(Preconditions.tag(job.version()))
        .build();
  }

  private Limits limits() {
    return new Limits((int) caller.connectTimeoutMs(), (int) caller.totalTimeoutMs());
  }

  private void refuseLiteralPrivateTarget(JobSpec spec) {
    caller.refusalOfLiteralHost(spec.url().getHost())
        .ifPresent(
            reason -> {
              throw ApiException.badRequest(
                  "Invalid url \"" + UserText.printable(spec.url().toString()) + "\": " + reason
                      + ". Internal targets must be allowed by JOBRUNNER_ALLOWED_TARGETS");
            });
  }

  /** A well-formed id; anything else cannot name a job and is simply not found. */
  private static JobId existing(String id) {
    return JobId.parse(id).orElseThrow(() -> notFound(id));
  }

  private static ApiException notFound(String id) {
    String shown = id.length() > 64 ? id.substring(0, 64) + "..." : id;
    return ApiException.notFound("Job runner \"" + shown.replaceAll("\\p{Cntrl}", "?") + "\" not found");
  }
}
