package dev.jobrunner.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jobrunner.testing.Api;
import dev.jobrunner.testing.Browser;
import dev.jobrunner.testing.DeployedApp;
import dev.jobrunner.testing.TargetServer;
import dev.jobrunner.testing.TestTokens;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.URL;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * The dashboard in a real headless Chromium against the shipped WAR: what a person does, step by
 * step, with a screenshot of each step under target/dashboard-screenshots. Every page must be free
 * of console errors and of controls without a label.
 */
class DashboardIT extends DeployedApp {
  private static Browser browser;

  private final String writer = TestTokens.readWrite();
  private TargetServer target;

  @ArquillianResource URL deployed;

  @BeforeAll
  static void startBrowser() {
    browser = Browser.start();
  }

  @AfterAll
  static void stopBrowser() {
    if (browser != null) {
      browser.close();
    }
  }

  @BeforeEach
  void signedOutWithNoJobs() {
    target = TargetServer.start();
    api().deleteAll(writer);
    browser.open(home());
    browser.forgetSession();
    browser.open(home());
  }

  @AfterEach
  void noConsoleErrors() {
    target.close();
    assertEquals(List.of(), browser.consoleErrors(), "JavaScript console errors");
  }

  @Test
  void aWriterCreatesRunsPausesResumesAndDeletesAJob() {
    // Sign in: a bad credential is refused next to the field, a good one opens the job list.
    signIn("not-a-token");
    assertEquals(
        "Authentication required: send a valid bearer token or API key",
        browser.visible(By.id("credential-error")).getText());
    assertEquals("true", browser.visible(By.id("credential")).getAttribute("aria-invalid"));
    browser.screenshot("01-sign-in-refused");
    signIn(writer);
    heading("Jobs");
    assertTrue(
        browser.visible(By.id("who")).getText().contains("Signed in as test-user (read, write)"));
    checkPage("02-no-jobs");

    // Create: the API's own message appears next to the field it names, and nothing is stored.
    browser.visible(By.linkText("New job")).click();
    heading("New job");
    type("title", "Nightly export");
    new org.openqa.selenium.support.ui.Select(browser.visible(By.id("field-method")))
        .selectByValue("POST");
    type("url", target.url("/ok"));
    type("content_type", "application/json");
    type("body", "{\"scope\":\"daily\"}");
    type("schedulation", "08:00, 24:30");
    browser
        .visible(By.id("field-schedulation"))
        .sendKeys(Keys.ENTER); // submits, as Enter in a field does
    assertEquals(
        "Invalid schedulation time \"24:30\". Use HH:mm format",
        browser.visible(By.id("error-schedulation")).getText());
    assertEquals("true", browser.visible(By.id("field-schedulation")).getAttribute("aria-invalid"));
    assertEquals(
        "field-schedulation",
        browser.focused().getAttribute("id"),
        "focus moves to the field to fix");
    assertEquals(0, api().list(writer).json().getInt("count"), "a refused create stores nothing");
    checkPage("03-validation-error");

    WebElement times = browser.visible(By.id("field-schedulation"));
    times.clear();
    times.sendKeys("08:00, 14:30", Keys.ENTER);
    heading("Nightly export");
    String id = onlyJob().getString("id");
    assertTrue(browser.visible(By.id("status")).getText().contains("Created “Nightly export”"));

    // Listed with its state, schedule and next run; never run yet.
    browser.visible(By.linkText("Jobs")).click();
    heading("Jobs");
    WebElement row = browser.visible(By.cssSelector("tr[data-job-id='" + id + "']"));
    assertTrue(row.getText().contains("Nightly export"), row::getText);
    assertTrue(row.getText().contains("active"), row::getText);
    assertTrue(row.getText().contains("08:00, 14:30 UTC"), row::getText);
    assertTrue(row.getText().contains("never run"), row::getText);
    assertEquals(
        onlyJob().getString("next_run"),
        row.findElement(By.cssSelector("td:nth-of-type(3) time")).getAttribute("datetime"));
    checkPage("04-listed");

    // Run now: the target is called, the run shows in the history and in the chart.
    row.findElement(By.linkText("Nightly export")).click();
    heading("Nightly export");
    browser.visible(By.cssSelector("[data-action=run]")).click();
    browser.await(
        d -> browser.visible(By.id("status")).getText().startsWith("Run finished: success"));
    WebElement run = browser.visible(By.cssSelector("table.runs tbody tr"));
    assertTrue(run.getText().contains("manual"), run::getText);
    assertTrue(run.getText().contains("success"), run::getText);
    assertTrue(run.getText().contains("HTTP/1.1 200 OK"), run::getText);
    assertEquals(1, target.received("/ok").size(), "the target was called once");
    assertEquals("{\"scope\":\"daily\"}", target.received("/ok").getFirst().body());
    assertEquals(
        1,
        browser.all(By.cssSelector("svg.chart .panel-duration circle.point.status-success")).size(),
        "the run is a point on the duration chart");
    assertTrue(
        browser
            .all(By.cssSelector("svg.chart desc"))
            .getFirst()
            .getAttribute("textContent")
            .contains("Duration: 1 run,"));
    checkPage("05-run-and-chart");

    // Pause and resume, by keyboard: focus lands on the button that undoes the action.
    browser.visible(By.cssSelector("[data-action=pause]")).sendKeys(Keys.ENTER);
    browser.visible(By.cssSelector("[data-action=resume]"));
    assertEquals("paused", browser.visible(By.cssSelector(".toolbar .badge")).getText());
    assertEquals("resume", browser.focused().getAttribute("data-action"));
    assertTrue(
        api().get(Api.PREFIX + "job-runner/" + id + ".json", writer).json().getBoolean("paused"));
    checkPage("06-paused");
    browser.focused().sendKeys(Keys.ENTER);
    browser.visible(By.cssSelector("[data-action=pause]"));
    assertEquals("active", browser.visible(By.cssSelector(".toolbar .badge")).getText());
    assertFalse(
        api().get(Api.PREFIX + "job-runner/" + id + ".json", writer).json().getBoolean("paused"));

    // Edit: the form shows the job; a change is saved.
    browser.visible(By.cssSelector("[data-action=edit]")).click();
    heading("Edit “Nightly export”");
    assertEquals(
        "08:00, 14:30", browser.visible(By.id("field-schedulation")).getAttribute("value"));
    WebElement title = browser.visible(By.id("field-title"));
    title.clear();
    title.sendKeys("Nightly export v2", Keys.ENTER);
    heading("Nightly export v2");
    assertEquals("Nightly export v2", onlyJob().getString("title"));
    assertEquals(
        "{\"scope\":\"daily\"}",
        api().get(Api.PREFIX + "job-runner/" + id + ".json", writer).json().getString("body"),
        "fields not edited stay");

    // Delete, confirmed in a dialog.
    browser.visible(By.cssSelector("[data-action=delete]")).click();
    WebElement confirm = browser.visible(By.cssSelector("dialog [data-action=confirm-delete]"));
    assertEquals(
        "cancel-delete",
        browser.focused().getAttribute("data-action"),
        "Enter at once deletes nothing");
    browser.screenshot("07-confirm-delete");
    confirm.sendKeys(Keys.ENTER);
    heading("Jobs");
    assertTrue(browser.visible(By.id("status")).getText().contains("Deleted “Nightly export v2”"));
    assertEquals(404, api().get(Api.PREFIX + "job-runner/" + id + ".json", writer).status());
    checkPage("08-deleted");
  }

