package dev.jobrunner.scheduling.control;

import dev.jobrunner.jobs.entity.MissedRunPolicy;
import dev.jobrunner.runs.entity.RunStatus;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The scheduled path as one pipeline: slot fires -> due occurrences found -> each claimed once -> calls
 * handed to {@link Delivery}. It works on the window from the watermark to now, so a firing also catches
 * up whatever passed unseen (downtime, a timer that did not fire), applying each job's missed-run policy.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class Dispatcher {
  private static final Logger LOG = Logger.getLogger(Dispatcher.class.getName());

  @Inject ScheduleStore store;
  @Inject Watermark watermark;
  @Inject Delivery delivery;

  /** An occurrence dispatched later than this after its instant counts as missed. */
  @Inject
  @ConfigProperty(name = "jobrunner.schedule.grace-seconds", defaultValue = "60")
  long graceSeconds;

  /** How far back a catch-up looks after downtime. */
  @Inject
  @ConfigProperty(name = "jobrunner.schedule.catch-up-hours", defaultValue = "24")
  long catchUpHours;

  public record Report(int called, int missed) {}

  public Report dispatchDue(Instant now) {
    Instant from = watermark.dispatchedUntil(now.minusSeconds(60));
    Instant floor = now.minus(Duration.ofHours(catchUpHours));
    if (from.isBefore(floor)) {
      LOG.warning("Occurrences between " + from + " and " + floor + " are older than the catch-up window and are not run");
      from = floor;
    }
    Duration grace = Duration.ofSeconds(graceSeconds);
    Set<String> seen = new HashSet<>();
    int called = 0;
    int missed = 0;
    for (Occurrence occurrence : Occurrence.between(store.slotsInUse(), from, now)) {
      boolean late = Duration.between(occurrence.at(), now).compareTo(grace) > 0;
      List<Claim> toCall = new ArrayList<>();
      List<Claim> toRecordMissed = new ArrayList<>();
      for (DueJob job : store.unclaimed(occurrence.slot(), occurrence.at())) {
        // Newest first: a job's first occurrence seen here is its latest one.
        boolean latest = seen.add(job.jobId());
        Claim claim = Claim.of(job, occurrence.at());
        if (!late || latest && job.missedRunPolicy() == MissedRunPolicy.RUN_ONCE) {
          toCall.add(claim);
        } else {
          toRecordMissed.add(claim);
        }
      }
      List<Claim> won = store.claim(toCall, RunStatus.RUNNING, null);
      delivery.submit(won);
      called += won.size();
      missed += store.claim(toRecordMissed, RunStatus.MISSED, "Missed: not run at its time (service down or busy)").size();
    }
    watermark.advanceTo(now);
    return new Report(called, missed);
  }
}
