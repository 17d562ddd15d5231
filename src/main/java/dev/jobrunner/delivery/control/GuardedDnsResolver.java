package dev.jobrunner.delivery.control;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;

/**
 * Resolves a target's host and refuses it when any of its addresses may not be called. The
 * connection is made to exactly these addresses, so a name that resolved to a public address when
 * the job was created and resolves to 127.0.0.1 now (DNS rebinding) is refused here.
 */
public final class GuardedDnsResolver implements DnsResolver {
  private final TargetPolicy policy;
  private final DnsResolver dns;

  GuardedDnsResolver(TargetPolicy policy, DnsResolver dns) {
    this.policy = policy;
    this.dns = dns;
  }

  public GuardedDnsResolver(TargetPolicy policy) {
    this(policy, SystemDefaultDnsResolver.INSTANCE);
  }

  /**
   * A call refused by the guard; an UnknownHostException so that the client gives up on the host.
   */
  public static final class BlockedTarget extends UnknownHostException {
    BlockedTarget(String reason) {
      super(reason);
    }
  }

  @Override
  public InetAddress[] resolve(String host) throws UnknownHostException {
    InetAddress[] addresses = dns.resolve(host);
    for (InetAddress address : addresses) {
      var refusal = policy.refusal(host, address);
      if (refusal.isPresent()) {
        throw new BlockedTarget(refusal.get());
      }
    }
    return addresses;
  }

  @Override
  public String resolveCanonicalHostname(String host) throws UnknownHostException {
    return dns.resolveCanonicalHostname(host);
  }
}
