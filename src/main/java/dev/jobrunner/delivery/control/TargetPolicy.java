package dev.jobrunner.delivery.control;

import java.math.BigInteger;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Which addresses a job may call. By default only public ones: never loopback, private (RFC 1918),
 * link-local (cloud metadata at 169.254.169.254), CGNAT, multicast, "this network", reserved or
 * documentation ranges, nor their IPv6 counterparts and IPv4-mapped/NAT64/6to4 forms. Operators
 * open internal targets with an allowlist of CIDRs and host names ({@code
 * JOBRUNNER_ALLOWED_TARGETS}).
 */
public final class TargetPolicy {
  /**
   * Dotted-quad and the other spellings inet_aton accepts: decimal, octal (leading 0), hex (0x),
   * 1-4 parts.
   */
  private static final Pattern NUMERIC_HOST =
      Pattern.compile(
          "(0x[0-9a-f]*|[0-9]+)(\\.(0x[0-9a-f]*|[0-9]+)){0,3}\\.?", Pattern.CASE_INSENSITIVE);

  private static final List<Cidr> NOT_PUBLIC =
      Cidr.parseAll(
          "0.0.0.0/8",
          "10.0.0.0/8",
          "100.64.0.0/10",
          "127.0.0.0/8",
          "169.254.0.0/16",
          "172.16.0.0/12",
          "192.0.0.0/24",
          "192.0.2.0/24",
          "192.88.99.0/24",
          "192.168.0.0/16",
          "198.18.0.0/15",
          "198.51.100.0/24",
          "203.0.113.0/24",
          "224.0.0.0/4",
          "240.0.0.0/4",
          "::/128",
          "::1/128",
          "100::/64",
          "2001:db8::/32",
          "fc00::/7",
          "fe80::/10",
          "fec0::/10",
          "ff00::/8");

  private final List<Cidr> allowedRanges;
  private final Set<String> allowedHosts;

  private TargetPolicy(List<Cidr> allowedRanges, Set<String> allowedHosts) {
    this.allowedRanges = allowedRanges;
    this.allowedHosts = allowedHosts;
  }

  /**
   * From the allowlist setting: comma-separated CIDRs ({@code 10.1.0.0/16}), addresses and host
   * names.
   */
  public static TargetPolicy allowing(String allowlist) {
    List<String> entries =
        allowlist == null
            ? List.of()
            : List.of(allowlist.split(",")).stream()
                .map(String::strip)
                .filter(e -> !e.isEmpty())
                .toList();
    List<Cidr> ranges = entries.stream().map(Cidr::parse).flatMap(Optional::stream).toList();
    Set<String> hosts =
        entries.stream()
            .filter(e -> Cidr.parse(e).isEmpty())
            .map(h -> h.toLowerCase(Locale.ROOT))
            .collect(Collectors.toSet());
    return new TargetPolicy(ranges, hosts);
  }

  /** Why this host/address may not be called; empty when it may. */
  public Optional<String> refusal(String host, InetAddress address) {
    if (host != null && allowedHosts.contains(host.toLowerCase(Locale.ROOT))) {
      return Optional.empty();
    }
    if (allowedRanges.stream().anyMatch(range -> range.contains(address))) {
      return Optional.empty();
    }
    // The address's own range first (::1 is loopback), then the IPv4 address it may carry.
    Optional<Cidr> range =
        notPublicRange(address)
            .or(() -> embeddedIpv4(address).flatMap(TargetPolicy::notPublicRange));
    return range.map(r -> address.getHostAddress() + " is not a public address (" + r + ")");
  }

  private static Optional<Cidr> notPublicRange(InetAddress address) {
    return NOT_PUBLIC.stream().filter(range -> range.contains(address)).findFirst();
  }

  /**
   * For a URL's host as typed: a refusal when it is a literal address (in any spelling) that may
   * not be called. Host names are checked at call time, against the address actually connected to.
   */
  public Optional<String> refusalOfLiteral(String host) {
    return literalAddress(host).flatMap(address -> refusal(host, address));
  }

  static Optional<InetAddress> literalAddress(String host) {
    if (host == null || host.isEmpty()) {
      return Optional.empty();
    }
    try {
      if (host.startsWith("[") && host.endsWith("]")) {
        String literal = host.substring(1, host.length() - 1);
        int zone = literal.indexOf('%'); // a zone id (fe80::1%25eth0) does not change the address
        return Optional.of(InetAddress.getByName(zone < 0 ? literal : literal.substring(0, zone)));
      }
      if (NUMERIC_HOST.matcher(host).matches()) {
        return inetAton(host);
      }
    } catch (UnknownHostException notAnAddress) {
      return Optional.empty();
    }
    return Optional.empty();
  }

