package dev.jobrunner.apikeys.boundary;

import dev.jobrunner.api.ApiException;
import dev.jobrunner.api.JsonBody;
import dev.jobrunner.api.PageRequest;
import dev.jobrunner.api.PageView;
import dev.jobrunner.api.UserText;
import dev.jobrunner.apikeys.control.ApiKeySpecParser;
import dev.jobrunner.apikeys.control.ApiKeyStore;
import dev.jobrunner.apikeys.entity.ApiKey;
import dev.jobrunner.apikeys.entity.ApiKeySpec;
import dev.jobrunner.audit.Actor;
import dev.jobrunner.audit.AuditAction;
import dev.jobrunner.audit.AuditLog;
import dev.jobrunner.security.Permissions;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriBuilder;

/**
 * API keys for machine clients (an extension of the spec), managed by administrators: create (the
 * key is shown once), list, show, revoke. Each create and revoke is on the audit trail, in the same
 * transaction.
 */
@Stateless
@Path("2026-02-01")
@Produces(MediaType.APPLICATION_JSON)
public class ApiKeysResource {
  @EJB ApiKeyStore keys;
  @EJB AuditLog audit;

  @GET
  @Path("api-keys.json")
  @RolesAllowed(Permissions.ADMIN)
  public PageView<ApiKeyView> list(
      @QueryParam("size") String size, @QueryParam("page") String page) {
    PageRequest request = PageRequest.parse(size, page);
    return PageView.of("ApiKey", request, keys.count(), keys::page, ApiKeyView::of);
  }

  @POST
  @Path("api-keys.json")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed(Permissions.ADMIN)
  public Response create(JsonBody body, @Context SecurityContext security) {
    ApiKeySpec spec = ApiKeySpecParser.parseCreateRequest(body);
    Actor actor = Actor.of(security);
    ApiKeyStore.Issued issued = keys.create(spec, actor);
    audit.record(actor, AuditAction.API_KEY_CREATED, issued.key().id(), describe(issued.key()));
    return Response.created(
            UriBuilder.fromPath("/2026-02-01/api-keys/{id}.json").build(issued.key().id()))
        .header("Cache-Control", "no-store") // the answer carries the key
        .entity(ApiKeyCreated.of(issued))
        .build();
  }

  @GET
  @Path("api-keys/{id}.json")
  @RolesAllowed(Permissions.ADMIN)
  public ApiKeyView get(@PathParam("id") String id) {
    return ApiKeyView.of(keys.find(id).orElseThrow(() -> notFound(id)));
  }

  /**
   * Revokes at once and keeps the record. Revoking a revoked key again answers the same and changes
   * nothing.
   */
  @DELETE
  @Path("api-keys/{id}.json")
  @RolesAllowed(Permissions.ADMIN)
  public ApiKeyRevoked revoke(@PathParam("id") String id, @Context SecurityContext security) {
    Actor actor = Actor.of(security);
    switch (keys.revoke(id, actor)) {
      case NOT_FOUND -> throw notFound(id);
      case REVOKED -> {
        ApiKey key = keys.find(id).orElseThrow();
        audit.record(actor, AuditAction.API_KEY_REVOKED, id, describe(key));
      }
      case ALREADY_REVOKED -> {
        // nothing changed, nothing to record
      }
    }
    return new ApiKeyRevoked(id, true);
  }

  private static String describe(ApiKey key) {
    return "name \"" + key.name() + "\", permissions " + String.join(" ", key.permissions());
  }

  private static ApiException notFound(String id) {
    return ApiException.notFound("API key \"" + UserText.printable(id) + "\" not found");
  }
}
