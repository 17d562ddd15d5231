package dev.jobrunner.api;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonConfig;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParsingException;
import java.io.StringReader;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What JSON parsers let through but a request must not carry: a key given twice (the parser keeps one
 * silently, so {@code {"title":"a","title":"b"}} would mean whatever it picks) and unpaired UTF-16
 * surrogates ({@code "\ud800"}), which are not characters and would be stored as "?".
 */
public final class StrictJson {
  private static final Map<String, ?> NO_DUPLICATES = Map.of(JsonConfig.KEY_STRATEGY, JsonConfig.KeyStrategy.NONE);
  private static final Pattern DUPLICATE = Pattern.compile("Duplicate key '(.*)' is not allowed", Pattern.DOTALL);

  private StrictJson() {}

  /** A 400 when the already well-formed {@code body} repeats a key, or {@code value} holds a lone surrogate. */
  public static void check(String body, JsonValue value) {
    try (var reader = Json.createReaderFactory(NO_DUPLICATES).createReader(new StringReader(body))) {
      reader.readValue();
    } catch (JsonParsingException duplicate) {
      Matcher key = DUPLICATE.matcher(String.valueOf(duplicate.getMessage()));
      throw ApiException.badRequest(
          key.find()
              ? "Duplicate key \"" + UserText.printable(key.group(1)) + "\" in the JSON: give each field once"
              : "Malformed JSON");
    } catch (RuntimeException | StackOverflowError other) {
      throw ApiException.badRequest("Malformed JSON");
    }
    refuseLoneSurrogates(value);
  }

  private static void refuseLoneSurrogates(JsonValue value) {
    switch (value) {
      case JsonString string -> refuseLoneSurrogate(string.getString());
      case JsonObject object ->
          object.forEach(
              (key, member) -> {
                refuseLoneSurrogate(key);
                refuseLoneSurrogates(member);
              });
      case JsonArray array -> array.forEach(StrictJson::refuseLoneSurrogates);
      default -> {}
    }
  }

  private static void refuseLoneSurrogate(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        throw ApiException.badRequest(
            "Invalid JSON string: \\u" + Integer.toHexString(c) + " is an unpaired surrogate, not a character");
      }
    }
  }
}
