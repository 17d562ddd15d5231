package dev.jobrunner.cluster.control;

import java.util.Optional;
import java.util.logging.Logger;

/**
 * The application server's data grid, where there is one (Payara's Hazelcast): its membership
 * events start a takeover early. Nothing depends on it: without a grid, or with a grid that splits,
 * the database's heartbeats alone decide, only a few seconds later. Hazelcast's classes are touched
 * only when present, so the WAR deploys where there is none.
 */
public final class DataGrid {
  private static final Logger LOG = Logger.getLogger(DataGrid.class.getName());

  private DataGrid() {}

  /** Listens for members leaving; returns this member's id in the grid, if there is a grid. */
  public static Optional<String> watch(Liveness liveness) {
    try {
      Class.forName("com.hazelcast.core.HazelcastInstance", false, DataGrid.class.getClassLoader());
    } catch (ClassNotFoundException | LinkageError noGrid) {
      return Optional.empty();
    }
    try {
      return HazelcastMembers.watch(liveness);
    } catch (RuntimeException | LinkageError unavailable) {
      LOG.info(
          () ->
              "No data grid to watch ("
                  + unavailable
                  + "); instances are watched through the database only");
      return Optional.empty();
    }
  }
}
