package dev.jobrunner.scheduling.control;

import dev.jobrunner.jobs.entity.MissedRunPolicy;
import java.net.URI;

/** What a dispatch needs of a job due in a slot: its call and its missed-run policy, nothing more. */
public record DueJob(
    String jobId, String method, URI url, String contentType, String body, MissedRunPolicy missedRunPolicy) {}
