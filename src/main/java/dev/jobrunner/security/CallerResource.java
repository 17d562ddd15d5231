package dev.jobrunner.security;

import dev.jobrunner.audit.Actor;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotAuthorizedException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;

/**
 * Who the caller is and which permissions it holds (an extension of the spec). A client such as the
 * dashboard reads it to offer only what the caller may do; the endpoints still check every request.
 * Any signed-in caller may ask, whatever its permissions; an anonymous one gets the usual 401.
 */
@RequestScoped
@Path("2026-02-01/me.json")
@Produces(MediaType.APPLICATION_JSON)
public class CallerResource {
  private static final List<String> KNOWN =
      List.of(Permissions.READ, Permissions.WRITE, Permissions.ADMIN);

  @GET
  public CallerView me(@Context SecurityContext security) {
    if (security.getUserPrincipal() == null) {
      throw new NotAuthorizedException("Bearer");
    }
    return new CallerView(
        Actor.of(security).name(), KNOWN.stream().filter(security::isUserInRole).toList());
  }
}
