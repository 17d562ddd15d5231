package dev.jobrunner.cluster.control;

import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.HazelcastInstance;
import java.time.Instant;
import java.util.Optional;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * Payara's Hazelcast instance (JNDI {@code payara/Hazelcast}); loaded only through {@link
 * DataGrid}.
 */
final class HazelcastMembers {
  private static final Logger LOG = Logger.getLogger(HazelcastMembers.class.getName());
  private static final String JNDI_NAME = "payara/Hazelcast";

  private HazelcastMembers() {}

  static Optional<String> watch(Liveness liveness) {
    HazelcastInstance grid;
    try {
      grid = (HazelcastInstance) new InitialContext().lookup(JNDI_NAME);
    } catch (NamingException | ClassCastException none) {
      return Optional.empty();
    }
    if (grid == null) {
      return Optional.empty();
    }
    grid.getCluster()
        .addMembershipListener(
            new MembershipListener() {
              @Override
              public void memberAdded(MembershipEvent event) {}

              @Override
              public void memberRemoved(MembershipEvent event) {
                String member = event.getMember().getUuid().toString();
                LOG.info(
                    () -> "Data grid member " + member + " left; watching its heartbeats closely");
                liveness.leftGrid(member, Instant.now());
              }
            });
    String me = grid.getCluster().getLocalMember().getUuid().toString();
    LOG.info(
        () ->
            "Data grid member "
                + me
                + " with "
                + grid.getCluster().getMembers().size()
                + " member(s)");
    return Optional.of(me);
  }
}
