package dev.jobrunner.api;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.core.Response.Status;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads the fields of one JSON request object (a job, an API key, a pause) with the API's rules and
 * messages. Problems are collected, one message each in the order checked (at most 20), so that a
 * client can fix them all at once; {@link #throwIfAny} refuses the request with all of them.
 * Reading by hand (JSON-P, not binding) is what lets a wrong type or an unknown field get a message
 * that names the field.
 *
 * <p>Text fields share one rule. Blank means made only of white space or invisible characters
 * (no-break and zero-width spaces, joiners, a BOM): a required text may not be blank, and an
 * optional blank one counts as not given. Length is counted in characters (code points). Control
 * characters and bidi overrides are refused.
 */
public final class JsonFields {
  private static final int MAX_PROBLEMS = 20;

  private final JsonObject object;
  private final List<String> problems = new ArrayList<>();

  public JsonFields(JsonObject object) {
    this.object = object;
  }

  /**
   * The object under {@code wrapper}, which must be the body's only member ({@code {"api_key":
   * {...}}}); the first problem refuses the request. {@code shape} is what the client should send,
   * for the messages.
   */
  public static JsonObject wrapped(JsonBody body, String wrapper, String shape) {
    JsonObject request = body.object(shape);
    JsonValue value = request.get(wrapper);
    if (value == null || value == JsonValue.NULL) {
      throw ApiException.badRequest("Missing \"" + wrapper + "\" object");
    }
    if (!(value instanceof JsonObject wrapped)) {
      throw ApiException.badRequest("\"" + wrapper + "\" must be an object");
    }
    for (String field : request.keySet()) {
      if (!field.equals(wrapper)) {
        throw ApiException.badRequest("Unknown field \"" + UserText.printable(field) + "\"");
      }
    }
    return wrapped;
  }

  /** The value given for {@code field}; null when it is absent or JSON null. */
  public JsonValue value(String field) {
    JsonValue value = object.get(field);
    return value == JsonValue.NULL ? null : value;
  }

  public String requiredString(String field) {
    JsonValue value = value(field);
    if (value == null) {
      problem("Missing \"" + field + "\"");
      return null;
    }
    return string(field, value);
  }

  public String optionalString(String field) {
    JsonValue value = value(field);
    return value == null ? null : string(field, value);
  }

  /**
   * A text that must be given, not blank, at most {@code maxChars} characters, without control
   * characters.
   */
  public String requiredText(String field, int maxChars) {
    String text = requiredString(field);
    if (text != null && isBlank(text)) {
      problem("\"" + field + "\" must not be blank");
    } else if (text != null) {
      checkText(field, text, maxChars);
    }
    return text;
  }

  /** Like {@link #requiredText}, but absent, null and blank all mean not given (null). */
  public String optionalText(String field, int maxChars) {
    String text = optionalString(field);
    if (text == null || isBlank(text)) {
      return null;
    }
    return checkText(field, text, maxChars) ? text : null;
  }

  /** A whole number from {@code min} to {@code max}, or null when not given. */
  public Integer optionalInt(String field, int min, int max) {
    JsonValue value = value(field);
    if (value == null) {
      return null;
    }
    if (value instanceof JsonNumber number && number.isIntegral()) {
      BigDecimal given = number.bigDecimalValue();
      if (given.compareTo(BigDecimal.valueOf(min)) >= 0
          && given.compareTo(BigDecimal.valueOf(max)) <= 0) {
        return given.intValueExact();
      }
    }
    problem("\"" + field + "\" must be a whole number from " + min + " to " + max);
    return null;
  }

  /** true or false, or null when not given. */
  public Boolean optionalBoolean(String field) {
    JsonValue value = value(field);
    if (value == null) {
      return null;
    }
    if (value == JsonValue.TRUE || value == JsonValue.FALSE) {
      return value == JsonValue.TRUE;
    }
    problem("\"" + field + "\" must be true or false");
    return null;
  }

  /**
   * One problem per field not in {@code known}; {@code within} names the object in the message, if
   * given.
   */
  public void refuseUnknown(Set<String> known, String within) {
    for (String field : object.keySet()) {
      if (!known.contains(field)) {
        problem(
            "Unknown field \""
                + UserText.printable(field)
                + "\""
                + (within == null ? "" : " in \"" + within + "\""));
      }
    }
  }

  public void problem(String message) {
    if (problems.size() < MAX_PROBLEMS) {
      problems.add(message);
    }
  }

  /** A 400 listing every problem found, if there is one. */
  public void throwIfAny() {
    if (!problems.isEmpty()) {
      throw new ApiException(Status.BAD_REQUEST, problems);
    }
  }

  /**
   * Blank also when made only of invisible characters: no-break and zero-width spaces, joiners, a
   * BOM.
   */
  public static boolean isBlank(String text) {
    return text.codePoints()
        .allMatch(
            cp ->
                Character.isWhitespace(cp)
                    || Character.isSpaceChar(cp)
                    || Character.getType(cp) == Character.FORMAT);
  }

  private String string(String field, JsonValue value) {
    if (value instanceof JsonString string) {
      return string.getString();
    }
    problem("\"" + field + "\" must be a string");
    return null;
  }

  private boolean checkText(String field, String text, int maxChars) {
    if (text.codePointCount(0, text.length()) > maxChars) {
      problem("\"" + field + "\" is longer than " + maxChars + " characters");
      return false;
    }
    if (UserText.hasControlCharacters(text)) {
      problem("\"" + field + "\" must not contain control characters");
      return false;
    }
    return true;
  }
}
