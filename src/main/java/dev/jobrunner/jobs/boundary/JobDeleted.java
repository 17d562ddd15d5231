package dev.jobrunner.jobs.boundary;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

@JsonbPropertyOrder({"id", "deleted"})
public record JobDeleted(String id, boolean deleted) {}
