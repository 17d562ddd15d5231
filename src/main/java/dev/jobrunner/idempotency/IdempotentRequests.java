package dev.jobrunner.idempotency;

import dev.jobrunner.api.ApiException;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Idempotency-Key handling for a request (Stripe's and the IETF draft's rules): without a key the
 * request simply runs. With one, the first request runs and its answer is stored; a retry with the
 * same key and the same request gets that answer again (with {@code Idempotent-Replayed: true});
 * the same key with another request is a 422; while the first is still running, a 409. Keys are
 * scoped to the caller and operation and kept for 24 hours. A request that is refused (4xx) stores
 * nothing, so it can be corrected and retried.
 */
@ApplicationScoped
public class IdempotentRequests {
  public static final String REPLAYED = "Idempotent-Replayed";
  private static final Jsonb JSON = JsonbBuilder.create();

  @EJB IdempotencyRecords records;

  /**
   * What a request answered, and the body to replay (which may leave out what is shown only once).
   */
  public record Answer(Response response, Object replayBody) {}

  public Response handle(
      Optional<IdempotencyKey> key, String scope, String request, Supplier<Answer> action) {
    if (key.isEmpty()) {
      return action.get().response();
    }
    return switch (records.reserve(scope, key.get(), fingerprint(request))) {
      case IdempotencyRecords.Decision.Replay replay -> replayed(replay);
      case IdempotencyRecords.Decision.StillRunning running ->
          throw new ApiException(
              Status.CONFLICT,
              "A request with this Idempotency-Key is still being processed; retry it later");
      case IdempotencyRecords.Decision.OtherRequest other ->
          throw new ApiException(
              422, "This Idempotency-Key was already used for a different request; use a new key");
      case IdempotencyRecords.Decision.Proceed proceed -> firstTime(key.get(), scope, action);
    };
  }

  private Response firstTime(IdempotencyKey key, String scope, Supplier<Answer> action) {
    try {
      Answer answer = action.get();
      Response response = answer.response();
      String location = response.getLocation() == null ? null : response.getLocation().toString();
      records.complete(
          scope, key, response.getStatus(), JSON.toJson(answer.replayBody()), location);
      return response;
    } catch (RuntimeException refused) {
      records.release(scope, key);
      throw refused;
    }
  }

  private static Response replayed(IdempotencyRecords.Decision.Replay replay) {
    var response =
        Response.status(replay.status())
            .type(MediaType.APPLICATION_JSON_TYPE)
            .entity(replay.body())
            .header(REPLAYED, "true");
    if (replay.location() != null) {
      response.header("Location", replay.location());
    }
    return response.build();
  }

  private static String fingerprint(String request) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256")
                  .digest(request.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
