package dev.jobrunner.events;

import java.time.Instant;

/**
 * A job paused itself after too many consecutive failed occurrences; {@code reason} is its
 * paused_reason.
 */
public record JobAutoPaused(String jobId, String reason, Instant at) {}
