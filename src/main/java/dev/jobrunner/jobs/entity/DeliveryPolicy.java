package dev.jobrunner.jobs.entity;

import java.util.Objects;

/**
 * How a job's calls are made: its own connect and total timeouts (null: the service-wide ones), how
 * many times a failed scheduled occurrence is retried, what happens on overlap, and after how many
 * consecutive failed occurrences the job pauses itself (null: the service-wide setting; 0: never),
 * and what happens to a call that may have been sent when its server died.
 */
public record DeliveryPolicy(
    Integer connectTimeoutMs,
    Integer timeoutMs,
    int retries,
    OverlapPolicy overlap,
    Integer autoPauseAfter,
    DeliveryGuarantee guarantee) {
  public static final int DEFAULT_RETRIES = 3;
  public static final int MAX_RETRIES = 10;
  public static final int MAX_AUTO_PAUSE_AFTER = 1000;
  public static final DeliveryPolicy DEFAULT =
      new DeliveryPolicy(
          null, null, DEFAULT_RETRIES, OverlapPolicy.DEFAULT, null, DeliveryGuarantee.DEFAULT);

  public DeliveryPolicy {
    Objects.requireNonNull(overlap, "overlap");
    Objects.requireNonNull(guarantee, "guarantee");
  }
}
