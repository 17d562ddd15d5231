package dev.jobrunner.cluster.control;

import dev.jobrunner.api.RandomId;
import dev.jobrunner.storage.DatabaseSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * This process as one instance of the service: the id under which it registered, beats, and owns
 * the runs it sends. The id is new at every start, and new again if other instances ever declared
 * this one dead (it was silent too long), so nothing it did under the old id is mistaken for its
 * current work.
 */
@ApplicationScoped
public class ThisInstance {
  private static final Logger LOG = Logger.getLogger(ThisInstance.class.getName());

  @Inject InstanceRegistry registry;

  /**
   * A name unique among the running instances, stable across restarts (e.g. host:port, a pod name).
   * With one, a restarted instance settles its previous run's work at once instead of after the
   * lapse.
   */
  @Inject
  @ConfigProperty(name = "jobrunner.instance.name")
  Optional<String> configuredName;

  private volatile String id;
  private Optional<String> gridMember = Optional.empty();

  /** This instance's current id; registers on first use. */
  public String id() {
    String current = id;
    if (current == null) {
      synchronized (this) {
        if (id == null) {
          register();
        }
        current = id;
      }
    }
    return current;
  }

  public String name() {
    return configuredName.filter(name -> !name.isBlank()).orElseGet(ThisInstance::hostAndPid);
  }

  /** Called before the first {@link #id()} when the data grid gave this member an identity. */
  public synchronized void joinedGrid(String member) {
    gridMember = Optional.of(member);
  }

  /**
   * After other instances declared this one dead: a fresh id, and nothing of the old one is ours.
   */
  public synchronized void registerAgain() {
    String old = id;
    register();
    LOG.warning(
        () ->
            "This instance was declared dead by the others (silent for too long) as "
                + old
                + "; registered again as "
                + id);
  }

  private void register() {
    String fresh = RandomId.next();
    Instant now = Instant.now();
    registry.register(fresh, name(), gridMember, now);
    boolean soleProcess = !DatabaseSettings.fromConfig().isPostgres();
    Optional<String> stableName = configuredName.filter(name -> !name.isBlank());
    int ended = registry.endPredecessors(fresh, stableName, soleProcess, now);
    id = fresh;
    LOG.info(
        () ->
            "Registered as instance "
                + fresh
                + " ("
                + name()
                + ")"
                + (ended > 0
                    ? "; " + ended + " earlier run(s) of this instance declared dead"
                    : ""));
  }

  private static String hostAndPid() {
    String host;
    try {
      host = java.net.InetAddress.getLocalHost().getHostName();
    } catch (java.io.IOException unknown) {
      host = "unknown-host";
    }
    return host + " pid " + ProcessHandle.current().pid();
  }
}
