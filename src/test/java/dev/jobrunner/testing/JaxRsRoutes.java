package dev.jobrunner.testing;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The application's real HTTP routes, read from its compiled JAX-RS classes the way the runtime
 * reads them (application path, resource and method {@code @Path}, HTTP method annotations,
 * sub-resource locators), with the permission each needs. For checking a description of the API
 * against what it really serves.
 */
public final class JaxRsRoutes {
  private JaxRsRoutes() {}

  /** One operation: {@code GET /2026-02-01/job-runner/{}.json}, with the roles that may call it. */
  public record Route(String method, String path, Set<String> roles) implements Comparable<Route> {
    public String key() {
      return method + " " + path;
    }

    @Override
    public int compareTo(Route other) {
      return key().compareTo(other.key());
    }
  }

  /**
   * Path templates compared by shape: every {@code {name}} or {@code {name: regex}} becomes {@code
   * {}}.
   */
  public static String normalize(String template) {
    String path = ("/" + template).replaceAll("\\{[^}/]*}", "{}").replaceAll("/+", "/");
    return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
  }

  /** Every route of the classes under {@code dev/jobrunner} on the test class path. */
  public static Set<Route> ofApplication() {
    List<Class<?>> classes = applicationClasses();
    String applicationPath =
        classes.stream()
            .map(c -> c.getAnnotation(ApplicationPath.class))
            .filter(a -> a != null)
            .map(ApplicationPath::value)
            .findFirst()
            .orElseThrow(() -> new AssertionError("no @ApplicationPath class"));
    Set<Route> routes = new TreeSet<>();
    for (Class<?> type : classes) {
      boolean rootResource =
          type.isAnnotationPresent(Path.class)
              && !type.isInterface()
              && !Modifier.isAbstract(type.getModifiers());
      if (rootResource) {
        collect(
            type,
            applicationPath + "/" + type.getAnnotation(Path.class).value(),
            rolesOf(type),
            routes,
            0);
      }
    }
    return routes;
  }

  private static void collect(
      Class<?> type, String prefix, Set<String> classRoles, Set<Route> routes, int depth) {
    if (depth > 5) {
      throw new AssertionError("sub-resource locators nested too deep at " + type);
    }
    for (Method method : type.getMethods()) {
      Optional<String> verb = httpMethod(method);
      Path path = method.getAnnotation(Path.class);
      String full = path == null ? prefix : prefix + "/" + path.value();
      Set<String> roles =
          method.isAnnotationPresent(RolesAllowed.class) ? rolesOf(method) : classRoles;
      if (verb.isPresent()) {
        routes.add(new Route(verb.get(), normalize(full), roles));
      } else if (path != null) {
        collect(method.getReturnType(), full, roles, routes, depth + 1); // a sub-resource locator
      }
    }
  }

  private static Optional<String> httpMethod(Method method) {
    for (Annotation annotation : method.getAnnotations()) {
      HttpMethod verb = annotation.annotationType().getAnnotation(HttpMethod.class);
      if (verb != null) {
        return Optional.of(verb.value());
      }
    }
    return Optional.empty();
  }

  private static Set<String> rolesOf(java.lang.reflect.AnnotatedElement element) {
    RolesAllowed roles = element.getAnnotation(RolesAllowed.class);
    return roles == null ? Set.of() : Set.of(roles.value());
  }

  /**
   * Every class under {@code dev/jobrunner} on the test class path (the application's, and the
   * tests').
   */
  public static List<Class<?>> applicationClasses() {
    try {
      var root =
          java.nio.file.Path.of(
                  JaxRsRoutes.class
                      .getClassLoader()
                      .getResource("dev/jobrunner/JobRunnerApplication.class")
                      .toURI())
              .getParent();
      var classesRoot = root.getParent().getParent();
      List<Class<?>> classes = new ArrayList<>();
      try (Stream<java.nio.file.Path> files = Files.walk(root)) {
        for (var file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
          String name =
              classesRoot.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
          classes.add(Class.forName(name, false, JaxRsRoutes.class.getClassLoader()));
        }
      }
      return classes;
    } catch (URISyntaxException | ClassNotFoundException e) {
      throw new IllegalStateException(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
