package dev.jobrunner.jobs.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class JobIdTest {
  private static final String VALID = "681f10a2b3c4d5e6f7a8b9c0";

  @Test
  void generatedIdsAre24LowercaseHexAndDistinct() {
    Set<JobId> seen = new HashSet<>();
    for (int i = 0; i < 10_000; i++) {
      JobId id = JobId.generate();
      assertTrue(id.value().matches("[0-9a-f]{24}"), id.value());
      seen.add(id);
    }
    assertEquals(10_000, seen.size());
  }

  @Test
  void generatedIdParsesBackToItself() {
    JobId id = JobId.generate();
    assertEquals(Optional.of(id), JobId.parse(id.toString()));
  }

  @Test
  void parseAcceptsAWellFormedId() {
    assertEquals(Optional.of(new JobId(VALID)), JobId.parse(VALID));
    assertEquals(VALID, JobId.parse(VALID).orElseThrow().value());
  }

  @Test
  void toStringIsTheBareValue() {
    assertEquals(VALID, new JobId(VALID).toString());
  }

  @Test
  void equalityIsByValue() {
    assertEquals(new JobId(VALID), new JobId(VALID));
    assertNotEquals(new JobId(VALID), new JobId("000000000000000000000000"));
  }

  @ParameterizedTest(name = "parse(\"{0}\") is empty")
  @NullAndEmptySource
  @ValueSource(
      strings = {
        "681F10A2B3C4D5E6F7A8B9C0",
        "681f10a2b3c4d5e6f7a8b9c",
        "681f10a2b3c4d5e6f7a8b9c00",
        "../etc",
        "../../../../../../etc/pa",
        "681f10a2b3c4d5e6f7a8b9c0/..",
        "681f10a2b3c4d5e6f7a8b9cz",
        " 681f10a2b3c4d5e6f7a8b9c",
      })
  void parseIsEmptyForMalformedIds(String raw) {
    assertEquals(Optional.empty(), JobId.parse(raw));
  }

  @ParameterizedTest(name = "new JobId(\"{0}\") throws")
  @ValueSource(strings = {"", "681F10A2B3C4D5E6F7A8B9C0", "681f10a2b3c4d5e6f7a8b9c", "../etc"})
  void constructorRejectsMalformedIds(String raw) {
    var thrown = assertThrows(IllegalArgumentException.class, () -> new JobId(raw));
    assertEquals("not a job id: " + raw, thrown.getMessage());
  }

  @Test
  void constructorRejectsNull() {
    assertThrows(NullPointerException.class, () -> new JobId(null));
  }
}
