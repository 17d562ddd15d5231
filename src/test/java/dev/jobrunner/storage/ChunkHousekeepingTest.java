package dev.jobrunner.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On real H2 files written as the service writes them (a commit each, {@code WRITE_DELAY=0}). The
 * retention time is 0 here, so that chunks may be freed within the test; the service keeps H2's.
 */
class ChunkHousekeepingTest {
  private static final int ROWS = 12_000;

  @TempDir Path dir;

  @Test
  void keepsTheFileSmallWhereItWouldGrowWithEveryCommit() throws Exception {
    long untidied = churn(dir.resolve("untidied"), false);
    long tidied = churn(dir.resolve("tidied"), true);

    assertTrue(untidied > 40_000_000, "without housekeeping the file grows: " + untidied);
    // 7-15 MB against 67 MB in 22 runs here (some with both cores busy elsewhere): where the
    // file's last chunk lands varies from run to run.
    assertTrue(tidied < untidied / 3, "tidied " + tidied + " bytes, untidied " + untidied);
  }

  @Test
  void losesNothing() throws Exception {
    Path db = dir.resolve("kept");
    churn(db, true);

    try (Connection reopened = open(db);
        Statement s = reopened.createStatement();
        ResultSet rows = s.executeQuery("SELECT COUNT(*), SUM(n) FROM job")) {
      rows.next();
      assertEquals(ROWS, rows.getInt(1));
      assertEquals((long) ROWS * (ROWS - 1) / 2, rows.getLong(2));
    }
  }

  /** Rows inserted one commit each, then idle; the file's size at the end. */
  private static long churn(Path db, boolean tidy) throws Exception {
    try (Connection c = open(db)) {
      try (Statement s = c.createStatement()) {
        s.execute("CREATE TABLE job(id VARCHAR(36) PRIMARY KEY, n INT, body VARCHAR(500))");
        s.execute("CREATE INDEX job_n ON job(n)");
      }
      var housekeeping = new ChunkHousekeeping(ChunkHousekeeping.storeOf(c));
      c.setAutoCommit(false);
      Random random = new Random(42);
      try (PreparedStatement insert = c.prepareStatement("INSERT INTO job VALUES(?, ?, ?)")) {
        for (int i = 0; i < ROWS; i++) {
          insert.setString(1, new UUID(random.nextLong(), random.nextLong()).toString());
          insert.setInt(2, i);
          insert.setString(3, "x".repeat(300));
          insert.executeUpdate();
          c.commit();
          if (tidy && i % 50 == 0) {
            housekeeping.round();
          }
        }
      }
      for (int i = 0; tidy && i < 10; i++) {
        housekeeping.round();
      }
      return Files.size(Path.of(db + ".mv.db"));
    }
  }

  private static Connection open(Path db) throws SQLException {
    return DriverManager.getConnection(
        "jdbc:h2:file:" + db + ";MODE=PostgreSQL;WRITE_DELAY=0;RETENTION_TIME=0", "sa", "");
  }
}
