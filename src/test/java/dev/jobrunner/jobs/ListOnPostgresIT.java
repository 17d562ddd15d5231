package dev.jobrunner.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jobrunner.testing.Api;
import dev.jobrunner.testing.JobRows;
import dev.jobrunner.testing.PrivatePostgres;
import dev.jobrunner.testing.ServerProcess;
import dev.jobrunner.testing.ServerProcess.Grid;
import dev.jobrunner.testing.TestTokens;
import jakarta.json.JsonObject;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The list on PostgreSQL, with two instances sharing it: each remembers where pages begin and reads
 * the count from the tally, so a job created or deleted through one must show at once in the
 * other's pages and count; and deep pages (found by reading keys first) must be the jobs a plain
 * {@code OFFSET} finds.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ListOnPostgresIT {
  private final String token = TestTokens.readWrite();
  private PrivatePostgres pg;
  private Connection db;
  private final ServerProcess[] nodes = new ServerProcess[2];

  @BeforeAll
  void startTwoInstances() {
    Assumptions.assumeTrue(PrivatePostgres.available(), "PostgreSQL is not installed");
    pg = PrivatePostgres.start();
    db = pg.connect();
    for (int i = 0; i < 2; i++) {
      Map<String, String> env = new HashMap<>(pg.env());
      env.put(
          "JOBRUNNER_DATA_DIR",
          Path.of("target/it-data/list-pg-" + i + "-" + System.nanoTime())
              .toAbsolutePath()
              .toString());
      env.put("JOBRUNNER_INSTANCE_NAME", "list-" + i);
      env.put(
          "MP_JWT_VERIFY_PUBLICKEY_LOCATION",
          "file://" + Path.of("src/test/resources/test-keys/public.pem").toAbsolutePath());
      nodes[i] = ServerProcess.launch("list-pg-" + i, env, Grid.alone());
    }
    for (ServerProcess node : nodes) {
      node.awaitReady(Duration.ofMinutes(3));
    }
  }

  @AfterAll
  void stopAll() throws SQLException {
    for (ServerProcess node : nodes) {
      if (node != null) {
        node.close();
      }
    }
    if (db != null) {
      db.close();
    }
    if (pg != null) {
      pg.close();
    }
  }

  private Api api(int node) {
    return nodes[node].api();
  }

  @Test
  void pagesAndCountOfOneInstanceFollowTheOthersCreatesAndDeletes() throws SQLException {
    for (int i = 0; i < 9; i++) {
      api(0)
          .createOk(
              token,
              "{\"title\":\"job " + i + "\",\"method\":\"GET\",\"url\":\"http://example.com/\"}");
    }
    walk(1, 4, List.of(1, 2, 3));
    walk(0, 4, List.of(3, 2, 1));
    List<String> order = inCreationOrder();
    assertEquals(200, api(1).delete(token, order.get(1)).status());
    walk(0, 4, List.of(3, 1, 2, 3));
    api(1)
        .createOk(token, "{\"title\":\"late\",\"method\":\"GET\",\"url\":\"http://example.com/\"}");
    walk(0, 4, List.of(3, 2, 1));
    walk(1, 4, List.of(1, 2, 3));
  }

  @Test
  void deepPagesAreTheJobsAPlainOffsetFinds() throws SQLException {
    Instant slot = Instant.now().plus(Duration.ofHours(2)).truncatedTo(ChronoUnit.MINUTES);
    JobRows.insert(db, 2_500, slot, "http://127.0.0.1:9/never", "AT_LEAST_ONCE");
    walk(0, 1, List.of(2_400, 1_500, 2_401, 1, 2_000));
    walk(1, 100, List.of(25, 3, 26, 1, 24));
    walk(0, 7, List.of(300, 150, 301, 299));
  }

  /** Asks these pages of one instance and checks each, and the count, against the database. */
  private void walk(int node, int size, List<Integer> pages) throws SQLException {
    List<String> expected = inCreationOrder();
    for (int page : pages) {
      JsonObject list = api(node).list(token, "size=" + size + "&page=" + page).json();
      assertEquals(expected.size(), list.getInt("count"), "count on node " + node);
      List<String> want =
          expected.subList(
              Math.min(expected.size(), (page - 1) * size), Math.min(expected.size(), page * size));
      assertEquals(
          want,
          ListJobsIT.elements(list).stream().map(e -> e.getString("id")).toList(),
          "node " + node + ", page " + page + " of size " + size);
    }
  }

  private List<String> inCreationOrder() throws SQLException {
    List<String> ids = new ArrayList<>();
    try (var query = db.prepareStatement("SELECT id FROM job ORDER BY created_at, id");
        var rows = query.executeQuery()) {
      while (rows.next()) {
        ids.add(rows.getString(1));
      }
    }
    return ids;
  }
}
