package dev.jobrunner.delivery;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jobrunner.testing.DeployedApp;
import dev.jobrunner.testing.TestTokens;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The SSRF guard on a real server whose allowlist is 127.0.0.1/32 (set by the build for the tests).
 */
class SsrfGuardIT extends DeployedApp {
  private final String token = TestTokens.readWrite();

  @Test
  void literalNonPublicUrlsAreRefusedAtCreate() {
    String before = api().list(token, "size=100").body();
    List<Executable> checks =
        List.of(
                "http://10.0.0.1/",
                "http://169.254.169.254/latest/meta-data/",
                "http://[::1]:8080/",
                "http://0177.0.0.2/",
                "http://[::ffff:7f00:2]/",
                "http://2130706434/",
                "http://127.0.0.2/",
                "http://192.168.0.1/",
                "http://[::ffff:10.0.0.1]/",
                "http://[fd00::1]/",
                "http://100.64.0.1/",
                "http://0.0.0.0:8080/")
            .stream()
            .<Executable>map(
                url ->
                    () -> {
                      var reply =
                          api()
                              .create(
                                  token,
                                  "{\"jobrunner\":{\"title\":\"t\",\"method\":\"GET\",\"url\":\""
                                      + url
                                      + "\"}}");
                      assertEquals(400, reply.status(), url + " -> " + reply);
                      assertTrue(
                          reply.error().startsWith("Invalid url \"" + url + "\": "),
                          reply::toString);
                      assertTrue(
                          reply.error().contains("is not a public address"), reply::toString);
                    })
            .toList();
    assertAll(checks);
    // Other spellings of 127.0.0.2: refused, as a non-public address or as a malformed URL.
    for (String url :
        List.of(
            "http://0x7f000002/", "http://127.2/", "http://0x7f.0.0.3/", "http://0177.0.0.02/")) {
      var reply =
          api()
              .create(
                  token,
                  "{\"jobrunner\":{\"title\":\"t\",\"method\":\"GET\",\"url\":\"" + url + "\"}}");
      assertEquals(400, reply.status(), url + " -> " + reply);
    }
    assertEquals(before, api().list(token, "size=100").body());
  }
}
