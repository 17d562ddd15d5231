package dev.jobrunner.apikeys.control;

import dev.jobrunner.apikeys.entity.ApiKeySecret;
import java.util.List;

/**
 * Finds an API key in a request: {@code X-API-Key: <key>}, or {@code Authorization: Bearer <key>}
 * when the bearer credential starts with {@code jr_} (a JWT never does). Everything else is not
 * ours: the JWT mechanism decides.
 */
public final class ApiKeyHeaders {
  public static final String HEADER = "X-API-Key";
  static final String BOTH = "Send one credential: X-API-Key or Authorization, not both";
  static final String SEVERAL = "Send one X-API-Key header";
  private static final String BEARER = "bearer ";

  private ApiKeyHeaders() {}

  /** What the headers carry, as far as API keys are concerned. */
  public sealed interface Found {}

  /** No API key: a JWT, or nothing at all. */
  public record NotAKey() implements Found {}

  public record Key(String text) implements Found {}

  /** Headers that cannot be read one way only; refused rather than guessed at. */
  public record Refused(String reason) implements Found {}

  /**
   * {@code apiKeyHeaders} and {@code authorizationHeaders}: every value of each header, in order.
   */
  public static Found read(List<String> apiKeyHeaders, List<String> authorizationHeaders) {
    if (apiKeyHeaders.size() > 1) {
      return new Refused(SEVERAL);
    }
    if (apiKeyHeaders.size() == 1) {
      return authorizationHeaders.isEmpty()
          ? new Key(apiKeyHeaders.getFirst().strip())
          : new Refused(BOTH);
    }
    if (authorizationHeaders.size() == 1) {
      String authorization = authorizationHeaders.getFirst().strip();
      if (authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
        String credential = authorization.substring(BEARER.length()).strip();
        if (ApiKeySecret.looksLikeKey(credential)) {
          return new Key(credential);
        }
      }
    }
    return new NotAKey();
  }
}
