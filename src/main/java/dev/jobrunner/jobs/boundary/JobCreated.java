package dev.jobrunner.jobs.boundary;

import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbPropertyOrder;

/**
 * The spec's create answer; {@code signing_secret} (an extension) only when the job is signed,
 * shown once.
 */
@JsonbPropertyOrder({"id", "created", "signingSecret"})
public record JobCreated(
    String id, boolean created, @JsonbProperty("signing_secret") String signingSecret) {}
