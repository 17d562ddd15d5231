package dev.jobrunner.jobs.boundary;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

@JsonbPropertyOrder({"id", "created"})
public record JobCreated(String id, boolean created) {}
