package dev.jobrunner.jobs.boundary;

import dev.jobrunner.api.ApiException;
import dev.jobrunner.api.PageRequest;
import dev.jobrunner.api.PageView;
import dev.jobrunner.api.UserText;
import dev.jobrunner.delivery.control.HttpCaller;
import dev.jobrunner.jobs.control.JobSpecParser;
import dev.jobrunner.jobs.control.JobStore;
import dev.jobrunner.jobs.entity.Job;
import dev.jobrunner.jobs.entity.JobId;
import dev.jobrunner.jobs.entity.JobSpec;
import dev.jobrunner.scheduling.boundary.SlotTimers;
import dev.jobrunner.scheduling.control.Slot;
import dev.jobrunner.runs.boundary.RunRecordView;
import dev.jobrunner.runs.boundary.RunView;
import dev.jobrunner.runs.control.RunLog;
import dev.jobrunner.runs.entity.JobRun;
import dev.jobrunner.runs.control.Runner;
import dev.jobrunner.security.Permissions;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The spec's four operations on job runners, under the versioned prefix. */
@Stateless
@Path(JobRunnerResource.VERSION)
@Produces(MediaType.APPLICATION_JSON)
public class JobRunnerResource {
  public static final String VERSION = "2026-02-01";
  /** Whole request bodies above this are refused before parsing (the job's own fields are far smaller). */
  static final int MAX_REQUEST_BYTES = 256 * 1024;

  @Inject JobStore jobs;
  @Inject Runner runner;
  @Inject RunLog runLog;
  @Inject SlotTimers slotTimers;
  @Inject HttpCaller caller;

  /** The zone of jobs that name none (JOBRUNNER_TIMEZONE). */
  @Inject
  @ConfigProperty(name = "jobrunner.timezone", defaultValue = "UTC")
  ZoneId defaultZone;

  @GET
  @Path("job-runner.json")
  @RolesAllowed(Permissions.READ)
  public PageView<JobView> list(@QueryParam("size") String size, @QueryParam("page") String page) {
    PageRequest request = PageRequest.parse(size, page);
    long count = jobs.count();
    List<Job> found = request.offset() < count ? jobs.page(request) : List.of();
    return PageView.of("JobRunner", request, count, found.stream().map(j -> JobView.of(j.id(), j.spec())).toList());
  }

  @POST
  @Path("job-runner.json")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed(Permissions.WRITE)
  public Response create(InputStream body) {
    JobSpec spec = JobSpecParser.parseCreateRequest(readBounded(body), defaultZone);
    caller.refusalOfLiteralHost(spec.url().getHost())
        .ifPresent(
            reason -> {
              throw ApiException.badRequest(
                  "Invalid url \"" + UserText.printable(spec.url().toString()) + "\": " + reason
                      + ". Internal targets must be allowed by JOBRUNNER_ALLOWED_TARGETS");
            });
    JobId id = jobs.create(spec);
    slotTimers.ensure(Slot.of(spec));
    URI location = UriBuilder.fromPath("/{version}/job-runner/{id}.json").build(VERSION, id.value());
    return Response.created(location).entity(new JobCreated(id.value(), true)).build();
  }

  @POST
  @Path("job-runner/{id}/run.json")
  @RolesAllowed(Permissions.WRITE)
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
  public RunView run(@PathParam("id") String id) {
    return RunView.of(runner.runNow(existing(id)));
  }

  /** One job, with its next occurrences (an extension of the spec). */
  @GET
  @Path("job-runner/{id}.json")
  @RolesAllowed(Permissions.READ)
  public JobDetailView get(@PathParam("id") String id) {
    Job job = jobs.find(existing(id)).orElseThrow(() -> notFound(id));
    return JobDetailView.of(job, Instant.now());
  }

  /** The job's run history, newest first, paginated like the list. */
  @GET
  @Path("job-runner/{id}/runs.json")
  @RolesAllowed(Permissions.READ)
  public PageView<RunRecordView> runs(
      @PathParam("id") String id, @QueryParam("size") String size, @QueryParam("page") String page) {
    PageRequest request = PageRequest.parse(size, page);
    JobId jobId = existing(id);
    if (jobs.find(jobId).isEmpty()) {
      throw notFound(id);
    }
    long count = runLog.count(jobId);
    List<JobRun> found = request.offset() < count ? runLog.page(jobId, request) : List.of();
    return PageView.of("JobRun", request, count, found.stream().map(RunRecordView::of).toList());
  }

  @DELETE
  @Path("job-runner/{id}.json")
  @RolesAllowed(Permissions.WRITE)
  public JobDeleted delete(@PathParam("id") String id) {
    JobId jobId = existing(id);
    JobSpec spec = jobs.find(jobId).orElseThrow(() -> notFound(id)).spec();
    jobs.delete(jobId);
    slotTimers.release(Slot.of(spec));
    return new JobDeleted(jobId.value(), true);
  }

  /** A well-formed id; anything else cannot name a job and is simply not found. */
  private static JobId existing(String id) {
    return JobId.parse(id).orElseThrow(() -> notFound(id));
  }

  private static ApiException notFound(String id) {
    String shown = id.length() > 64 ? id.substring(0, 64) + "..." : id;
    return ApiException.notFound("Job runner \"" + shown.replaceAll("\\p{Cntrl}", "?") + "\" not found");
  }

  private static String readBounded(InputStream body) {
    try {
      byte[] bytes = body.readNBytes(MAX_REQUEST_BYTES + 1);
      if (bytes.length > MAX_REQUEST_BYTES) {
        throw new ApiException(
            Response.Status.REQUEST_ENTITY_TOO_LARGE, "Request body is larger than " + MAX_REQUEST_BYTES + " bytes");
      }
      return new String(bytes, StandardCharsets.UTF_8);
    } catch (IOException unreadable) {
      throw ApiException.badRequest("Request body could not be read");
    }
  }
}
