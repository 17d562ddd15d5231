package dev.jobrunner.jobs;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jobrunner.testing.Api;
import dev.jobrunner.testing.DeployedApp;
import dev.jobrunner.testing.TestTokens;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class CreateJobIT extends DeployedApp {
  private final String token = TestTokens.readWrite();

  @Test
  void createAnswersIdAndCreated() {
    var reply =
        api()
            .create(
                token,
                """
            {"jobrunner":{"title":"Sync CRM Contacts","method":"POST","url":"https://api.partner.com/sync",
             "content_type":"application/json","body":"{\\"scope\\":\\"daily\\"}","schedulation":["08:00","14:30"]}}""");
    assertEquals(201, reply.status(), reply::toString);
    String id = reply.json().getString("id");
    assertTrue(id.matches("[0-9a-f]{24}"), id);
    assertEquals(true, reply.json().getBoolean("created"));
    assertEquals(Set.of("id", "created"), reply.json().keySet());
    assertTrue(reply.header("Location").endsWith("/2026-02-01/job-runner/" + id + ".json"));
  }

  @Test
  void idsAreUniqueAndNotSequential() {
    Set<String> ids = new HashSet<>();
    String previous = null;
    for (int i = 0; i < 20; i++) {
      String id =
          api()
              .createOk(
                  token, "{\"title\":\"n\",\"method\":\"GET\",\"url\":\"http://example.com\"}");
      assertTrue(ids.add(id), "duplicate id " + id);
      if (previous != null) {
        assertNotEquals(
            previous.substring(0, 20), id.substring(0, 20), "ids share a sequential prefix");
      }
      previous = id;
    }
  }

  @Test
  void onDemandJobWithEmptySchedulation() {
    String id =
        api()
            .createOk(
                token,
                "{\"title\":\"On demand\",\"method\":\"GET\",\"url\":\"http://example.com\",\"schedulation\":[]}");
    assertTrue(api().list(token, "size=100").body().contains(id));
  }

  /** Each bad payload gets a 400 with exactly its message, and the store is left as it was. */
  @Test
  void everyValidationProblemHasItsOwnMessage() {
    Function<String, String> job =
        fields ->
            "{\"jobrunner\":{\"title\":\"T\",\"method\":\"POST\",\"url\":\"http://example.com/x\""
                + fields
                + "}}";
    String longTitle = "a".repeat(201);
    String longUrl = "http://example.com/" + "a".repeat(2048);
    String bigBody = "b".repeat(65_537);
    List<String[]> cases =
        List.of(
            new String[] {
              job.apply(",\"schedulation\":[\"24:30\"]"),
              "Invalid schedulation time \"24:30\". Use HH:mm format"
            },
            new String[] {
              job.apply(",\"schedulation\":[\"8:00\"]"),
              "Invalid schedulation time \"8:00\". Use HH:mm format"
            },
            new String[] {
              job.apply(",\"schedulation\":[\"08:00\",\"08:00\"]"),
              "Duplicate schedulation time \"08:00\""
            },
            new String[] {
              job.apply(",\"schedulation\":[800]"),
              "Invalid schedulation time 800. Use HH:mm format"
            },
            new String[] {
              job.apply(",\"schedulation\":\"08:00\""),
              "\"schedulation\" must be an array of \"HH:mm\" times"
            },
            new String[] {
              "{\"jobrunner\":{\"method\":\"GET\",\"url\":\"http://example.com\"}}",
              "Missing \"title\""
            },
            new String[] {
              "{\"jobrunner\":{\"title\":\"  \",\"method\":\"GET\",\"url\":\"http://example.com\"}}",
              "\"title\" must not be blank"
            },
            new String[] {
              "{\"jobrunner\":{\"title\":\""
                  + longTitle
                  + "\",\"method\":\"GET\",\"url\":\"http://example.com\"}}",
              "\"title\" is longer than 200 characters"
            },
            new String[] {
              "{\"jobrunner\":{\"title\":\"a\\u0007b\",\"method\":\"GET\",\"url\":\"http://example.com\"}}",
              "\"title\" must not contain control characters"
            },
            new String[] {
              "{\"jobrunner\":{\"title\":7,\"method\":\"GET\",\"url\":\"http://example.com\"}}",
              "\"title\" must be a string"
            },
            new String[] {
              "{\"jobrunner\":{\"title\":\"T\",\"url\":\"http://example.com\"}}",
              "Missing \"method\""
            },
            new String[] {
              "{\"jobrunner\":{\"title\":\"T\",\"method\":\"FETCH\",\"url\":\"http://example.com\"}}",
              "Invalid method \"FETCH\". Use one of GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS"
            },
            new String[] {
              "{\"jobrunner\":{\"title\":\"T\",\"method\":\"post\",\"url\":\"http://example.com\"}}",
              "Invalid method \"post\". Use one of GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS"
            },
            new String[] {
              "{\"jobrunner\":{\"title\":\"T\",\"method\":\"GET\"}}", "Missing \"url\""
            },
            new String[] {
              "{\"jobrunner\":{\"title\":\"T\",\"method\":\"GET\",\"url\":\"/relative\"}}",
              "Invalid url \"/relative\". Use an absolute http or https URL"
            },
            new String[] {
              "{\"jobrunner\":{\"title\":\"T\",\"method\":\"GET\",\"url\":\"ftp://example.com\"}}",
              "Invalid url \"ftp://example.com\". Use an absolute http or https URL"
            },
            new String[] {
              "{\"jobrunner\":{\"title\":\"T\",\"method\":\"GET\",\"url\":\"http://\"}}",
              "Invalid url \"http://\". Use an absolute http or https URL"
            },
            new String[] {
              "{\"jobrunner\":{\"title\":\"T\",\"method\":\"GET\",\"url\":\"" + longUrl + "\"}}",
              "\"url\" is longer than 2048 characters"
            },
            new String[] {
              job.apply(",\"content_type\":\"json\""),
              "Invalid content_type \"json\". Use a media type such as application/json"
            },
            new String[] {
              job.apply(",\"content_type\":\"text/plain\",\"body\":\"" + bigBody + "\""),
              "\"body\" is larger than 65536 bytes"
            },
            new String[] {
              job.apply(",\"body\":\"x\""), "\"content_type\" is required when a body is given"
            },
            new String[] {
              job.apply(",\"content_type\":\"text/plain\",\"body\":{\"a\":1}"),
              "\"body\" must be a string"
            },
            new String[] {
              "{\"jobrunner\":{\"title\":\"T\",\"method\":\"GET\",\"url\":\"http://example.com\",\"content_type\":\"text/plain\",\"body\":\"x\"}}",
              "Method GET cannot carry a body"
            },
            new String[] {
              "{\"jobrunner\":{\"title\":\"T\",\"method\":\"HEAD\",\"url\":\"http://example.com\",\"content_type\":\"text/plain\",\"body\":\"x\"}}",
              "Method HEAD cannot carry a body"
            },
            new String[] {
              job.apply(",\"color\":\"red\""), "Unknown field \"color\" in \"jobrunner\""
            },
            new String[] {"{}", "Missing \"jobrunner\" object"},
            new String[] {"{\"jobrunner\":null}", "Missing \"jobrunner\" object"},
            new String[] {"{\"jobrunner\":[1]}", "\"jobrunner\" must be an object"},
            new String[] {"[]", "Request body must be a JSON object: {\"jobrunner\": {...}}"},
            new String[] {"\"text\"", "Request body must be a JSON object: {\"jobrunner\": {...}}"},
            new String[] {
              "{\"jobrunner\":{", "Malformed JSON: the body ends before the JSON is complete"
            },
            new String[] {"{\"jobrunner\":{\"a\" 1}}", "Malformed JSON at line 1, column 19"},
            new String[] {"", "Request body is empty. Send {\"jobrunner\": {...}}"});

    String before = api().list(token, "size=100").body();
    List<Executable> checks =
        cases.stream()
            .<Executable>map(
                c ->
                    () -> {
                      Api.Reply reply = api().create(token, c[0]);
                      assertEquals(400, reply.status(), () -> c[0] + " -> " + reply);
                      assertEquals(c[1], reply.error(), () -> c[0]);
                    })
            .toList();
    assertAll(checks);
    assertEquals(
        before, api().list(token, "size=100").body(), "a refused create changed the store");
  }

  @Test
  void everyProblemOfOneRequestIsListed() {
    var reply =
        api()
            .create(
                token,
                "{\"jobrunner\":{\"title\":\"\",\"method\":\"FOO\",\"url\":\"x\",\"schedulation\":[\"24:30\"]}}");
    assertEquals(400, reply.status());
    assertEquals("\"title\" must not be blank", reply.error());
    assertEquals(4, reply.json().getJsonArray("errors").size(), reply::toString);
  }

  @Test
  void aBodyThatIsNotJsonIsRefusedByMediaType() {
    var reply = api().send("POST", Api.PREFIX + "job-runner.json", token, "text/plain", "hello");
    assertEquals(415, reply.status());
    assertEquals("Send the request body as application/json", reply.error());
  }

  @Test
  void anOversizedRequestIsRefused() {
    String huge = "{\"jobrunner\":{\"title\":\"" + "x".repeat(300_000) + "\"}}";
    var reply = api().create(token, huge);
    assertEquals(413, reply.status());
    assertEquals("Request body is larger than 262144 bytes", reply.error());
  }
}
