package dev.jobrunner.alerts.boundary;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * A notification receiver, as a typed MicroProfile REST Client: one POST of the JSON payload to the
 * receiver's URL itself, with the Standard Webhooks headers. Built per receiver with {@code
 * RestClientBuilder} (the URL is the service's or the job's), with timeouts and no redirects; a
 * null header (an unsigned notification) is not sent.
 */
@RegisterRestClient(configKey = "jobrunner-notifications")
@Path("")
public interface NotificationClient {
  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  Response send(
      String payload,
      @HeaderParam("webhook-id") String webhookId,
      @HeaderParam("webhook-timestamp") String webhookTimestamp,
      @HeaderParam("webhook-signature") String webhookSignature);
}
