package dev.jobrunner.api;

import jakarta.json.Json;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The target of web.xml's error pages: errors raised outside JAX-RS (the JWT mechanism's 401, the
 * container's own 404/405/500) are answered in the same JSON shape instead of the server's HTML
 * page.
 */
@WebServlet("/__error")
public class ErrorPageServlet extends HttpServlet {
  /**
   * A request attribute: why an authentication mechanism refused the credential (shown with the
   * 401).
   */
  public static final String AUTHENTICATION_FAILURE = "dev.jobrunner.authentication-failure";

  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
    int status = code instanceof Integer value ? value : HttpServletResponse.SC_NOT_FOUND;
    response.setStatus(status);
    response.setContentType("application/json");
    response.setCharacterEncoding("UTF-8");
    if (status == HttpServletResponse.SC_SERVICE_UNAVAILABLE) {
      response.setHeader("Retry-After", ErrorResponses.RETRY_AFTER_SECONDS);
    }
    Object why =
        status == HttpServletResponse.SC_UNAUTHORIZED
            ? request.getAttribute(AUTHENTICATION_FAILURE)
            : null;
    String message = why instanceof String reason ? reason : message(status);
    response.getWriter().write(Json.createObjectBuilder().add("error", message).build().toString());
  }

  private static String message(int status) {
    return switch (status) {
      case 401 -> "Authentication required: send a valid bearer token or API key";
      case 403 -> "Permission denied";
      case 404 -> "No such resource";
      case 405 -> "Method not allowed";
      case 413 -> "Request too large";
      case 400 -> "Bad request";
      case 503 -> ErrorResponses.DATABASE_UNAVAILABLE;
      default -> status >= 500 ? "Internal error" : "Request refused";
    };
  }
}
