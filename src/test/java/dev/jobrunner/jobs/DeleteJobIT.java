package dev.jobrunner.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jobrunner.testing.DeployedApp;
import dev.jobrunner.testing.TargetServer;
import dev.jobrunner.testing.TestTokens;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DeleteJobIT extends DeployedApp {
  private final String token = TestTokens.readWrite();

  @Test
  void deleteRemovesTheJobAndItsRuns() {
    try (var target = TargetServer.start()) {
      String id =
          api()
              .createOk(
                  token,
                  "{\"title\":\"doomed\",\"method\":\"GET\",\"url\":\""
                      + target.url("/ok")
                      + "\"}");
      String kept =
          api()
              .createOk(
                  token,
                  "{\"title\":\"kept\",\"method\":\"GET\",\"url\":\"" + target.url("/ok") + "\"}");
      api().run(token, id);
      assertEquals(
          1, api().get("2026-02-01/job-runner/" + id + "/runs.json", token).json().getInt("count"));

      var reply = api().delete(token, id);

      assertEquals(200, reply.status(), reply::toString);
      assertEquals(Set.of("id", "deleted"), reply.json().keySet());
      assertEquals(id, reply.json().getString("id"));
      assertTrue(reply.json().getBoolean("deleted"));
      String listing = api().list(token, "size=100").body();
      assertFalse(listing.contains(id), "deleted job still listed");
      assertTrue(listing.contains(kept), "another job went too");
      assertEquals(404, api().get("2026-02-01/job-runner/" + id + "/runs.json", token).status());
    }
  }

  @Test
  void deletingTwiceOrAnUnknownIdIsNotFound() {
    String id =
        api()
            .createOk(
                token, "{\"title\":\"once\",\"method\":\"GET\",\"url\":\"http://example.com\"}");
    assertEquals(200, api().delete(token, id).status());
    var again = api().delete(token, id);
    assertEquals(404, again.status());
    assertEquals("Job runner \"" + id + "\" not found", again.error());
    assertEquals(404, api().run(token, id).status());
    assertEquals(404, api().delete(token, "..%2F..%2Fetc%2Fpasswd").status());
  }
}
