package dev.jobrunner.delivery.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TargetPolicyTest {
  private final TargetPolicy guard = TargetPolicy.allowing("");

  @ParameterizedTest
  @ValueSource(
      strings = {
        "127.0.0.1",
        "127.1",
        "0x7f000001",
        "0x7f.1",
        "017700000001",
        "2130706433",
        "0177.0.0.1",
        "127.0.0.1.",
        "10.0.0.1",
        "172.16.5.4",
        "192.168.1.1",
        "169.254.169.254",
        "100.64.0.1",
        "0.0.0.0",
        "0",
        "224.0.0.1",
        "255.255.255.255",
        "[::1]",
        "[::]",
        "[fc00::1]",
        "[fd12:3456::1]",
        "[fe80::1]",
        "[::ffff:127.0.0.1]",
        "[::ffff:169.254.169.254]",
        "[::ffff:7f00:1]",
        "[64:ff9b::a00:1]",
        "[2002:c0a8:101::1]",
        "[ff02::1]",
        "[fe80::1%25eth0]",
        "[::ffff:127.0.0.2%25lo]",
        "[fe80::1%eth0]"
      })
  void literalNonPublicAddressesInAnySpellingAreRefused(String host) {
    assertTrue(guard.refusalOfLiteral(host).isPresent(), host);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "93.184.216.34",
        "8.8.8.8",
        "[2606:4700::1111]",
        "1.1.1.1",
        "example.com",
        "localhost.example"
      })
  void publicAddressesAndHostNamesPassTheLiteralCheck(String host) {
    assertFalse(guard.refusalOfLiteral(host).isPresent(), host);
  }

  @Test
  void refusalNamesTheAddressAndRange() throws Exception {
    assertEquals(
        "169.254.169.254 is not a public address (169.254.0.0/16)",
        guard.refusal("metadata", InetAddress.getByName("169.254.169.254")).orElseThrow());
  }

  @Test
  void anIpv6AddressIsNamedByItsOwnRangeFirst() throws Exception {
    assertEquals(
        "0:0:0:0:0:0:0:1 is not a public address (::1/128)",
        guard.refusalOfLiteral("[::1]").orElseThrow());
    assertEquals(
        "127.0.0.1 is not a public address (127.0.0.0/8)",
        guard.refusalOfLiteral("[::ffff:127.0.0.1]").orElseThrow());
  }

  @Test
  void theAllowlistOpensRangesAndNames() throws Exception {
    var allowing = TargetPolicy.allowing(" 10.1.0.0/16, internal.example ,127.0.0.1 ");
    assertFalse(allowing.refusal("x", InetAddress.getByName("10.1.2.3")).isPresent());
    assertTrue(allowing.refusal("x", InetAddress.getByName("10.2.0.1")).isPresent());
    assertFalse(
        allowing.refusal("Internal.Example", InetAddress.getByName("10.9.9.9")).isPresent());
    assertFalse(allowing.refusal("x", InetAddress.getByName("127.0.0.1")).isPresent());
    assertTrue(allowing.refusal("x", InetAddress.getByName("127.0.0.2")).isPresent());
  }

  @Test
  void resolvedAddressesAreCheckedWhateverTheName() throws Exception {
    // DNS rebinding: a public-looking name that resolves to loopback at call time.
    assertTrue(guard.refusal("rebind.example.com", InetAddress.getByName("127.0.0.1")).isPresent());
    assertFalse(guard.refusal("example.com", InetAddress.getByName("93.184.216.34")).isPresent());
  }

  @Test
  void outOfRangeNumericSpellingsAreNotAddresses() {
    assertTrue(TargetPolicy.literalAddress("256.1.1.1").isEmpty());
    assertTrue(TargetPolicy.literalAddress("1.2.3.4.5").isEmpty());
    assertTrue(TargetPolicy.literalAddress("4294967296").isEmpty());
    assertEquals("1.0.0.1", TargetPolicy.literalAddress("1.1").orElseThrow().getHostAddress());
  }
}
