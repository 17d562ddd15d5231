package dev.jobrunner.jobs;

import static dev.jobrunner.testing.TestTokens.READ;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jobrunner.testing.DeployedApp;
import dev.jobrunner.testing.TargetServer;
import dev.jobrunner.testing.TestTokens;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ListJobsIT extends DeployedApp {
  private final String token = TestTokens.readWrite();

  @Test
  void emptyListHasTheSpecShape() {
    api().deleteAll(token);
    var reply = api().list(TestTokens.withPermissions(READ));
    assertEquals(200, reply.status(), reply::toString);
    assertTrue(reply.header("Content-Type").startsWith("application/json"));
    JsonObject list = reply.json();
    assertEquals("JobRunner", list.getString("entities"));
    assertEquals(0, list.getInt("count"));
    assertEquals(50, list.getInt("per_page"));
    assertEquals(1, list.getJsonObject("pages").getInt("current"));
    assertEquals(1, list.getJsonObject("pages").getInt("max"));
    assertTrue(list.getJsonArray("elements").isEmpty());
  }

  @Test
  void elementsShowEveryFieldOfTheSpecAndTimesAsGiven() {
    api().deleteAll(token);
    String withBody =
        api()
            .createOk(
                token,
                """
            {"title":"Sync CRM Contacts","method":"POST","url":"https://api.partner.com/sync",
             "content_type":"application/json","body":"{\\"scope\\":\\"daily\\"}",
             "schedulation":["14:30","08:00"]}""");
    String withoutBody =
        api()
            .createOk(
                token,
                """
            {"title":"Ping","method":"GET","url":"http://example.com/ping"}""");

    List<JsonObject> elements = elements(api().list(token).json());
    assertEquals(2, elements.size());
    JsonObject first = elements.get(0);
    assertEquals(
        Set.of(
            "id",
            "title",
            "method",
            "url",
            "content_type",
            "has_body",
            "schedulation",
            "timezone",
            "missed_run_policy",
            "paused",
            "overlap_policy",
            "delivery_guarantee",
            "retries",
            "signed",
            "header_names",
            "state",
            "next_run",
            "last_run"),
        first.keySet());
    assertFalse(first.getBoolean("paused"));
    assertEquals("skip", first.getString("overlap_policy"));
    assertEquals(3, first.getInt("retries"));
    assertFalse(first.getBoolean("signed"));
    assertTrue(first.getJsonArray("header_names").isEmpty());
    assertEquals("UTC", first.getString("timezone"));
    assertEquals("run_once", first.getString("missed_run_policy"));
    assertEquals(withBody, first.getString("id"));
    assertEquals("Sync CRM Contacts", first.getString("title"));
    assertEquals("POST", first.getString("method"));
    assertEquals("https://api.partner.com/sync", first.getString("url"));
    assertEquals("application/json", first.getString("content_type"));
    assertTrue(first.getBoolean("has_body"));
    assertEquals(List.of("14:30", "08:00"), strings(first, "schedulation"));

    JsonObject second = elements.get(1);
    assertEquals(withoutBody, second.getString("id"));
    assertFalse(second.getBoolean("has_body"));
    assertTrue(second.isNull("content_type"));
    assertEquals(List.of(), strings(second, "schedulation"));
  }

  /**
   * The dashboard's columns: {@code state} (active, paused, failing), {@code next_run} and {@code
   * last_run}, the newest run that ended (a run of another job, or a skipped one, never counts).
   */
  @Test
  void elementsShowStateNextRunAndLastOutcome() throws InterruptedException {
    api().deleteAll(token);
    try (TargetServer target = TargetServer.start()) {
      LocalTime soon = LocalTime.now(ZoneOffset.UTC).plusHours(3).withSecond(0).withNano(0);
      LocalTime later = soon.plusHours(3);
      String healthy =
          api()
              .createOk(
                  token, job("healthy", target.url("/ok"), "[\"" + later + "\",\"" + soon + "\"]"));
      String broken = api().createOk(token, job("broken", target.url("/fail"), "[]"));
      String paused = api().createOk(token, job("paused", target.url("/ok"), "[\"12:00\"]"));
      String fresh = api().createOk(token, job("fresh", target.url("/ok"), "[]"));
      String overlapped = api().createOk(token, job("overlapped", target.url("/slow"), "[]"));
      // A run made while another is in flight is skipped: it is newer, but says nothing about the
      // target.
      var slow = CompletableFuture.supplyAsync(() -> api().run(token, overlapped));
      for (int i = 0;
          i < 100
              && !api()
                  .get("2026-02-01/job-runner/" + overlapped + "/runs.json", token)
                  .body()
                  .contains("\"running\"");
          i++) {
        Thread.sleep(50);
      }
      assertEquals("skipped", api().run(token, overlapped).json().getString("status"));
      JsonObject slowRun =
          slow.join().json(); // success, or timeout on a very busy machine: an outcome either way
      assertEquals(200, api().run(token, broken).status());
      assertEquals(200, api().run(token, healthy).status());
      assertEquals(
          200,
          api()
              .send("POST", "2026-02-01/job-runner/" + paused + "/pause.json", token, null, null)
              .status());
      Instant before = Instant.now();
      Map<String, JsonObject> byId = new HashMap<>();
      elements(api().list(token).json()).forEach(e -> byId.put(e.getString("id"), e));
      Instant after = Instant.now();

      JsonObject ok = byId.get(healthy);
      assertEquals("active", ok.getString("state"));
      JsonObject lastRun = ok.getJsonObject("last_run");
      assertEquals(Set.of("id", "trigger", "started_at", "status", "ms"), lastRun.keySet());
      assertEquals("success", lastRun.getString("status"));
      assertEquals("manual", lastRun.getString("trigger"));
      assertFalse(Instant.parse(lastRun.getString("started_at")).isAfter(before));
      assertTrue(lastRun.getJsonNumber("ms").doubleValue() > 0);
      String runId =
          api()
              .get("2026-02-01/job-runner/" + healthy + "/runs.json", token)
              .json()
              .getJsonArray("elements")
              .getJsonObject(0)
              .getString("id");
      assertEquals(runId, lastRun.getString("id"));
      // The first of its times after now (either side of the request, should it straddle one).
      List<LocalTime> times = List.of(soon, later);
      assertTrue(
          List.of(nextOccurrence(times, before), nextOccurrence(times, after))
              .contains(Instant.parse(ok.getString("next_run"))),
          ok::toString);

      JsonObject failing = byId.get(broken);
      assertEquals("failing", failing.getString("state"));
      assertEquals("failure", failing.getJsonObject("last_run").getString("status"));
      assertTrue(failing.isNull("next_run"), "no schedule, no next run");

      JsonObject stopped = byId.get(paused);
      assertEquals("paused", stopped.getString("state"));
      assertTrue(stopped.isNull("next_run"), "a paused job has no next run");
      assertTrue(stopped.isNull("last_run"));

      JsonObject never = byId.get(fresh);
      assertEquals("active", never.getString("state"));
      assertTrue(never.isNull("last_run"), "never run: null, not absent");

      JsonObject overlappedLast = byId.get(overlapped).getJsonObject("last_run");
      assertEquals(
          slowRun.getString("run_id"),
          overlappedLast.getString("id"),
          "the skipped run is passed over");
      assertEquals(slowRun.getString("status"), overlappedLast.getString("status"));

      // The newest run is the one that counts: the healthy job fails once its target does.
      String toFail = "{\"jobrunner\":{\"url\":\"" + target.url("/fail") + "\"}}";
      assertEquals(
          200,
          api()
              .send(
                  "PATCH",
                  "2026-02-01/job-runner/" + healthy + ".json",
                  token,
                  "application/json",
                  toFail)
              .status());
      assertEquals("failure", api().run(token, healthy).json().getString("status"));
      JsonObject now =
          elements(api().list(token).json()).stream()
              .filter(e -> e.getString("id").equals(healthy))
              .findFirst()
              .orElseThrow();
      assertEquals("failing", now.getString("state"));
      assertEquals("failure", now.getJsonObject("last_run").getString("status"));
    }
  }

  private static Instant nextOccurrence(List<LocalTime> times, Instant after) {
    LocalDate today = LocalDate.ofInstant(after, ZoneOffset.UTC);
    return Stream.of(today, today.plusDays(1))
        .flatMap(day -> times.stream().map(t -> day.atTime(t).toInstant(ZoneOffset.UTC)))
        .filter(at -> at.isAfter(after))
        .min(Instant::compareTo)
        .orElseThrow();
  }

  private static String job(String title, String url, String schedulation) {
    return "{\"title\":\""
        + title
        + "\",\"method\":\"GET\",\"url\":\""
        + url
        + "\",\"schedulation\":"
        + schedulation
        + "}";
  }

  @Test
  void pagesWalkTheJobsInCreationOrder() {
    api().deleteAll(token);
    List<String> created = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      created.add(
          api()
              .createOk(
                  token,
                  "{\"title\":\"job "
                      + i
                      + "\",\"method\":\"GET\",\"url\":\"http://example.com/"
                      + i
                      + "\"}"));
    }
    List<String> seen = new ArrayList<>();
    for (int page = 1; page <= 3; page++) {
      JsonObject list = api().list(token, "size=3&page=" + page).json();
      assertEquals(7, list.getInt("count"), "count is the total number of jobs");
      assertEquals(3, list.getInt("per_page"));
      assertEquals(page, list.getJsonObject("pages").getInt("current"));
      assertEquals(3, list.getJsonObject("pages").getInt("max"));
      elements(list).forEach(e -> seen.add(e.getString("id")));
    }
    assertEquals(created, seen);

    JsonObject pastTheEnd = api().list(token, "size=3&page=4").json();
    assertTrue(pastTheEnd.getJsonArray("elements").isEmpty());
    assertEquals(4, pastTheEnd.getJsonObject("pages").getInt("current"));
    assertEquals(3, pastTheEnd.getJsonObject("pages").getInt("max"));
    assertEquals(7, pastTheEnd.getInt("count"));

    JsonObject hugePage = api().list(token, "page=99999999999").json();
    assertTrue(hugePage.getJsonArray("elements").isEmpty());
  }

  /**
   * Pages are read from the remembered start of a page (keyset paging), and the count from a tally
   * kept with each create and delete: after jobs come and go, at the front, in the middle and at
   * the end, every page and the count must still be exactly what the jobs in creation order say,
   * whichever page is asked first.
   */
  @Test
  void pagesAndCountStayExactAsJobsComeAndGo() {
    api().deleteAll(token);
    List<String> jobs = new ArrayList<>();
    for (int i = 0; i < 23; i++) {
      jobs.add(api().createOk(token, simpleJob(i)));
    }
    assertPages(jobs, 4, List.of(6, 1, 2, 3, 4, 5, 6, 7));
    api().delete(token, jobs.remove(0)); // before every remembered start
    api().delete(token, jobs.remove(9)); // in the middle
    assertPages(jobs, 4, List.of(5, 6, 1, 2, 3, 4, 5, 6, 7));
    jobs.add(api().createOk(token, simpleJob(100)));
    jobs.add(api().createOk(token, simpleJob(101)));
    assertPages(jobs, 4, List.of(7, 6, 2, 1, 3, 4, 5, 6, 7, 8));
    api().delete(token, jobs.remove(jobs.size() - 1)); // the last
    assertPages(jobs, 5, List.of(5, 4, 3, 2, 1, 6));
    assertPages(jobs, 1, List.of(22, 1, 11, 23));
  }

  /** Asks the pages in this order and checks each against the expected jobs. */
  private void assertPages(List<String> expected, int size, List<Integer> order) {
    int max = Math.max(1, (expected.size() + size - 1) / size);
    for (int page : order) {
      JsonObject list = api().list(token, "size=" + size + "&page=" + page).json();
      assertEquals(expected.size(), list.getInt("count"), "count, page " + page);
      assertEquals(max, list.getJsonObject("pages").getInt("max"), "max, page " + page);
      List<String> want =
          expected.subList(
              Math.min(expected.size(), (page - 1) * size), Math.min(expected.size(), page * size));
      assertEquals(
          want,
          elements(list).stream().map(e -> e.getString("id")).toList(),
          "page " + page + " of size " + size);
    }
  }

  private static String simpleJob(int i) {
    return "{\"title\":\"job "
        + i
        + "\",\"method\":\"GET\",\"url\":\"http://example.com/"
        + i
        + "\",\"schedulation\":[\"0"
        + (i % 10)
        + ":1"
        + (i % 6)
        + "\"]}";
  }

  @Test
  void sizeIsClampedAt100AndDefaultsTo50() {
    assertEquals(100, api().list(token, "size=500").json().getInt("per_page"));
    assertEquals(100, api().list(token, "size=100").json().getInt("per_page"));
    assertEquals(1, api().list(token, "size=1").json().getInt("per_page"));
    assertEquals(50, api().list(token, "size=").json().getInt("per_page"));
  }

  @Test
  void badPaginationIsAClearError() {
    for (String[] bad :
        List.of(
            new String[] {"size=0", "Invalid size \"0\". Use an integer from 1 to 100"},
            new String[] {"size=-1", "Invalid size \"-1\". Use an integer from 1 to 100"},
            new String[] {"size=abc", "Invalid size \"abc\". Use an integer from 1 to 100"},
            new String[] {"page=0", "Invalid page \"0\". Use an integer from 1"},
            new String[] {"page=x", "Invalid page \"x\". Use an integer from 1"})) {
      var reply = api().list(token, bad[0]);
      assertEquals(400, reply.status(), bad[0]);
      assertEquals(bad[1], reply.error(), bad[0]);
    }
  }

  static List<JsonObject> elements(JsonObject list) {
    return list.getJsonArray("elements").getValuesAs(JsonObject.class);
  }

  static List<String> strings(JsonObject object, String field) {
    return object.getJsonArray(field).getValuesAs(JsonString.class).stream()
        .map(JsonString::getString)
        .toList();
  }
}
