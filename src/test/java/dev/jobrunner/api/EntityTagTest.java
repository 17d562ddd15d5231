package dev.jobrunner.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class EntityTagTest {
  @Test
  void tagsAreQuotedVersions() {
    assertEquals("\"7\"", EntityTag.of(7));
  }

  @Test
  void ifMatchRules() {
    assertTrue(EntityTag.matches(null, 3));
    assertTrue(EntityTag.matches("*", 3));
    assertTrue(EntityTag.matches("\"3\"", 3));
    assertTrue(EntityTag.matches("\"1\", \"3\"", 3));
    assertFalse(EntityTag.matches("\"2\"", 3));
    assertFalse(EntityTag.matches("W/\"3\"", 3), "weak tags never match If-Match");
    assertFalse(EntityTag.matches("3", 3), "an unquoted tag is not the tag");
  }

  @Test
  void aStaleTagIsA412NamingTheCurrentOne() {
    var stale = assertThrows(ApiException.class, () -> EntityTag.require("\"2\"", 3));
    assertEquals(412, stale.status());
    assertEquals(
        "The job runner has changed since you read it (If-Match \"2\", current ETag \"3\"). Read it again and retry",
        stale.getMessage());
  }
}
