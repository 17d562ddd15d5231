package dev.jobrunner.bench;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * db-scheduler 16.7.1 on PostgreSQL: one one-time task whose instances each make one call; 16
 * executor threads, polling every second with lock-and-fetch ({@code SELECT ... FOR UPDATE SKIP
 * LOCKED}), its high-throughput setting {@code (1.0, 4.0)}: a fetch of up to 4 x 16 due executions,
 * the next one as soon as 16 or fewer are left. Its table is the one db-scheduler ships for
 * PostgreSQL ({@code db-scheduler/src/test/resources/postgresql_tables.sql} at v16.7.1).
 */
final class DbSchedulerPeer implements Peer {
  static final int THREADS = 16;

  private static final String DDL =
      """
      create table scheduled_tasks (
        task_name text not null,
        task_instance text not null,
        task_data bytea,
        execution_time timestamp with time zone not null,
        picked BOOLEAN not null,
        picked_by text,
        last_success timestamp with time zone,
        last_failure timestamp with time zone,
        consecutive_failures INT,
        last_heartbeat timestamp with time zone,
        version BIGINT not null,
        priority SMALLINT,
        PRIMARY KEY (task_name, task_instance)
      );
      CREATE INDEX execution_time_idx ON scheduled_tasks (execution_time);
      CREATE INDEX last_heartbeat_idx ON scheduled_tasks (last_heartbeat);
      CREATE INDEX priority_execution_time_idx on scheduled_tasks (priority desc, execution_time asc);
      """;

  private final HikariDataSource pool;
  private final PeerCalls calls;
  private final OneTimeTask<Void> task;
  private final Scheduler scheduler;

  DbSchedulerPeer(String jdbcUrl, String targetUrl) throws SQLException {
    HikariConfig config = new HikariConfig();
    config.setPoolName("db-scheduler");
    config.setJdbcUrl(jdbcUrl);
    config.setUsername("postgres");
    config.setPassword("");
    // The executor threads, the poller and the housekeeper (heartbeats) each may hold one.
    config.setMaximumPoolSize(THREADS + 4);
    pool = new HikariDataSource(config);
    try (var db = pool.getConnection();
        var statement = db.createStatement()) {
      statement.execute(DDL);
    }
    calls = new PeerCalls(targetUrl, THREADS);
    task = Tasks.oneTime("peers-post").execute((instance, context) -> calls.post(instance.getId()));
    scheduler =
        Scheduler.create(pool, task)
            .schedulerName(new SchedulerName.Fixed("peers-bench"))
            .threads(THREADS)
            .pollingInterval(Duration.ofSeconds(1))
            .pollUsingLockAndFetch(1.0, 4.0)
            .build();
    scheduler.start();
  }

  @Override
  public String name() {
    return "db-scheduler 16.7.1";
  }

  @Override
  public void schedule(int n, Instant slot, String keyPrefix) throws SQLException {
    // scheduleBatch writes them in JDBC batches of 100.
    Stream<TaskInstance<?>> instances =
        IntStream.range(0, n).mapToObj(i -> task.instance(keyPrefix + i));
    scheduler.scheduleBatch(instances, slot);
    sql("ANALYZE scheduled_tasks");
  }

  @Override
  public void clean() throws SQLException {
    sql("DELETE FROM scheduled_tasks");
    sql("VACUUM ANALYZE scheduled_tasks");
  }

  private void sql(String statement) throws SQLException {
    try (var db = pool.getConnection();
        var s = db.createStatement()) {
      s.execute(statement);
    }
  }

  @Override
  public void close() throws Exception {
    scheduler.stop();
    pool.close();
    calls.close();
  }
}
