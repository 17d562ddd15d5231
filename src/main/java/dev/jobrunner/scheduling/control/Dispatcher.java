package dev.jobrunner.scheduling.control;

import dev.jobrunner.jobs.entity.MissedRunPolicy;
import dev.jobrunner.runs.entity.RunStatus;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The scheduled path as one pipeline: slot fires -> due occurrences found -> each claimed once
 * (queued in the database) -> the {@link Sender} woken to send them; an occurrence's first calls
 * are claimed as sending and handed to the sender at once. It works on the window from the
 * watermark to now, so a firing also catches up whatever passed unseen (downtime, a timer that did
 * not fire), applying each job's missed-run policy. A dispatch that fails (the database is
 * unreachable) is owed: {@link #payOwed} tries it again every second until it succeeds, so
 * occurrences due during an outage run right after it.
 */
@ApplicationScoped
public class Dispatcher {
  /** Claims are inserted in chunks, so the first calls start while the rest are claimed. */
  private static final int CHUNK = 250;

  /** The first claims of an occurrence on time: about as many as the sender calls at once. */
  private static final int FIRST = 64;

  private static final Logger LOG = Logger.getLogger(Dispatcher.class.getName());

  @EJB ScheduleStore store;
  @EJB Watermark watermark;
  @Inject Sender sender;

  /** An occurrence dispatched later than this after its instant counts as missed. */
  @Inject
  @ConfigProperty(name = "jobrunner.schedule.grace-seconds", defaultValue = "60")
  long graceSeconds;

  /** How far back a catch-up looks after downtime. */
  @Inject
  @ConfigProperty(name = "jobrunner.schedule.catch-up-hours", defaultValue = "24")
  long catchUpHours;

  public record Report(int called, int missed) {}

  private final AtomicBoolean dispatching = new AtomicBoolean();
  private volatile boolean owed;

  /**
   * Dispatches every occurrence due up to {@code now}. A firing that finds another dispatch under
   * way in this instance returns at once: the running one covers the window, the next firing covers
   * what follows.
   */
  public Report dispatchDue(Instant now) {
    if (!dispatching.compareAndSet(false, true)) {
      return new Report(0, 0);
    }
    try {
      owed = true;
      Report report = dispatchWindow(now);
      owed = false;
      return report;
    } finally {
      dispatching.set(false);
    }
  }

  /** Dispatches again if the last dispatch failed; nothing otherwise. */
  public void payOwed(Instant now) {
    if (owed) {
      dispatchDue(now);
    }
  }

  /** Claims these to be called, and wakes the sender; returns how many this dispatch won. */
  private int claimToCall(List<Claim> claims) {
    List<Claim> won = store.claim(claims, RunStatus.RUNNING, null);
    if (!won.isEmpty()) {
      sender.wake();
    }
    return won.size();
  }

  private Report dispatchWindow(Instant now) {
    Instant from = watermark.dispatchedUntil(now.minusSeconds(60));
    Instant floor = now.minus(Duration.ofHours(catchUpHours));
    if (from.isBefore(floor)) {
      LOG.warning(
          "Occurrences between "
              + from
              + " and "
              + floor
              + " are older than the catch-up window and are not run");
      from = floor;
    }
    Duration grace = Duration.ofSeconds(graceSeconds);
    Set<String> seen = new HashSet<>();
    int called = 0;
    int missed = 0;
    Instant firstClaimed = null; // for the log: how soon the first calls could leave
    int firstCount = 0;
    int sentAtOnce = 0;
    for (Occurrence occurrence : Occurrence.between(store.slotsInUse(), from, now)) {
      boolean late = Duration.between(occurrence.at(), now).compareTo(grace) > 0;
      if (!late) {
        // The first calls leave before the rest of a burst is read and claimed.
        List<Claim> first =
            store.unclaimed(occurrence.slot(), occurrence.at(), FIRST).stream()
                .map(job -> Claim.of(job, occurrence.at()))
                .toList();
        first.forEach(claim -> seen.add(claim.job().jobId()));
        Sender.Handed handed = sender.sendAtOnce(first);
        int won = handed.won() + claimToCall(first.subList(handed.tried(), first.size()));
        called += won;
        sentAtOnce += handed.won();
        if (firstClaimed == null && won > 0) {
          firstClaimed = Instant.now();
          firstCount = won;
        }
      }
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
      for (int i = 0; i < toCall.size(); i += CHUNK) {
        called += claimToCall(toCall.subList(i, Math.min(toCall.size(), i + CHUNK)));
      }
      missed +=
          store
              .claim(
                  toRecordMissed,
                  RunStatus.MISSED,
                  "Missed: not run at its time (service down or busy)")
              .size();
    }
    watermark.advanceTo(now);
    if (called + missed > 0) {
      long ms = Duration.between(now, Instant.now()).toMillis();
      LOG.info(
          "Dispatched "
              + called
              + " calls, recorded "
              + missed
              + " missed, in "
              + ms
              + " ms"
              + (firstClaimed == null
                  ? ""
                  : ", the first "
                      + firstCount
                      + " claimed after "
                      + Duration.between(now, firstClaimed).toMillis()
                      + " ms, "
                      + sentAtOnce
                      + " sent at once")
              + " (window "
              + from
              + " .. "
              + now
              + ")");
    }
    return new Report(called, missed);
  }
}
