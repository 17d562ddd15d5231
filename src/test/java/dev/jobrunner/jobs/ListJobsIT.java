package dev.jobrunner.jobs;

import static dev.jobrunner.testing.TestTokens.READ;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jobrunner.testing.DeployedApp;
import dev.jobrunner.testing.TestTokens;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
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
        api().createOk(token, """
            {"title":"Sync CRM Contacts","method":"POST","url":"https://api.partner.com/sync",
             "content_type":"application/json","body":"{\\"scope\\":\\"daily\\"}",
             "schedulation":["14:30","08:00"]}""");
    String withoutBody =
        api().createOk(token, """
            {"title":"Ping","method":"GET","url":"http://example.com/ping"}""");

    List<JsonObject> elements = elements(api().list(token).json());
    assertEquals(2, elements.size());
    JsonObject first = elements.get(0);
    assertEquals(
        Set.of(
            "id", "title", "method", "url", "content_type", "has_body", "schedulation", "timezone",
            "missed_run_policy", "paused", "overlap_policy", "retries", "signed", "header_names"),
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

  @Test
  void pagesWalkTheJobsInCreationOrder() {
    api().deleteAll(token);
    List<String> created = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      created.add(
          api().createOk(token, "{\"title\":\"job " + i + "\",\"method\":\"GET\",\"url\":\"http://example.com/" + i + "\"}"));
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
    return object.getJsonArray(field).getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
  }
}
