/**
 * When scheduled runs happen, once each: slot timers and the minute sweep (which follow job changes
 * through the {@code JobChanged} event), the watermark, claims queued in the database, the sender
 * that marks them as sending and calls them, recording outcomes, retries, and the clean stop.
 */
package dev.jobrunner.scheduling;
