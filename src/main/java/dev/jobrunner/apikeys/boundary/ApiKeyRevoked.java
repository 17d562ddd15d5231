package dev.jobrunner.apikeys.boundary;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

@JsonbPropertyOrder({"id", "revoked"})
public record ApiKeyRevoked(String id, boolean revoked) {}
