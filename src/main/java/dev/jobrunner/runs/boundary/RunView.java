package dev.jobrunner.runs.boundary;

import dev.jobrunner.delivery.control.CallOutcome;
import dev.jobrunner.runs.control.Runner;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.util.List;
import java.util.stream.Stream;

/**
 * The spec's run answer. Extensions: {@code run_id} (the history record), {@code started_at},
 * {@code response_truncated}, and {@code reason} (only when nothing answered: why).
 */
@JsonbPropertyOrder({
  "jobRunnerId",
  "status",
  "headers",
  "response",
  "ms",
  "runId",
  "startedAt",
  "responseTruncated",
  "reason"
})
public record RunView(
    @JsonbProperty("job_runner_id") String jobRunnerId,
    String status,
    List<String> headers,
    String response,
    double ms,
    @JsonbProperty("run_id") String runId,
    @JsonbProperty("started_at") String startedAt,
    @JsonbProperty("response_truncated") boolean responseTruncated,
    String reason) {

  public static RunView of(Runner.Result result) {
    var outcome = result.outcome();
    var run = result.run();
    return new RunView(
        run.jobId(),
        outcome.status().word(),
        wireText(outcome.answer()),
        outcome.response(),
        outcome.ms(),
        run.id(),
        run.startedAt().toString(),
        outcome.truncated(),
        outcome.reason());
  }

  /**
   * The status line, then one {@code Name: value} per header, as received; none when nothing
   * answered.
   */
  static List<String> wireText(CallOutcome.Answer answer) {
    if (answer == null) {
      return List.of();
    }
    return Stream.concat(
            Stream.of(answer.statusLine()),
            answer.headers().stream().map(h -> h.name() + ": " + h.value()))
        .toList();
  }
}
