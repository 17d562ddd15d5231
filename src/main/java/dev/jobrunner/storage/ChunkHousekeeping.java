package dev.jobrunner.storage;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.FileStore;
import org.h2.mvstore.MVStore;

/**
 * The housekeeping H2's background writer does on its file, one round at a time: the live pages of
 * mostly dead chunks are written anew, so those chunks die and their space is reused. H2 writes
 * each commit as a new chunk and frees a chunk only once none of its pages is live and it is older
 * than the retention time (45 s, kept: it guards the file against a power loss), so without this
 * the file grows with every job created. A round writes at most a few megabytes, four times as much
 * when nothing was written since the last round. Calls come from one thread.
 *
 * <p>Not done: moving chunks toward the start of the file to truncate it. H2 2.3.232 can place a
 * moved chunk across the area it meant to keep clear (fixed after 2.4.240, "fix corner case with
 * improper allocation in moveChunkInside"); its assertion fails here. The file still shrinks
 * whenever its last chunks die.
 */
final class ChunkHousekeeping {
  // H2's own threshold: rewrite when the chunks are less than 80 % live.
  private static final int TARGET_CHUNK_FILL_PERCENT = 80;
  private static final int REWRITE_BYTES = 4 << 20;
  private static final int IDLE_FACTOR = 4;

  private final MVStore store;
  private final FileStore<?> file;
  private long writesAfterLastRound = -1;

  ChunkHousekeeping(MVStore store) {
    this.store = store;
    this.file = store.getFileStore();
  }

  /** The store behind a connection of H2's own to the embedded database. */
  static MVStore storeOf(Connection connection) throws SQLException {
    var session = (SessionLocal) connection.unwrap(JdbcConnection.class).getSession();
    return session.getDatabase().getStore().getMvStore();
  }

  boolean isFor(MVStore other) {
    return store == other;
  }

  /** The file's size and how much of its chunks is live, for the log. */
  String describe() {
    return String.format(
        Locale.ROOT,
        "file %.1f MB, chunks %d %% live",
        file.size() / 1e6,
        file.getChunksFillRate());
  }

  void round() {
    int factor = file.getWriteCount() == writesAfterLastRound ? IDLE_FACTOR : 1;
    store.compact(TARGET_CHUNK_FILL_PERCENT, factor * REWRITE_BYTES);
    writesAfterLastRound = file.getWriteCount();
  }
}
