package dev.jobrunner.audit;

import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;
import java.util.Objects;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Who made a change: the JWT subject for people and SSO clients, the key's principal name for API
 * keys, {@code system} for the service itself (auto-pause).
 */
public record Actor(String name) {
  public static final Actor SYSTEM = new Actor("system");
  private static final int MAX_CHARS = 200;

  public Actor {
    Objects.requireNonNull(name, "name");
    name = name.length() > MAX_CHARS ? name.substring(0, MAX_CHARS) : name;
  }

  public static Actor of(SecurityContext security) {
    Principal principal = security == null ? null : security.getUserPrincipal();
    if (principal == null) {
      return new Actor("anonymous");
    }
    if (principal instanceof JsonWebToken jwt && jwt.getSubject() != null) {
      return new Actor(jwt.getSubject());
    }
    return new Actor(String.valueOf(principal.getName()));
  }

  @Override
  public String toString() {
    return name;
  }
}
