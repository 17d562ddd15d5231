package dev.jobrunner.bench;

import java.time.Instant;

/**
 * Another scheduler, measured beside Job Runner in the same run (see {@link Peers}): it is given
 * one-shot executions due at one instant, each of which POSTs once to the target.
 */
interface Peer extends AutoCloseable {
  String name();

  /**
   * Writes {@code n} one-shot executions due at {@code slot}; execution {@code i} POSTs {@code {}}
   * to the peer's URL with {@code Idempotency-Key: keyPrefix + i}.
   */
  void schedule(int n, Instant slot, String keyPrefix) throws Exception;

  /** Empties the peer's tables, so that each round starts from the same state. */
  void clean() throws Exception;
}