  @Test
  void aReadOnlyKeySeesNoWriteButtonsAndTheServerRefusesAnyway() {
    String id =
        api()
            .createOk(
                writer,
                "{\"title\":\"Read me\",\"method\":\"GET\",\"url\":\""
                    + target.url("/ok")
                    + "\",\"schedulation\":[\"06:15\"]}");
    assertEquals(200, api().run(writer, id).status());
    String key =
        api()
            .createApiKeyOk(
                TestTokens.admin(), "dashboard-reader-" + System.nanoTime(), TestTokens.READ)
            .key();

    signIn(key);
    heading("Jobs");
    assertTrue(browser.visible(By.id("who")).getText().contains("(read)"));
    WebElement row = browser.visible(By.cssSelector("tr[data-job-id='" + id + "']"));
    assertTrue(row.getText().contains("success"), "last outcome: " + row.getText());
    assertEquals(List.of(), writeControls(), "no write control on the list");
    checkPage("09-read-only-list");

    row.findElement(By.linkText("Read me")).click();
    heading("Read me");
    browser.visible(By.cssSelector("svg.chart"));
    assertEquals(List.of(), writeControls(), "no write control on the job");
    checkPage("10-read-only-job");

    // The write pages do not exist for this caller.
    browser.open(home() + "#/jobs/" + id + "/edit");
    heading("Page not found");
    browser.open(home() + "#/new");
    heading("Page not found");

    // And the server refuses a write sent with this credential from the page itself.
    @SuppressWarnings("unchecked")
    Map<String, Object> refused =
        (Map<String, Object>)
            browser.asyncScript(
                """
        const done = arguments[arguments.length - 1];
        fetch('2026-02-01/job-runner/' + arguments[0] + '/run.json', {method: 'POST',
            headers: {Authorization: 'Bearer ' + sessionStorage.getItem('jobrunner.credential')}})
          .then(async (r) => done({status: r.status, body: await r.text()}));""",
                id);
    assertEquals(403L, refused.get("status"));
    assertEquals(
        "{\"error\":\"Permission denied: this needs the job_runner:write permission\"}",
        refused.get("body"));
    assertEquals(
        1,
        api().get(Api.PREFIX + "job-runner/" + id + "/runs.json", writer).json().getInt("count"),
        "nothing ran");
  }

