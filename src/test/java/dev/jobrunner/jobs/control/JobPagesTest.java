package dev.jobrunner.jobs.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jobrunner.jobs.control.JobTally.Tally;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class JobPagesTest {
  private final JobPages pages = new JobPages();
  private final Tally tally = new Tally(10, 2);

  private static JobPages.Key key(int n) {
    return new JobPages.Key(Instant.ofEpochMilli(n), "id" + n);
  }

  @Test
  void theNearestStartAtOrBeforeTheOffsetUnderTheSameTally() {
    pages.remember(tally, 0, key(0));
    pages.remember(tally, 100, key(100));
    pages.remember(tally, 300, key(300));
    assertEquals(100L, pages.nearest(tally, 250).getKey());
    assertEquals(key(300), pages.nearest(tally, 300).getValue());
    assertEquals(0L, pages.nearest(tally, 99).getKey());
    assertTrue(pages.knows(tally, 100));
    assertFalse(pages.knows(tally, 200));
  }

  @Test
  void aJobCreatedOrDeletedAnywhereMakesEveryStartUnknown() {
    pages.remember(tally, 100, key(100));
    assertNull(pages.nearest(new Tally(11, 2), 100), "one more created");
    assertNull(pages.nearest(new Tally(10, 3), 100), "one more deleted");
    assertNull(pages.nearest(new Tally(11, 3), 100), "one created, one deleted: same count");
  }

  @Test
  void aNewerTallyReplacesTheStartsAndAnOlderOneIsIgnored() {
    pages.remember(tally, 100, key(100));
    Tally newer = new Tally(11, 2);
    pages.remember(newer, 200, key(200));
    assertNull(pages.nearest(newer, 150), "the start read under the old tally is gone");
    assertEquals(key(200), pages.nearest(newer, 250).getValue());
    pages.remember(tally, 100, key(100)); // a slow request that read the old tally
    assertNull(pages.nearest(tally, 100));
    assertEquals(200L, pages.nearest(newer, 250).getKey());
  }

  @Test
  void keepsABoundedNumberOfStarts() {
    for (int i = 0; i <= JobPages.MAX_KEPT; i++) {
      pages.remember(tally, i, key(i));
    }
    assertNull(pages.nearest(tally, JobPages.MAX_KEPT - 1), "cleared when full");
    assertTrue(pages.knows(tally, JobPages.MAX_KEPT));
  }
}
