package dev.jobrunner.cluster.boundary;

import dev.jobrunner.background.Repeat;
import dev.jobrunner.cluster.control.DataGrid;
import dev.jobrunner.cluster.control.InstanceBeat;
import dev.jobrunner.cluster.control.InstanceRegistry;
import dev.jobrunner.cluster.control.Liveness;
import dev.jobrunner.cluster.control.OrphanedRuns;
import dev.jobrunner.cluster.control.ThisInstance;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Every second, on every instance: this instance beats in the database, watches the others' beats,
 * declares dead one that fell silent for the lapse, and settles the runs left sending by instances
 * that are gone (dead, or stopped before their calls ended). Any live instance may do it; the
 * database lets one win.
 */
@Startup
@Singleton
@DependsOn("SchemaMigration")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class Heartbeat {
  private static final Logger LOG = Logger.getLogger(Heartbeat.class.getName());

  /** Orphaned runs are looked for every few beats, and at once after a death. */
  private static final int SETTLE_EVERY = 5;

  @Inject ThisInstance me;
  @Inject InstanceRegistry registry;
  @Inject OrphanedRuns orphans;

  /** How long an instance may go without a beat before another declares it dead. */
  @Inject
  @ConfigProperty(name = "jobrunner.cluster.lapse-seconds", defaultValue = "10")
  long lapseSeconds;

  @Resource ManagedScheduledExecutorService executor;

  private Liveness liveness;
  private Repeat repeat;
  private long ticks;
  private boolean failing;

  @PostConstruct
  void start() {
    // A longer pause between two of this instance's own readings than this restarts every count.
    liveness = new Liveness(Duration.ofSeconds(lapseSeconds), Duration.ofSeconds(3));
    DataGrid.watch(liveness).ifPresent(me::joinedGrid);
    me.id();
    repeat = Repeat.everySecond(executor, "The heartbeat", this::everySecond);
  }

  @PreDestroy
  void stop() {
    repeat.cancel();
  }

  private void everySecond() {
    try {
      beat(Instant.now());
      if (failing) {
        LOG.info("The database answers again: heartbeats resumed");
        failing = false;
      }
    } catch (RuntimeException e) {
      if (!failing) {
        LOG.log(
            Level.WARNING, "Heartbeat failed (database unreachable?); retrying every second", e);
        failing = true;
      }
    }
  }

  private void beat(Instant now) {
    if (!registry.beat(me.id(), now)) {
      me.registerAgain();
    }
    boolean declared = false;
    for (InstanceBeat lapsed : liveness.lapsed(now, registry.live(), me.id())) {
      if (registry.declareDead(lapsed, now)) {
        LOG.warning(
            () ->
                "Instance "
                    + lapsed.id()
                    + " ("
                    + lapsed.name()
                    + ") sent no heartbeat for "
                    + lapseSeconds
                    + " s (or left the data grid and fell silent): declared dead");
        declared = true;
      }
    }
    if (declared || ticks++ % SETTLE_EVERY == 0) {
      orphans.settleAll(now);
    }
    if (ticks % 3600 == 0) {
      registry.prune(now.minus(Duration.ofDays(1)));
    }
  }
}
