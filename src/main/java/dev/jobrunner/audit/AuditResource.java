package dev.jobrunner.audit;

import dev.jobrunner.api.PageRequest;
import dev.jobrunner.api.PageView;
import dev.jobrunner.security.Permissions;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** The audit trail, newest first, for administrators (an extension of the spec). */
@Stateless
@Path("2026-02-01/audit.json")
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {
  @EJB AuditLog audit;

  @GET
  @RolesAllowed(Permissions.ADMIN)
  public PageView<AuditEventView> list(
      @QueryParam("size") String size, @QueryParam("page") String page) {
    PageRequest request = PageRequest.parse(size, page);
    return PageView.of("AuditEvent", request, audit.count(), audit::page, AuditEventView::of);
  }
}
