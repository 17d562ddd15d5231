/**
 * MicroProfile Health checks, for Kubernetes probes ({@code /health/live}, {@code /health/ready},
 * {@code /health/started}). Readiness: the database answers in time, no migration is pending, the
 * slot timers were reconciled, the dispatcher's minute sweep is recent and not stuck, the backlog
 * is under its limit. Liveness: no deadlocked threads (what a restart cures, unlike a database
 * outage). Startup: the schema is migrated and the slot timers were built once. Every check carries
 * its data and the instance id.
 */
package dev.jobrunner.health;
