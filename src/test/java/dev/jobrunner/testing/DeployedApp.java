package dev.jobrunner.testing;

import java.io.File;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Base of the black-box API tests: deploys the WAR that {@code mvn package} built, exactly as shipped, on a
 * real Payara Micro, and talks to it over HTTP as a client would.
 */
@ExtendWith(ArquillianExtension.class)
public abstract class DeployedApp {

  @ArquillianResource URL deployed;

  @Deployment(testable = false)
  public static WebArchive shippedWar() {
    return ShrinkWrap.createFromZipFile(WebArchive.class, new File(System.getProperty("jobrunner.war")));
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
