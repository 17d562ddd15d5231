package dev.jobrunner.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.impl.StdSchedulerFactory;

/**
 * Quartz 2.5.2 on PostgreSQL: JDBC job store ({@code JobStoreTX}, {@code PostgreSQLDelegate}) on
 * its own HikariCP pool, 16 worker threads; one job with one fire-once {@code SimpleTrigger} per
 * execution, written through {@code scheduleJobs} in batches. Its tables are the ones the jar ships
 * ({@code org/quartz/impl/jdbcjobstore/tables_postgres.sql}).
 */
final class QuartzPeer implements Peer {
  static final int THREADS = 16;
  private static final String GROUP = "peers";
  private static final String CALLS = "calls";

  private final String jdbcUrl;
  private final PeerCalls calls;
  private final Scheduler scheduler;

  QuartzPeer(String jdbcUrl, String targetUrl)
      throws SQLException, SchedulerException, IOException {
    this.jdbcUrl = jdbcUrl;
    sql(tables());
    Properties p = new Properties();
    p.setProperty("org.quartz.scheduler.instanceName", "peers-quartz");
    p.setProperty("org.quartz.threadPool.class", "org.quartz.simpl.SimpleThreadPool");
    p.setProperty("org.quartz.threadPool.threadCount", String.valueOf(THREADS));
    p.setProperty("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
    p.setProperty(
        "org.quartz.jobStore.driverDelegateClass",
        "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate");
    p.setProperty("org.quartz.jobStore.dataSource", "peers");
    // 10 minutes: a trigger is late by at most the drain time, so none is handled as misfired.
    p.setProperty("org.quartz.jobStore.misfireThreshold", "600000");
    // Acquire up to one trigger per free worker per round trip (Quartz takes the smaller of this
    // and
    // the free workers); a batch above 1 needs the acquisition under the TRIGGER_ACCESS lock.
    p.setProperty("org.quartz.scheduler.batchTriggerAcquisitionMaxCount", String.valueOf(THREADS));
    p.setProperty("org.quartz.jobStore.acquireTriggersWithinLock", "true");
    p.setProperty("org.quartz.dataSource.peers.provider", "hikaricp");
    p.setProperty("org.quartz.dataSource.peers.driver", "org.postgresql.Driver");
    p.setProperty("org.quartz.dataSource.peers.URL", jdbcUrl);
    p.setProperty("org.quartz.dataSource.peers.user", "postgres");
    p.setProperty("org.quartz.dataSource.peers.password", "");
    // The workers (each completes its trigger), the scheduler thread and the misfire handler.
    p.setProperty("org.quartz.dataSource.peers.maxConnections", String.valueOf(THREADS + 4));
    calls = new PeerCalls(targetUrl, THREADS);
    scheduler = new StdSchedulerFactory(p).getScheduler();
    scheduler.getContext().put(CALLS, calls);
    scheduler.start();
  }

  /** One execution: its key is the job's name. */
  public static final class Call implements Job {
    @Override
    public void execute(JobExecutionContext context) throws JobExecutionException {
      try {
        ((PeerCalls) context.getScheduler().getContext().get(CALLS))
            .post(context.getJobDetail().getKey().getName());
      } catch (SchedulerException | RuntimeException e) {
        throw new JobExecutionException(e);
      }
    }
  }

  @Override
  public String name() {
    return "Quartz 2.5.2";
  }

  @Override
  public void schedule(int n, Instant slot, String keyPrefix)
      throws SchedulerException, SQLException {
    Date at = Date.from(slot);
    Map<JobDetail, Set<? extends Trigger>> batch = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      String key = keyPrefix + i;
      JobDetail job = JobBuilder.newJob(Call.class).withIdentity(key, GROUP).build();
      Trigger trigger =
          TriggerBuilder.newTrigger()
              .withIdentity(key, GROUP)
              .forJob(job)
              .startAt(at)
              .withSchedule(
                  SimpleScheduleBuilder.simpleSchedule().withMisfireHandlingInstructionFireNow())
              .build();
      batch.put(job, Set.of(trigger));
      if (batch.size() == 500 || i == n - 1) {
        scheduler.scheduleJobs(batch, false); // one transaction per batch
        batch.clear();
      }
    }
    sql("ANALYZE qrtz_job_details, qrtz_triggers, qrtz_simple_triggers");
  }

  @Override
  public void clean() throws SchedulerException, SQLException {
    scheduler.clear();
    sql(
        "VACUUM ANALYZE qrtz_fired_triggers, qrtz_simple_triggers, qrtz_triggers, qrtz_job_details,"
            + " qrtz_locks");
  }

  /** The DDL shipped in the Quartz jar, without its closing COMMIT (the connection autocommits). */
  private static String tables() throws IOException {
    try (var in =
        Scheduler.class.getResourceAsStream("/org/quartz/impl/jdbcjobstore/tables_postgres.sql")) {
      if (in == null) {
        throw new IOException("tables_postgres.sql is not in the Quartz jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("COMMIT;", "");
    }
  }

  private void sql(String statements) throws SQLException {
    try (Connection db = DriverManager.getConnection(jdbcUrl, "postgres", "");
        var s = db.createStatement()) {
      s.execute(statements);
    }
  }

  @Override
  public void close() throws Exception {
    scheduler.shutdown(true);
    calls.close();
  }
}
