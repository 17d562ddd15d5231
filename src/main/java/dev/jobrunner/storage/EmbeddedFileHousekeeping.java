package dev.jobrunner.storage;

import dev.jobrunner.background.Repeat;
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
import java.sql.Connection;
import java.sql.SQLException;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Keeps the embedded database's file from growing without bound. {@code WRITE_DELAY=0} (each commit
 * in the file before it returns, see {@link DatabaseSettings}) stops H2's background writer, and
 * with it the housekeeping that frees the space of old chunks: the file grew by about 46 KB per job
 * created, 24 GB at 512,000 jobs. So every second this does that housekeeping ({@link
 * ChunkHousekeeping}). PostgreSQL needs nothing of the kind.
 */
@Startup
@Singleton
@DependsOn("SchemaMigration")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class EmbeddedFileHousekeeping {
  private static final Logger LOG = Logger.getLogger(EmbeddedFileHousekeeping.class.getName());

  @Resource ManagedScheduledExecutorService executor;

  private DataSource direct;
  private Repeat repeat;
  private ChunkHousekeeping housekeeping;
  private boolean ranOnce;
  private boolean failing;

  @PostConstruct
  void start() {
    DatabaseSettings settings = DatabaseSettings.fromConfig();
    if (!settings.isPostgres()) {
      // Not through the pool: its connections are proxies that cannot be unwrapped to H2's
      // class. A connection of H2's own, in this JVM, is a session of the same open database.
      direct = settings.open();
      repeat = Repeat.everySecond(executor, "The embedded database's housekeeping", this::round);
    }
  }

  @PreDestroy
  void stop() {
    if (repeat != null) {
      repeat.cancel();
    }
  }

  private void round() {
    try (Connection connection = direct.getConnection()) {
      var store = ChunkHousekeeping.storeOf(connection);
      if (housekeeping == null || !housekeeping.isFor(store)) {
        // H2 opened the file anew (after every connection had been closed).
        housekeeping = new ChunkHousekeeping(store);
      }
      housekeeping.round();
      if (!ranOnce) {
        LOG.info(
            "The embedded database's housekeeping runs every second: " + housekeeping.describe());
        ranOnce = true;
      }
      failing = false;
    } catch (SQLException | RuntimeException e) {
      // The database is away or closing: the next second tries again. Said once per failing spell.
      LOG.log(failing ? Level.FINE : Level.WARNING, "The embedded file's housekeeping failed", e);
      failing = true;
    }
  }
}
