package dev.jobrunner.apikeys.control;

import dev.jobrunner.api.ApiException;
import dev.jobrunner.api.JsonRequestBody;
import dev.jobrunner.api.UserText;
import dev.jobrunner.apikeys.entity.ApiKeySpec;
import dev.jobrunner.security.Permissions;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.core.Response.Status;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads a create request ({@code {"api_key": {"name": ..., "permissions": [...]}}}) into an {@link ApiKeySpec},
 * one message per problem, in the style of the job parser. Keys carry read and write only: administration
 * (keys, audit) stays with people who sign in through the SSO.
 */
public final class ApiKeySpecParser {
  public static final int MAX_NAME_CHARS = 100;
  /** What a key may carry, in the order keys show them. */
  public static final List<String> GRANTABLE = List.of(Permissions.READ, Permissions.WRITE);

  static final String SHAPE = "{\"api_key\": {\"name\": ..., \"permissions\": [...]}}";
  private static final String WRAPPER = "api_key";
  private static final Set<String> FIELDS = Set.of("name", "permissions");
  private static final String USE = ". Use " + String.join(" or ", GRANTABLE);

  private static final int MAX_MESSAGES = 20;

  private final List<String> problems = new ArrayList<>();

  private ApiKeySpecParser() {}

  public static ApiKeySpec parseCreateRequest(String requestBody) {
    return new ApiKeySpecParser().parse(requestBody);
  }

  private ApiKeySpec parse(String requestBody) {
    JsonObject key = wrapped(JsonRequestBody.readObject(requestBody, SHAPE));
    String name = name(key);
    List<String> permissions = permissions(key);
    for (String field : key.keySet()) {
      if (!FIELDS.contains(field)) {
        problem("Unknown field \"" + UserText.printable(field) + "\" in \"" + WRAPPER + "\"");
      }
    }
    if (!problems.isEmpty()) {
      throw new ApiException(Status.BAD_REQUEST, problems);
    }
    return new ApiKeySpec(name, permissions);
  }

  private static JsonObject wrapped(JsonObject request) {
    JsonValue value = request.get(WRAPPER);
    if (value == null || value == JsonValue.NULL) {
      throw ApiException.badRequest("Missing \"" + WRAPPER + "\" object");
    }
    if (!(value instanceof JsonObject object)) {
      throw ApiException.badRequest("\"" + WRAPPER + "\" must be an object");
    }
    for (String field : request.keySet()) {
      if (!field.equals(WRAPPER)) {
        throw ApiException.badRequest("Unknown field \"" + UserText.printable(field) + "\"");
      }
    }
    return object;
  }

  private String name(JsonObject key) {
    JsonValue value = key.get("name");
    if (value == null || value == JsonValue.NULL) {
      problem("Missing \"name\"");
      return null;
    }
    if (!(value instanceof JsonString string)) {
      problem("\"name\" must be a string");
      return null;
    }
    String name = string.getString();
    if (name.isBlank()) {
      problem("\"name\" must not be blank");
    } else if (name.codePointCount(0, name.length()) > MAX_NAME_CHARS) {
      problem("\"name\" is longer than " + MAX_NAME_CHARS + " characters");
    } else if (UserText.hasControlCharacters(name)) {
      problem("\"name\" must not contain control characters");
    }
    return name;
  }

  /** The permissions in {@link #GRANTABLE}'s order, whatever order they were given in. */
  private List<String> permissions(JsonObject key) {
    JsonValue value = key.get("permissions");
    if (value == null || value == JsonValue.NULL) {
      problem("Missing \"permissions\"");
      return List.of();
    }
    if (!(value instanceof JsonArray array)) {
      problem("\"permissions\" must be an array of permission names");
      return List.of();
    }
    if (array.isEmpty()) {
      problem("\"permissions\" must not be empty" + USE);
      return List.of();
    }
    Set<String> seen = new HashSet<>();
    for (JsonValue entry : array) {
      if (!(entry instanceof JsonString string)) {
        problem("Invalid permission " + UserText.printable(entry.toString()) + USE);
      } else if (string.getString().equals(Permissions.ADMIN)) {
        problem(
            "Permission \"" + Permissions.ADMIN + "\" cannot be given to an API key:"
                + " only administrators signed in with a token manage keys and read the audit trail");
      } else if (!GRANTABLE.contains(string.getString())) {
        problem("Invalid permission \"" + UserText.printable(string.getString()) + "\"" + USE);
      } else if (!seen.add(string.getString())) {
        problem("Duplicate permission \"" + string.getString() + "\"");
      }
    }
    return GRANTABLE.stream().filter(seen::contains).toList();
  }

  private void problem(String message) {
    if (problems.size() < MAX_MESSAGES) {
      problems.add(message);
    }
  }
}
