package dev.jobrunner.faults;

import dev.jobrunner.testing.TargetServer.Received;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** What a target received, per job (each job calls a path ending in its own id). */
record Deliveries(Map<String, List<Received>> byJob) {

  static Deliveries of(List<Received> received, String pathPrefix) {
    return new Deliveries(
        received.stream()
            .filter(r -> r.path().startsWith(pathPrefix))
            .sorted(Comparator.comparing(Received::at))
            .collect(
                Collectors.groupingBy(r -> r.path().substring(r.path().lastIndexOf('/') + 1))));
  }

  int calls(String jobId) {
    return byJob.getOrDefault(jobId, List.of()).size();
  }

  List<Received> of(String jobId) {
    return byJob.getOrDefault(jobId, List.of());
  }

  /** Calls beyond the first, over all jobs. */
  int duplicates() {
    return byJob.values().stream().mapToInt(calls -> calls.size() - 1).sum();
  }

  int total() {
    return byJob.values().stream().mapToInt(List::size).sum();
  }

  /**
   * Every call of a job carried one occurrence identity: the same Idempotency-Key and
   * X-Scheduled-At.
   */
  boolean oneIdentityPerJob() {
    return byJob.values().stream()
        .allMatch(
            calls ->
                calls.stream()
                        .map(c -> c.header("Idempotency-Key") + " " + c.header("X-Scheduled-At"))
                        .distinct()
                        .count()
                    == 1);
  }
}
