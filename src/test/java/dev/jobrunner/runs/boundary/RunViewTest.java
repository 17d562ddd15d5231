package dev.jobrunner.runs.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jobrunner.delivery.control.CallOutcome;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunViewTest {

  @Test
  void headersAreTheStatusLineThenEachHeaderAsOnTheWire() {
    var answer =
        new CallOutcome.Answer(
            "HTTP/1.1",
            302,
            "Found",
            List.of(
                new CallOutcome.Header("Location", "/next"),
                new CallOutcome.Header("X-Twice", "a"),
                new CallOutcome.Header("X-Twice", "b")));

    assertEquals(
        List.of("HTTP/1.1 302 Found", "Location: /next", "X-Twice: a", "X-Twice: b"),
        RunView.wireText(answer));
  }

  @Test
  void nothingAnsweredIsNoHeaders() {
    assertEquals(List.of(), RunView.wireText(null));
  }
}
