package dev.jobrunner.idempotency;

import dev.jobrunner.api.ApiException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A client's {@code Idempotency-Key} header: 1 to 255 visible ASCII characters (a UUID, typically).
 */
public record IdempotencyKey(String value) {
  public static final String HEADER = "Idempotency-Key";
  private static final Pattern VALID = Pattern.compile("[\\x21-\\x7E]{1,255}");

  public IdempotencyKey {
    if (!VALID.matcher(value).matches()) {
      throw new IllegalArgumentException("invalid idempotency key");
    }
  }

  /** Empty when the header is absent; a 400 when it is present but unusable. */
  public static Optional<IdempotencyKey> parse(String header) {
    if (header == null) {
      return Optional.empty();
    }
    if (!VALID.matcher(header).matches()) {
      throw ApiException.badRequest(
          "Invalid Idempotency-Key: use 1 to 255 visible ASCII characters, such as a UUID");
    }
    return Optional.of(new IdempotencyKey(header));
  }
}
