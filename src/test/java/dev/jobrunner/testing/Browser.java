package dev.jobrunner.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.regex.Pattern;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real headless Chromium (Debian's {@code chromium} and {@code chromedriver}, which bin/test
 * installs), driven by Selenium. Nothing is downloaded at run time, and the browser resolves no
 * name but 127.0.0.1: it can reach only the server under test.
 */
public final class Browser implements AutoCloseable {
  public static final Path SCREENSHOTS = Path.of("target", "dashboard-screenshots");
  private static final String CHROMIUM = "/usr/bin/chromium";
  private static final String CHROMEDRIVER = "/usr/bin/chromedriver";

  /**
   * Chromium logs every refused request as a console error ("Failed to load resource: the server
   * responded with a status of 400"). An API refusal that the page shows is expected; anything else
   * is an error.
   */
  private static final Pattern API_REFUSAL =
      Pattern.compile(
          "^\\S+/2026-02-01/\\S+ - Failed to load resource: the server responded with a status of 4\\d\\d .*");

  private final ChromeDriver driver;
  private final Path profile;
  private final List<String> consoleErrors = new ArrayList<>();

  private Browser(ChromeDriver driver, Path profile) {
    this.driver = driver;
    this.profile = profile;
  }

  public static Browser start() {
    for (String file : List.of(CHROMIUM, CHROMEDRIVER)) {
      if (!new File(file).canExecute()) {
        throw new IllegalStateException(
            file
                + " is missing: apt-get install chromium chromium-driver (bin/test does this as root)");
      }
    }
    try {
      Path profile = Files.createTempDirectory("jobrunner-chromium-");
      ChromeOptions options = new ChromeOptions();
      options.setBinary(CHROMIUM);
      options.addArguments(
          "--headless",
          "--no-sandbox",
          "--disable-gpu",
          "--disable-quic",
          "--no-first-run",
          "--disable-background-networking",
          "--disable-component-update",
          "--disable-sync",
          "--user-data-dir=" + profile,
          "--window-size=1280,1000",
          "--lang=en-GB",
          "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1");
      LoggingPreferences logs = new LoggingPreferences();
      logs.enable(LogType.BROWSER, Level.ALL);
      options.setCapability("goog:loggingPrefs", logs);
      ChromeDriverService service =
          new ChromeDriverService.Builder()
              .usingDriverExecutable(new File(CHROMEDRIVER))
              .usingAnyFreePort()
              .build();
      return new Browser(new ChromeDriver(service, options), profile);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public WebDriver driver() {
    return driver;
  }

  public void open(String url) {
    driver.get(url);
  }

  /**
   * Waits up to 10 s for a condition to hold (not null, not false); the page may redraw meanwhile.
   */
  public <T> T await(Function<WebDriver, T> condition) {
    return new WebDriverWait(driver, Duration.ofSeconds(10))
        .ignoring(StaleElementReferenceException.class)
        .until(condition);
  }

  /** The visible element, once there. */
  public WebElement visible(By by) {
    return await(
        d -> d.findElements(by).stream().filter(WebElement::isDisplayed).findFirst().orElse(null));
  }

  public List<WebElement> all(By by) {
    return driver.findElements(by);
  }

  public Object script(String script, Object... arguments) {
    return driver.executeScript(script, arguments);
  }

  public Object asyncScript(String script, Object... arguments) {
    return driver.executeAsyncScript(script, arguments);
  }

  /** The element that has the keyboard focus. */
  public WebElement focused() {
    return driver.switchTo().activeElement();
  }

  /**
   * Saves the whole page as a person would see it scrolled through, under
   * target/dashboard-screenshots.
   */
  public Path screenshot(String name) {
    Dimension window = driver.manage().window().getSize();
    try {
      Files.createDirectories(SCREENSHOTS);
      Path file = SCREENSHOTS.resolve(name + ".png");
      long height = (Long) script("return document.documentElement.scrollHeight;");
      driver
          .manage()
          .window()
          .setSize(
              new Dimension(
                  window.getWidth(), (int) Math.clamp(height + 100, window.getHeight(), 4000)));
      Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
      driver.manage().window().setSize(window);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Form controls and buttons of the page that have no name a screen reader could say: no label, no
   * aria-label or aria-labelledby, no text.
   */
  @SuppressWarnings("unchecked")
  public List<String> unlabelledControls() {
    return (List<String>)
        script(
            """
        return [...document.querySelectorAll('input, select, textarea, button, a[href]')]
          .filter((e) => !(e.labels && e.labels.length) && !e.getAttribute('aria-label')
            && !e.getAttribute('aria-labelledby') && !e.textContent.trim())
          .map((e) => e.outerHTML);""");
  }

  /**
   * Every console error since the last call: JavaScript errors, failed page files, CSP violations.
   */
  public List<String> consoleErrors() {
    for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
      if (entry.getLevel().intValue() >= Level.SEVERE.intValue()
          && !API_REFUSAL.matcher(entry.getMessage()).matches()) {
        consoleErrors.add(entry.getMessage());
      }
    }
    List<String> found = List.copyOf(consoleErrors);
    consoleErrors.clear();
    return found;
  }

  /** The tab's storage, to start a test signed out. */
  public void forgetSession() {
    script("sessionStorage.clear();");
  }

  @Override
  public void close() {
    try {
      driver.quit();
    } finally {
      try (var files = Files.walk(profile)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
      } catch (IOException ignored) {
        // a temporary profile left behind is harmless
      }
    }
  }
}
