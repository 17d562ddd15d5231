package dev.jobrunner.delivery.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;
import org.apache.hc.client5.http.DnsResolver;
import org.junit.jupiter.api.Test;

/**
 * The guard applies to what a name resolves to when the call is made, which is what gets connected
 * to.
 */
class GuardedDnsResolverTest {

  /** A DNS whose answers the test sets, as an attacker controlling a domain could. */
  private static DnsResolver dns(Map<String, String[]> answers) {
    return new DnsResolver() {
      @Override
      public InetAddress[] resolve(String host) throws UnknownHostException {
        String[] found = answers.get(host);
        if (found == null) {
          throw new UnknownHostException(host);
        }
        InetAddress[] addresses = new InetAddress[found.length];
        for (int i = 0; i < found.length; i++) {
          addresses[i] = InetAddress.getByName(found[i]);
        }
        return addresses;
      }

      @Override
      public String resolveCanonicalHostname(String host) {
        return host;
      }
    };
  }

  @Test
  void aNameThatNowResolvesToLoopbackIsBlocked() {
    var resolver =
        new GuardedDnsResolver(
            TargetPolicy.allowing(""),
            dns(Map.of("rebind.example.com", new String[] {"127.0.0.1"})));
    var blocked =
        assertThrows(
            GuardedDnsResolver.BlockedTarget.class, () -> resolver.resolve("rebind.example.com"));
    assertEquals("127.0.0.1 is not a public address (127.0.0.0/8)", blocked.getMessage());
  }

  @Test
  void oneNonPublicAnswerAmongPublicOnesBlocksTheHost() {
    var resolver =
        new GuardedDnsResolver(
            TargetPolicy.allowing(""),
            dns(Map.of("mixed.example.com", new String[] {"93.184.216.34", "10.0.0.7"})));
    assertThrows(
        GuardedDnsResolver.BlockedTarget.class, () -> resolver.resolve("mixed.example.com"));
  }

  @Test
  void publicAndAllowlistedAnswersPass() throws Exception {
    var resolver =
        new GuardedDnsResolver(
            TargetPolicy.allowing("10.0.0.0/24"),
            dns(
                Map.of(
                    "public.example.com",
                    new String[] {"93.184.216.34"},
                    "internal.example.com",
                    new String[] {"10.0.0.9"})));
    assertArrayEquals(
        new InetAddress[] {InetAddress.getByName("93.184.216.34")},
        resolver.resolve("public.example.com"));
    assertArrayEquals(
        new InetAddress[] {InetAddress.getByName("10.0.0.9")},
        resolver.resolve("internal.example.com"));
  }

  @Test
  void unknownHostsStayUnknown() {
    var resolver = new GuardedDnsResolver(TargetPolicy.allowing(""), dns(Map.of()));
    var unknown =
        assertThrows(UnknownHostException.class, () -> resolver.resolve("nowhere.invalid"));
    assertEquals(UnknownHostException.class, unknown.getClass());
  }
}
