package dev.jobrunner.apikeys.boundary;

import dev.jobrunner.apikeys.control.ApiKeyStore.Issued;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.util.List;

/** The answer to a create: the one and only time {@code key} is shown. */
@JsonbPropertyOrder({"id", "name", "permissions", "createdAt", "createdBy", "key"})
public record ApiKeyCreated(
    String id,
    String name,
    List<String> permissions,
    @JsonbProperty("created_at") String createdAt,
    @JsonbProperty("created_by") String createdBy,
    String key) {

  static ApiKeyCreated of(Issued issued) {
    var key = issued.key();
    return new ApiKeyCreated(
        key.id(),
        key.name(),
        key.permissions(),
        key.createdAt().toString(),
        key.createdBy(),
        issued.secret().text());
  }
}
