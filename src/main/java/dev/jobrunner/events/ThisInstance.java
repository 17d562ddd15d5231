package dev.jobrunner.events;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Which instance of the service this is, for health data, metrics and alerts. Seam: until the instance
 * registry (table {@code scheduler_instance}) gives each instance its id, it is {@code jobrunner.instance-id}
 * when set, else host name and process id.
 */
@ApplicationScoped
public class ThisInstance {
  @Inject
  @ConfigProperty(name = "jobrunner.instance-id")
  Optional<String> configured;

  private String id;

  @PostConstruct
  void name() {
    id = configured.filter(given -> !given.isBlank()).orElseGet(ThisInstance::hostAndPid);
  }

  public String id() {
    return id;
  }

  private static String hostAndPid() {
    String host;
    try {
      host = java.net.InetAddress.getLocalHost().getHostName();
    } catch (java.io.IOException unknown) {
      host = "localhost";
    }
    return host + "-" + ProcessHandle.current().pid();
  }
}
