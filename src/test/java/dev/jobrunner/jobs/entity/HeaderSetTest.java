package dev.jobrunner.jobs.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HeaderSetTest {
  @Test
  void namesAreUniqueIgnoringCaseAndTheLastWins() {
    var given = new LinkedHashMap<String, String>();
    given.put("X-A", "1");
    given.put("x-a", "2");
    assertEquals(Map.of("x-a", "2"), HeaderSet.of(given).values());
  }

  @Test
  void mergeSetsAndRemoves() {
    var headers = HeaderSet.of(Map.of("Authorization", "old", "X-Keep", "k"));
    var change = new HashMap<String, String>();
    change.put("authorization", "new");
    change.put("X-Keep", null);
    change.put("X-Add", "a");
    assertEquals(Map.of("authorization", "new", "X-Add", "a"), headers.merge(change).values());
  }

  @Test
  void jsonRoundTrip() {
    var headers = HeaderSet.of(Map.of("Authorization", "Bearer \"q\"", "X-B", "b"));
    assertEquals(headers.values(), HeaderSet.fromJson(headers.toJson()).values());
  }

  @Test
  void toStringShowsNamesOnly() {
    String shown = HeaderSet.of(Map.of("Authorization", "Bearer secret-value")).toString();
    assertFalse(shown.contains("secret-value"));
    assertEquals("HeaderSet[Authorization] (values redacted)", shown);
    assertEquals(List.of("Authorization"), HeaderSet.of(Map.of("Authorization", "x")).names());
  }
}
