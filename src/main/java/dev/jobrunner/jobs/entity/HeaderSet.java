package dev.jobrunner.jobs.entity;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.io.StringReader;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A job's custom request headers. The values are secrets (an {@code Authorization}, an API token):
 * they exist in memory only to seal and to send, and {@link #toString()} never shows them. Names
 * are unique ignoring case; the last one given wins.
 */
public final class HeaderSet {
  public static final HeaderSet NONE = new HeaderSet(Map.of());

  private final Map<String, String> values;

  private HeaderSet(Map<String, String> values) {
    this.values = values;
  }

  public static HeaderSet of(Map<String, String> given) {
    Map<String, String> byLowerName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    Map<String, String> ordered = new LinkedHashMap<>();
    given.forEach(
        (name, value) -> {
          String previous = byLowerName.put(name, name);
          if (previous != null) {
            ordered.remove(previous);
          }
          ordered.put(name, value);
        });
    return new HeaderSet(Collections.unmodifiableMap(ordered));
  }

  /** Applies a change: a null value removes that header, any other value sets it. */
  public HeaderSet merge(Map<String, String> change) {
    Map<String, String> merged = new LinkedHashMap<>(values);
    change.forEach(
        (name, value) -> {
          merged.keySet().removeIf(existing -> existing.equalsIgnoreCase(name));
          if (value != null) {
            merged.put(name, value);
          }
        });
    return of(merged);
  }

  public Map<String, String> values() {
    return values;
  }

  public List<String> names() {
    return List.copyOf(values.keySet());
  }

  public boolean isEmpty() {
    return values.isEmpty();
  }

  public boolean contains(String name) {
    return values.keySet().stream()
        .anyMatch(n -> n.toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT)));
  }

  /** The plaintext to seal. */
  public String toJson() {
    var object = Json.createObjectBuilder();
    values.forEach(object::add);
    return object.build().toString();
  }

  public static HeaderSet fromJson(String json) {
    try (var reader = Json.createReader(new StringReader(json))) {
      JsonObject object = reader.readObject();
      Map<String, String> values = new LinkedHashMap<>();
      object.forEach((name, value) -> values.put(name, ((JsonString) value).getString()));
      return of(values);
    }
  }

  @Override
  public String toString() {
    return "HeaderSet" + names() + " (values redacted)";
  }
}