  /**
   * The page at "/" and its files under /dashboard/, with their types and headers; no other file of
   * the WAR.
   */
  @Test
  void theDashboardIsServedAtTheRootAndNothingElseIs() {
    Api api = new Api(URI.create(home()));
    Api.Reply page = api.get("", null);
    assertEquals(200, page.status());
    assertEquals("text/html;charset=UTF-8", page.header("Content-Type").replace(" ", ""));
    assertTrue(
        page.body().contains("<script type=\"module\" src=\"dashboard/app.js\"></script>"),
        page.body());
    assertTrue(page.header("Content-Security-Policy").contains("script-src 'self'"));
    assertEquals("nosniff", page.header("X-Content-Type-Options"));
    assertEquals("no-referrer", page.header("Referrer-Policy"));

    Api.Reply script = api.get("dashboard/app.js", null);
    assertEquals(200, script.status());
    assertTrue(
        script.header("Content-Type").startsWith("text/javascript"), script.header("Content-Type"));
    Api.Reply unchanged =
        api.send(
            "GET",
            "dashboard/app.js",
            Api.Credential.NONE,
            null,
            null,
            Map.of("If-None-Match", script.header("ETag")));
    assertEquals(304, unchanged.status(), "revalidated by ETag");
    assertTrue(api.get("dashboard/style.css", null).header("Content-Type").startsWith("text/css"));

    for (String path :
        List.of(
            "index.html",
            "dashboard/",
            "dashboard/nothing.js",
            "dashboard/app.js.map",
            "dashboard/../WEB-INF/web.xml",
            "dashboard/%2e%2e/WEB-INF/web.xml",
            "dashboard/WEB-INF/web.xml",
            "dashboard/sub/app.js",
            "WEB-INF/web.xml")) {
      Api.Reply refused = api.get(path, null);
      assertEquals(404, refused.status(), path);
      assertTrue(refused.body().startsWith("{\"error\":"), () -> path + ": " + refused.body());
    }
    Api.Reply post = api.send("POST", "", Api.Credential.NONE, "application/json", "{}");
    assertEquals(405, post.status());
    assertTrue(post.body().startsWith("{\"error\":"), post.body());
  }

  /** The dashboard on the loopback address: the test talks to this machine only. */
  private String home() {
    return "http://127.0.0.1:" + deployed.getPort() + "/";
  }

  private void signIn(String credential) {
    WebElement field = browser.visible(By.id("credential"));
    field.clear();
    field.sendKeys(credential, Keys.ENTER);
  }

  private void heading(String text) {
    browser.await(
        d ->
            d.findElements(By.cssSelector("main h1")).stream()
                .anyMatch(h -> h.getText().equals(text)));
  }

  private void type(String field, String text) {
    WebElement input = browser.visible(By.id("field-" + field));
    input.clear();
    input.sendKeys(text);
  }

  private JsonObject onlyJob() {
    var elements = api().list(writer).json().getJsonArray("elements");
    assertEquals(1, elements.size(), elements::toString);
    return elements.getJsonObject(0);
  }

  /** Buttons and links that would change something. */
  private List<String> writeControls() {
    return browser.all(By.cssSelector("button, a")).stream()
        .map(WebElement::getText)
        .filter(
            text ->
                List.of("New job", "Run now", "Pause", "Resume", "Edit", "Delete").contains(text))
        .toList();
  }

  /**
   * Every control has a name a screen reader can say, nothing went to the console, and a person can
   * look.
   */
  private void checkPage(String screenshot) {
    assertEquals(
        List.of(), browser.unlabelledControls(), "controls without a label on " + screenshot);
    assertEquals(List.of(), browser.consoleErrors(), "console errors on " + screenshot);
    browser.screenshot(screenshot);
  }
}
