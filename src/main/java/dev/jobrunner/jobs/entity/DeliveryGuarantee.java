package dev.jobrunner.jobs.entity;

import java.util.Locale;
import java.util.Optional;

/**
 * What happens to a scheduled call that may have reached its target when the server sending it died
 * (killed, crashed, or stopped past its drain time). Calls that had not been sent are always sent
 * later, whatever this says.
 *
 * <p>{@code at_least_once} (default): the call is sent again with the same occurrence identity
 * ({@code Idempotency-Key}, {@code webhook-id}, {@code X-Scheduled-At}), so the target may see it
 * twice and drops the second by that identity. {@code at_most_once}: the run is recorded as {@code
 * interrupted} and not sent again, so the target may see it once or never.
 */
public enum DeliveryGuarantee {
  AT_LEAST_ONCE,
  AT_MOST_ONCE;

  public static final DeliveryGuarantee DEFAULT = AT_LEAST_ONCE;

  public static Optional<DeliveryGuarantee> parse(String word) {
    for (DeliveryGuarantee guarantee : values()) {
      if (guarantee.word().equals(word)) {
        return Optional.of(guarantee);
      }
    }
    return Optional.empty();
  }

  public String word() {
    return name().toLowerCase(Locale.ROOT);
  }
}
