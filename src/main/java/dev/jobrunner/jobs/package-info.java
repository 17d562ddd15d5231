/**
 * The job API and what a job is. {@code boundary}: the job runner resources (the collection, one
 * job, its pause and resume) and their views. {@code control}: request parsing, the job store
 * (which announces every change as a {@code JobChanged} event), the job's sealed secrets. {@code
 * entity}: the job and its value types (id, schedule times, policies). Jobs import neither
 * scheduling nor runs: both depend on jobs.
 */
package dev.jobrunner.jobs;
