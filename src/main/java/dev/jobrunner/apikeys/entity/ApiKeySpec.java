package dev.jobrunner.apikeys.entity;

import java.util.List;
import java.util.Objects;

/** What a new key is: a name for people to recognise it by and the permissions it carries. */
public record ApiKeySpec(String name, List<String> permissions) {
  public ApiKeySpec {
    Objects.requireNonNull(name, "name");
    permissions = List.copyOf(permissions);
  }
}
