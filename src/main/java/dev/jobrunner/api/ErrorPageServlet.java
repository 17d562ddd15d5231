package dev.jobrunner.api;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The target of web.xml's error pages: errors raised outside JAX-RS (the JWT mechanism's 401, the container's
 * own 404/405/500) are answered in the same JSON shape instead of the server's HTML page.
 */
@WebServlet("/__error")
public class ErrorPageServlet extends HttpServlet {

  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
    Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
    int status = code instanceof Integer value ? value : HttpServletResponse.SC_NOT_FOUND;
    response.setStatus(status);
    response.setContentType("application/json");
    response.setCharacterEncoding("UTF-8");
    response.getWriter().write("{\"error\":\"" + message(status) + "\"}");
  }

  private static String message(int status) {
    return switch (status) {
      case 401 -> "Authentication required: send a valid bearer token";
      case 403 -> "Permission denied";
      case 404 -> "No such resource";
      case 405 -> "Method not allowed";
      case 413 -> "Request too large";
      case 400 -> "Bad request";
      default -> status >= 500 ? "Internal error" : "Request refused";
    };
  }
}
