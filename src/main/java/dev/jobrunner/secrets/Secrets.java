package dev.jobrunner.secrets;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The service's secret keys ({@code JOBRUNNER_SECRET_KEY}). Read at deployment, so a malformed key
 * stops the deployment instead of failing jobs one by one later.
 */
@ApplicationScoped
public class Secrets {
  private static final Logger LOG = Logger.getLogger(Secrets.class.getName());

  @Inject
  @ConfigProperty(name = "jobrunner.secret-key")
  Optional<String> configured;

  private SecretKeyRing ring;

  @PostConstruct
  void load() {
    ring =
        configured
            .filter(s -> !s.isBlank())
            .map(SecretKeyRing::parse)
            .orElseGet(SecretKeyRing::empty);
    if (!ring.canSeal()) {
      LOG.warning(
          "JOBRUNNER_SECRET_KEY is not set: jobs cannot have custom headers or signing secrets");
    }
  }

  void atDeployment(@Observes @Initialized(ApplicationScoped.class) Object started) {
    ring.canSeal(); // touching the bean runs load() now
  }

  public boolean canSeal() {
    return ring.canSeal();
  }

  public String seal(String plaintext, String associatedData) {
    return ring.seal(plaintext, associatedData);
  }

  public String open(String sealed, String associatedData) {
    return ring.open(sealed, associatedData);
  }

  /** The id of the key that seals, when there is one. */
  public Optional<String> sealingKeyId() {
    return ring.sealingKeyId();
  }

  public boolean isStale(String sealed) {
    return ring.isStale(sealed);
  }
}
