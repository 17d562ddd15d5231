package dev.jobrunner.dashboard;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Serves the dashboard: its page at the application's root and only there ({@code ""} is the
 * Servlet pattern for the context root exactly), its modules and styles under {@code /dashboard/}.
 * Every other path still reaches the API, mapped at {@code /*}, with its JSON errors.
 *
 * <p>Written here rather than borrowed from the container's default servlet, which an application
 * cannot map portably (Payara refuses a mapping of "default" from a WAR): only flat file names with
 * a known type are served, from {@code src/main/webapp/dashboard}, so no path can reach anything
 * else in the WAR.
 *
 * <p>The page holds a credential (in sessionStorage), so it runs only its own scripts and styles
 * (no inline code, nothing from elsewhere), talks only to this server, is never framed and sends no
 * Referer. {@code no-cache}: a browser revalidates (ETag) and so picks up a new version at once
 * after an upgrade.
 */
@WebServlet(urlPatterns = {"", "/" + DashboardFiles.FOLDER + "/*"})
public class DashboardFiles extends HttpServlet {
  static final String FOLDER = "dashboard";
  private static final Pattern NAME = Pattern.compile("/([a-z0-9-]+)\\.(html|js|css|svg)");
  private static final Map<String, String> TYPES =
      Map.of(
          "html", "text/html;charset=UTF-8",
          "js", "text/javascript;charset=UTF-8",
          "css", "text/css;charset=UTF-8",
          "svg", "image/svg+xml");

  static final String POLICY =
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self';"
          + " base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

  private record File(byte[] bytes, String type, String etag) {}

  /** Files do not change while the WAR is deployed: read once each. */
  private final Map<String, Optional<File>> files = new ConcurrentHashMap<>();

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    String path = request.getServletPath().isEmpty() ? "/index.html" : request.getPathInfo();
    Optional<File> file = path == null ? Optional.empty() : files.computeIfAbsent(path, this::read);
    if (file.isEmpty()) {
      response.sendError(HttpServletResponse.SC_NOT_FOUND);
      return;
    }
    File found = file.get();
    response.setHeader("Content-Security-Policy", POLICY);
    response.setHeader("X-Content-Type-Options", "nosniff");
    response.setHeader("Referrer-Policy", "no-referrer");
    response.setHeader("Cache-Control", "no-cache");
    response.setHeader("ETag", found.etag());
    if (found.etag().equals(request.getHeader("If-None-Match"))) {
      response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
      return;
    }
    response.setContentType(found.type());
    response.setContentLength(found.bytes().length);
    response.getOutputStream().write(found.bytes());
  }

  private Optional<File> read(String path) {
    Matcher name = NAME.matcher(path);
    if (!name.matches()) {
      return Optional.empty();
    }
    try (InputStream in = getServletContext().getResourceAsStream("/" + FOLDER + path)) {
      if (in == null) {
        return Optional.empty();
      }
      byte[] bytes = in.readAllBytes();
      String etag =
          "\""
              + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes), 0, 8)
              + "\"";
      return Optional.of(new File(bytes, TYPES.get(name.group(2)), etag));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e); // every Java has SHA-256
    }
  }
}
