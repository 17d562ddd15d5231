package dev.jobrunner.jobs.control;

import dev.jobrunner.jobs.control.JobTally.Tally;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * Where list pages begin: the key (creation instant, id) of the job at an offset of the list,
 * remembered by this instance as pages are read, so that page N is read from the key of its first
 * job (or of a page before it) instead of skipping {@code (N - 1) * size} jobs. Keys are only as
 * good as the tally they were read under: any job created or deleted, by any instance, changes the
 * tally, and then every remembered key is dropped. Edits, pauses and runs move no job in the list.
 */
@ApplicationScoped
public class JobPages {
  /** At most this many starts are kept: 1,000 pages of 100 and more, in a few hundred KB. */
  static final int MAX_KEPT = 20_000;

  /** A job's place in the list's order. */
  public record Key(Instant createdAt, String id) {}

  private record Known(Tally tally, ConcurrentNavigableMap<Long, Key> starts) {}

  private volatile Known known = new Known(new Tally(-1, -1), new ConcurrentSkipListMap<>());

  /** The nearest known start at or before {@code offset}, under this tally; null if none. */
  public Map.Entry<Long, Key> nearest(Tally tally, long offset) {
    Known now = known;
    return now.tally().equals(tally) ? now.starts().floorEntry(offset) : null;
  }

  /** Whether the job at {@code offset} is known under this tally. */
  public boolean knows(Tally tally, long offset) {
    Known now = known;
    return now.tally().equals(tally) && now.starts().containsKey(offset);
  }

  /**
   * The key of the job at {@code offset}, read under {@code tally} (and found unchanged after the
   * read). A newer tally drops what was known; an older one is ignored.
   */
  public synchronized void remember(Tally tally, long offset, Key key) {
    if (!known.tally().equals(tally)) {
      if (!tally.notOlderThan(known.tally())) {
        return;
      }
      known = new Known(tally, new ConcurrentSkipListMap<>());
    }
    if (known.starts().size() >= MAX_KEPT) {
      known.starts().clear();
    }
    known.starts().put(offset, key);
  }
}
