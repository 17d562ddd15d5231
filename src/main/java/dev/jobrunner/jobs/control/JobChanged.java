package dev.jobrunner.jobs.control;

import dev.jobrunner.jobs.entity.JobId;
import dev.jobrunner.jobs.entity.JobSpec;

/**
 * A job was created ({@code before} is null), changed, or deleted ({@code after} is null). A CDI
 * event fired inside the change's transaction, once the change is flushed: what other features keep
 * about jobs (the slot timers) follows it, or fails with it.
 */
public record JobChanged(JobId id, JobSpec before, JobSpec after) {}
