/**
 * The service's metrics, all named {@code jobrunner_}: runs by trigger and outcome, lateness and
 * call duration, backlog, calls in flight, retries waiting, jobs by state, slot timers,
 * notifications. Exported through MicroProfile Metrics (Prometheus text at {@code /metrics}) where
 * the server has it; the binding to that API lives in one class that is loaded only then, so the
 * WAR still deploys on a server without it.
 */
package dev.jobrunner.metrics;
