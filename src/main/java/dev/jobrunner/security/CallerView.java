package dev.jobrunner.security;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.util.List;

/** {@code GET me.json}: the caller's name as the audit trail records it, and its permissions. */
@JsonbPropertyOrder({"subject", "permissions"})
public record CallerView(String subject, List<String> permissions) {}