  /**
   * The BSD inet_aton reading, which browsers and curl share: 127.1, 0x7f000001, 017700000001,
   * 2130706433.
   */
  private static Optional<InetAddress> inetAton(String host) throws UnknownHostException {
    String[] parts =
        host.endsWith(".") ? host.substring(0, host.length() - 1).split("\\.") : host.split("\\.");
    long[] values = new long[parts.length];
    for (int i = 0; i < parts.length; i++) {
      String p = parts[i].toLowerCase(Locale.ROOT);
      BigInteger value =
          p.startsWith("0x")
              ? (p.length() == 2 ? BigInteger.ZERO : new BigInteger(p.substring(2), 16))
              : p.length() > 1 && p.startsWith("0")
                  ? new BigInteger(p.substring(1), 8)
                  : new BigInteger(p);
      if (value.bitLength() > 32) {
        return Optional.empty();
      }
      values[i] = value.longValue();
    }
    long address = 0;
    for (int i = 0; i < values.length - 1; i++) {
      if (values[i] > 255) {
        return Optional.empty();
      }
      address |= values[i] << (24 - 8 * i);
    }
    long last = values[values.length - 1];
    if (last >= 1L << (8 * (5 - values.length))) {
      return Optional.empty();
    }
    address |= last;
    byte[] bytes = {
      (byte) (address >> 24), (byte) (address >> 16), (byte) (address >> 8), (byte) address
    };
    return Optional.of(InetAddress.getByAddress(bytes));
  }

  /**
   * The IPv4 address inside IPv4-mapped (::ffff:a.b.c.d), IPv4-compatible, NAT64 (64:ff9b::/96) and
   * 6to4 forms.
   */
  static Optional<InetAddress> embeddedIpv4(InetAddress address) {
    if (!(address instanceof Inet6Address)) {
      return Optional.empty();
    }
    byte[] b = address.getAddress();
    try {
      boolean zeroPrefix = true;
      for (int i = 0; i < 10; i++) {
        zeroPrefix &= b[i] == 0;
      }
      if (zeroPrefix
          && (b[10] == (byte) 0xff && b[11] == (byte) 0xff || b[10] == 0 && b[11] == 0)) {
        return Optional.of(Inet4Address.getByAddress(new byte[] {b[12], b[13], b[14], b[15]}));
      }
      if (b[0] == 0 && b[1] == 0x64 && b[2] == (byte) 0xff && b[3] == (byte) 0x9b) {
        return Optional.of(Inet4Address.getByAddress(new byte[] {b[12], b[13], b[14], b[15]}));
      }
      if (b[0] == 0x20 && b[1] == 0x02) {
        return Optional.of(Inet4Address.getByAddress(new byte[] {b[2], b[3], b[4], b[5]}));
      }
    } catch (UnknownHostException impossible) {
      return Optional.empty();
    }
    return Optional.empty();
  }

  /** An address range. */
  record Cidr(byte[] network, int bits, String text) {
    static List<Cidr> parseAll(String... ranges) {
      return List.of(ranges).stream().map(r -> parse(r).orElseThrow()).toList();
    }

    static Optional<Cidr> parse(String text) {
      String[] parts = text.split("/", 2);
      Optional<InetAddress> address =
          literalAddress(parts[0].contains(":") ? "[" + parts[0] + "]" : parts[0]);
      if (address.isEmpty() || !parts[0].matches("[0-9a-fA-F:.]+")) {
        return Optional.empty();
      }
      byte[] network = address.get().getAddress();
      try {
        int bits = parts.length == 2 ? Integer.parseInt(parts[1]) : network.length * 8;
        return bits < 0 || bits > network.length * 8
            ? Optional.empty()
            : Optional.of(new Cidr(network, bits, text));
      } catch (NumberFormatException notACidr) {
        return Optional.empty();
      }
    }

    boolean contains(InetAddress address) {
      byte[] candidate = address.getAddress();
      if (candidate.length != network.length) {
        return false;
      }
      int full = bits / 8;
      for (int i = 0; i < full; i++) {
        if (candidate[i] != network[i]) {
          return false;
        }
      }
      int rest = bits % 8;
      if (rest == 0) {
        return true;
      }
      int mask = (0xff << (8 - rest)) & 0xff;
      return (candidate[full] & mask) == (network[full] & mask);
    }

    @Override
    public String toString() {
      return text;
    }
  }
}
