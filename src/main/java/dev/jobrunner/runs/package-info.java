/**
 * Runs: running a job now and the run history. {@code boundary}: the run and history endpoints and
 * views; {@code control}: the manual run and the history store; {@code entity}: a run, its trigger
 * and status.
 */
package dev.jobrunner.runs;
