package dev.jobrunner.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jobrunner.testing.JaxRsRoutes;
import dev.jobrunner.testing.JaxRsRoutes.Route;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The published description ({@code META-INF/openapi.yaml}) against the routes the application
 * really has, found in its compiled JAX-RS classes without looking at the document: every route
 * documented, nothing documented that does not exist, each with the permission its
 * {@code @RolesAllowed} demands. {@code SignalsIT} checks the same document as the running server
 * serves it.
 */
class OpenApiDocumentTest {
  private static final Set<String> VERBS =
      Set.of("get", "put", "post", "delete", "patch", "head", "options");

  /** Routes any signed-in caller may use, whatever its permissions: no @RolesAllowed, no 403. */
  private static final Set<String> SIGNED_IN_ONLY = Set.of("GET /2026-02-01/me.json");

  private static Map<String, Object> document;

  @BeforeAll
  @SuppressWarnings("unchecked")
  static void read() throws IOException {
    try (InputStream in = OpenApiDocumentTest.class.getResourceAsStream("/META-INF/openapi.yaml")) {
      document = (Map<String, Object>) new Yaml().load(in);
    }
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object value) {
    return (Map<String, Object>) value;
  }

  /**
   * Documented operations by "METHOD /path", each with the permissions its security requirements
   * name.
   */
  static Map<String, Set<String>> documented(Map<String, Object> openapi) {
    Map<String, Set<String>> operations = new TreeMap<>();
    map(openapi.get("paths"))
        .forEach(
            (path, item) ->
                map(item)
                    .forEach(
                        (verb, operation) -> {
                          if (VERBS.contains(verb)) {
                            Set<String> roles = new TreeSet<>();
                            for (Object requirement :
                                (List<?>) map(operation).getOrDefault("security", List.of())) {
                              map(requirement)
                                  .values()
                                  .forEach(scopes -> roles.addAll((List<String>) scopes));
                            }
                            operations.put(
                                verb.toUpperCase(Locale.ROOT) + " " + JaxRsRoutes.normalize(path),
                                roles);
                          }
                        }));
    return operations;
  }

  @Test
  void everyRouteIsDocumentedAndNothingElse() {
    Set<String> real = new TreeSet<>(JaxRsRoutes.ofApplication().stream().map(Route::key).toList());
    assertTrue(real.size() >= 15, "too few routes found: " + real);
    Set<String> described = documented(document).keySet();
    Set<String> undocumented = new TreeSet<>(real);
    undocumented.removeAll(described);
    Set<String> missing = new TreeSet<>(described);
    missing.removeAll(real);
    assertEquals(Set.of(), undocumented, "routes missing from openapi.yaml");
    assertEquals(Set.of(), missing, "openapi.yaml describes routes that do not exist");
  }

  @Test
  void eachOperationNamesThePermissionItsMethodDemands() {
    Map<String, Set<String>> described = documented(document);
    for (Route route : JaxRsRoutes.ofApplication()) {
      if (!SIGNED_IN_ONLY.contains(route.key())) {
        assertFalse(route.roles().isEmpty(), route.key() + " has no @RolesAllowed");
      }
      assertEquals(route.roles(), described.get(route.key()), route.key());
    }
  }

  @Test
  void eachOperationDocumentsItsRefusalsInTheErrorShape() {
    map(document.get("paths"))
        .forEach(
            (path, item) ->
                map(item)
                    .forEach(
                        (verb, operation) -> {
                          if (!VERBS.contains(verb)) {
                            return;
                          }
                          String where = verb + " " + path;
                          Map<String, Object> responses = map(map(operation).get("responses"));
                          assertTrue(map(operation).containsKey("operationId"), where);
                          for (String status : List.of("401", "406", "500")) {
                            assertTrue(responses.containsKey(status), where + " lacks " + status);
                          }
                          if (!SIGNED_IN_ONLY.contains(
                              verb.toUpperCase(Locale.ROOT) + " " + JaxRsRoutes.normalize(path))) {
                            assertTrue(responses.containsKey("403"), where + " lacks 403");
                          }
                          assertTrue(
                              responses.keySet().stream().anyMatch(s -> s.startsWith("2")),
                              where + " has no success");
                          responses.forEach(
                              (status, response) -> {
                                if (status.startsWith("4") || status.startsWith("5")) {
                                  Map<String, Object> json = errorContent(response);
                                  assertEquals(
                                      "#/components/schemas/Error",
                                      map(json.get("schema")).get("$ref"),
                                      where + " " + status);
                                  assertTrue(
                                      json.containsKey("example") || json.containsKey("examples"),
                                      where + " " + status + " has no example");
                                }
                              });
                        }));
  }

  private static Map<String, Object> errorContent(Object response) {
    Map<String, Object> resolved = map(resolve(response));
    return map(map(resolved.get("content")).get("application/json"));
  }

  @Test
  void bothSecuritySchemesAreDeclaredAndEveryReferenceResolves() {
    Map<String, Object> schemes = map(map(document.get("components")).get("securitySchemes"));
    assertEquals("bearer", map(schemes.get("bearerJwt")).get("scheme"));
    assertEquals("JWT", map(schemes.get("bearerJwt")).get("bearerFormat"));
    assertEquals("header", map(schemes.get("apiKey")).get("in"));
    assertEquals("X-API-Key", map(schemes.get("apiKey")).get("name"));
    List<String> refs = new ArrayList<>();
    collectRefs(document, refs);
    assertTrue(refs.size() > 50, "too few references: " + refs.size());
    refs.forEach(ref -> assertTrue(resolve(Map.of("$ref", ref)) != null, "unresolved " + ref));
  }

  private static Object resolve(Object node) {
    Object current = node;
    while (current instanceof Map<?, ?> m && m.get("$ref") instanceof String ref) {
      Object target = document;
      for (String part : ref.substring(2).split("/")) {
        target = target instanceof Map<?, ?> parent ? parent.get(part) : null;
      }
      current = target;
    }
    return current;
  }

  private static void collectRefs(Object node, List<String> refs) {
    if (node instanceof Map<?, ?> m) {
      if (m.get("$ref") instanceof String ref) {
        refs.add(ref);
      }
      m.values().forEach(v -> collectRefs(v, refs));
    } else if (node instanceof List<?> list) {
      list.forEach(v -> collectRefs(v, refs));
    }
  }
}
