package dev.jobrunner.apikeys.control;

import dev.jobrunner.api.JsonBody;
import dev.jobrunner.api.JsonFields;
import dev.jobrunner.api.UserText;
import dev.jobrunner.apikeys.entity.ApiKeySpec;
import dev.jobrunner.security.Permissions;
import jakarta.json.JsonArray;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads a create request ({@code {"api_key": {"name": ..., "permissions": [...]}}}) into an {@link
 * ApiKeySpec}, one message per problem, with the field rules of every request body ({@link
 * JsonFields}). Keys carry read and write only: administration (keys, audit) stays with people who
 * sign in through the SSO.
 */
public final class ApiKeySpecParser {
  public static final int MAX_NAME_CHARS = 100;

  /** What a key may carry, in the order keys show them. */
  public static final List<String> GRANTABLE = List.of(Permissions.READ, Permissions.WRITE);

  static final String SHAPE = "{\"api_key\": {\"name\": ..., \"permissions\": [...]}}";
  private static final String WRAPPER = "api_key";
  private static final Set<String> FIELDS = Set.of("name", "permissions");
  private static final String USE = ". Use " + String.join(" or ", GRANTABLE);

  private final JsonFields key;

  private ApiKeySpecParser(JsonBody request) {
    this.key = new JsonFields(JsonFields.wrapped(request, WRAPPER, SHAPE));
  }

  /** For callers holding text, such as tests. */
  public static ApiKeySpec parseCreateRequest(String requestBody) {
    return parseCreateRequest(JsonBody.of(requestBody));
  }

  public static ApiKeySpec parseCreateRequest(JsonBody request) {
    return new ApiKeySpecParser(request).parse();
  }

  private ApiKeySpec parse() {
    String name = key.requiredText("name", MAX_NAME_CHARS);
    List<String> permissions = permissions();
    key.refuseUnknown(FIELDS, WRAPPER);
    key.throwIfAny();
    return new ApiKeySpec(name, permissions);
  }

  /** The permissions in {@link #GRANTABLE}'s order, whatever order they were given in. */
  private List<String> permissions() {
    JsonValue value = key.value("permissions");
    if (value == null) {
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
            "Permission \""
                + Permissions.ADMIN
                + "\" cannot be given to an API key:"
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
    key.problem(message);
  }
}
