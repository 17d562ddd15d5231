package dev.jobrunner.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jobrunner.testing.Api;
import dev.jobrunner.testing.ServerProcess;
import dev.jobrunner.testing.TestTokens;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An operator's mistake: the token key file named by MP_JWT_VERIFY_PUBLICKEY_LOCATION does not
 * exist. Every token is refused with the JSON 401, never a 500. (WildFlySmokeIT checks the same on
 * WildFly, whose JWT mechanism fails differently.)
 */
class UnreadableTokenKeyIT {

  @Test
  void tokensAreRefusedWithA401() {
    var env =
        Map.of(
            "JOBRUNNER_DATA_DIR",
            Path.of("target/it-data/no-token-key-" + System.nanoTime()).toAbsolutePath().toString(),
            "MP_JWT_VERIFY_PUBLICKEY_LOCATION",
            "file:///nonexistent/job-runner-public-key.pem");
    try (var server = ServerProcess.start("UnreadableTokenKeyIT", env)) {
      for (String token : new String[] {null, TestTokens.readWrite()}) {
        Api.Reply reply = server.api().list(token);
        assertEquals(401, reply.status(), reply::toString);
        assertEquals(
            "Authentication required: send a valid bearer token or API key", reply.error());
      }
      server.stop();
    }
  }
}
