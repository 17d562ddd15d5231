/**
 * Idempotency-Key on create and run-now: a key is reserved by the first request, its answer stored
 * and replayed to retries; a different request with the same key is refused.
 */
package dev.jobrunner.idempotency;
