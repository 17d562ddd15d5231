/**
 * When scheduled runs happen, once each: slot timers and the minute sweep (which follow job changes through
 * the {@code JobChanged} event), the watermark, claims, dispatch to the delivery workers, recording outcomes,
 * and retries.
 */
package dev.jobrunner.scheduling;
