package dev.jobrunner.testing;

import java.io.File;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Base of the black-box API tests: deploys the WAR that {@code mvn package} built, exactly as
 * shipped, on a real Payara Micro, and talks to it over HTTP as a client would.
 */
@ExtendWith(ArquillianExtension.class)
public abstract class DeployedApp {

  @ArquillianResource URL deployed;

  @Deployment(testable = false)
  public static WebArchive shippedWar() {
    awaitPreviousServersExit();
    return ShrinkWrap.createFromZipFile(
        WebArchive.class, new File(System.getProperty("jobrunner.war")));
  }

  /**
   * The container stops the previous class's Payara with SIGTERM and does not wait. All classes
   * share one embedded database (JOBRUNNER_DATA_DIR), so the next server would otherwise start
   * while the last one still holds the files, and wait for them (or fail) instead of starting at
   * once.
   */
  private static void awaitPreviousServersExit() {
    ProcessHandle.current()
        .children()
        .filter(child -> child.info().commandLine().orElse("").contains("arquillian-payara-micro"))
        .forEach(
            server -> {
              try {
                server.onExit().get(2, TimeUnit.MINUTES);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              } catch (ExecutionException | TimeoutException e) {
                throw new IllegalStateException(
                    "the previous test server (pid " + server.pid() + ") did not stop", e);
              }
            });
  }

  private static final Set<Class<?>> CHECKED = ConcurrentHashMap.newKeySet();

  /**
   * A failed deployment leaves Payara running without the app, and every test would then report
   * Payara's HTML 404. Said once per class, with where to look.
   */
  @BeforeEach
  void theAppIsDeployed() {
    if (CHECKED.add(getClass())) {
      Api.Reply anonymous = api().list(null);
      if (anonymous.status() != 401 || !anonymous.body().startsWith("{")) {
        CHECKED.remove(getClass());
        throw new AssertionError(
            "The application is not deployed on the test server (it answered "
                + anonymous.status()
                + "); see target/failsafe-reports/"
                + getClass().getName()
                + "-output.txt");
      }
    }
  }

  protected Api api() {
    try {
      // The WAR's context root is "/" whatever name Arquillian gives the archive.
      URI url = deployed.toURI();
      return new Api(new URI(url.getScheme(), null, url.getHost(), url.getPort(), "/", null, null));
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
