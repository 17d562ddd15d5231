package dev.jobrunner.jobs.control;

import dev.jobrunner.api.ApiException;
import dev.jobrunner.jobs.control.JobSpecParser.ParsedJob;
import dev.jobrunner.jobs.entity.HeaderSet;
import dev.jobrunner.jobs.entity.Job;
import dev.jobrunner.secrets.SecretKeyRing.SecretUnavailable;
import dev.jobrunner.secrets.Secrets;
import dev.jobrunner.secrets.WebhookSignature;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response.Status;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A job's secrets, sealed at rest: its custom header values and its signing secret. Each sealed
 * value is bound to its job and field (the associated data), so it cannot be moved to another job.
 */
@ApplicationScoped
public class JobSecrets {
  static final String NO_KEY =
      "Custom headers and signing secrets are stored encrypted, and this server has no JOBRUNNER_SECRET_KEY:"
          + " nothing was stored. Ask the operator to set one";

  static final String HEADERS = "headers";
  static final String SIGNING_SECRET = "signing-secret";

  @Inject Secrets secrets;

  /**
   * Applies what a request says of the secrets to the job and returns a newly generated signing
   * secret, to be shown once. {@code merge}: a PATCH, whose headers change the stored ones instead
   * of replacing them.
   */
  public Optional<String> apply(Job job, ParsedJob parsed, boolean merge) {
    Map<String, String> given = parsed.headers();
    if (given != null) {
      HeaderSet next = merge ? headersOf(job).merge(given) : HeaderSet.of(given);
      if (!next.isEmpty() && !secrets.canSeal()) {
        throw ApiException.badRequest(NO_KEY);
      }
      job.sealHeaders(
          next.names(),
          next.isEmpty() ? null : secrets.seal(next.toJson(), place(job.id().value(), HEADERS)));
    }
    if (Boolean.FALSE.equals(parsed.signed())) {
      job.sealSigningSecret(null);
    } else if (Boolean.TRUE.equals(parsed.signed()) && !job.signed()) {
      if (!secrets.canSeal()) {
        throw ApiException.badRequest(NO_KEY);
      }
      String secret = WebhookSignature.newSecret();
      job.sealSigningSecret(secrets.seal(secret, place(job.id().value(), SIGNING_SECRET)));
      return Optional.of(secret);
    }
    return Optional.empty();
  }

  public HeaderSet headersOf(Job job) {
    return job.sealedHeaders()
        .map(value -> openHeaders(job.id().value(), value))
        .orElse(HeaderSet.NONE);
  }

  private HeaderSet openHeaders(String jobId, String sealed) {
    try {
      return HeaderSet.fromJson(secrets.open(sealed, place(jobId, HEADERS)));
    } catch (SecretUnavailable unavailable) {
      throw new ApiException(
          Status.CONFLICT,
          "The stored headers cannot be decrypted ("
              + unavailable.getMessage()
              + "); send all headers again with PUT");
    }
  }

  /** For the delivery path: opens the sealed values it read with the job's row. */
  public HeaderSet openHeaders(String jobId, Optional<String> sealed) {
    return sealed
        .map(s -> HeaderSet.fromJson(secrets.open(s, place(jobId, HEADERS))))
        .orElse(HeaderSet.NONE);
  }

  public Optional<String> openSigningSecret(String jobId, Optional<String> sealed) {
    return sealed.map(s -> secrets.open(s, place(jobId, SIGNING_SECRET)));
  }

  /**
   * The headers of one call, built just before it is sent: the job's own (opened), the run's
   * identity ({@code Idempotency-Key}, ...), and, for a signed job, the Standard Webhooks headers
   * signed now with {@code webhookId}.
   */
  public Map<String, String> callHeaders(
      String jobId,
      Optional<String> sealedHeaders,
      Optional<String> sealedSigningSecret,
      Map<String, String> identity,
      String webhookId,
      String body) {
    Map<String, String> headers = new LinkedHashMap<>(openHeaders(jobId, sealedHeaders).values());
    headers.putAll(identity);
    openSigningSecret(jobId, sealedSigningSecret)
        .ifPresent(
            secret ->
                headers.putAll(
                    WebhookSignature.headers(
                        secret, webhookId, Instant.now().getEpochSecond(), body)));
    return headers;
  }

  /** The associated data that binds a sealed value to its job and field. */
  static String place(String jobId, String field) {
    return "job/" + jobId + "/" + field;
  }
}
