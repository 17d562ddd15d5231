package dev.jobrunner.jobs.control;

import dev.jobrunner.api.ApiException;
import dev.jobrunner.api.JsonBody;
import dev.jobrunner.api.UserText;
import dev.jobrunner.delivery.control.HttpCaller;
import dev.jobrunner.jobs.control.JobSpecParser.Limits;
import dev.jobrunner.jobs.control.JobSpecParser.ParsedJob;
import dev.jobrunner.jobs.entity.Job;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.ZoneId;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Reads create, replace and patch requests with this service's settings: the zone of jobs that name
 * none, the longest timeouts a job may ask for, and the SSRF guard on URLs whose host is a literal
 * address.
 */
@ApplicationScoped
public class JobRequests {
  /** The zone of jobs that name none (JOBRUNNER_TIMEZONE). */
  @Inject
  @ConfigProperty(name = "jobrunner.timezone", defaultValue = "UTC")
  ZoneId defaultZone;

  @Inject HttpCaller caller;

  /** A create or a full replacement (PUT). */
  public ParsedJob definition(JsonBody request) {
    return refusingLiteralPrivateTarget(JobSpecParser.parse(request, defaultZone, limits()));
  }

  /** A JSON merge patch of the stored job. */
  public ParsedJob patch(Job job, JsonBody request) {
    return refusingLiteralPrivateTarget(
        JobSpecParser.parsePatch(job.toRequestJson(), request, defaultZone, limits()));
  }

  private Limits limits() {
    return new Limits((int) caller.connectTimeoutMs(), (int) caller.totalTimeoutMs());
  }

  /**
   * The job's url, and its notify_url, are refused at once when they are internal addresses typed
   * as literals.
   */
  private ParsedJob refusingLiteralPrivateTarget(ParsedJob parsed) {
    refuseLiteralPrivate("url", parsed.spec().url(), "Internal targets");
    if (parsed.spec().notifyUrl() != null) {
      refuseLiteralPrivate("notify_url", parsed.spec().notifyUrl(), "Internal receivers");
    }
    return parsed;
  }

  private void refuseLiteralPrivate(String field, URI url, String what) {
    caller
        .refusalOfLiteralHost(url.getHost())
        .ifPresent(
            reason -> {
              throw ApiException.badRequest(
                  "Invalid "
                      + field
                      + " \""
                      + UserText.printable(url.toString())
                      + "\": "
                      + reason
                      + ". "
                      + what
                      + " must be allowed by JOBRUNNER_ALLOWED_TARGETS");
            });
  }
}
