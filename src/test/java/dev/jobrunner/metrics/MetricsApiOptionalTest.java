package dev.jobrunner.metrics;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The WAR must deploy on a server without MicroProfile Metrics (WildFly has had none since 28):
 * every class of the application but the one binding must load and be introspected the way a CDI
 * container does (all declared fields, methods and constructors) with the Metrics API absent.
 */
class MetricsApiOptionalTest {
  private static final String METRICS_API = "org.eclipse.microprofile.metrics.";
  private static final String BINDING = MicroProfileMeters.class.getName();

  /**
   * Loads the application's classes itself, from the test class path, and hides the Metrics API.
   */
  static final class WithoutMetricsApi extends ClassLoader {
    WithoutMetricsApi() {
      super(MetricsApiOptionalTest.class.getClassLoader());
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      if (name.startsWith(METRICS_API)) {
        throw new ClassNotFoundException(name);
      }
      if (!name.startsWith("dev.jobrunner.")) {
        return super.loadClass(name, resolve);
      }
      synchronized (getClassLoadingLock(name)) {
        Class<?> loaded = findLoadedClass(name);
        if (loaded != null) {
          return loaded;
        }
        try (InputStream in = getParent().getResourceAsStream(name.replace('.', '/') + ".class")) {
          if (in == null) {
            throw new ClassNotFoundException(name);
          }
          byte[] bytes = in.readAllBytes();
          return defineClass(name, bytes, 0, bytes.length);
        } catch (IOException e) {
          throw new ClassNotFoundException(name, e);
        }
      }
    }
  }

  private static List<String> applicationClasses() throws URISyntaxException, IOException {
    Path root =
        Path.of(
            MicroProfileMeters.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    try (Stream<Path> files = Files.walk(root.resolve("dev/jobrunner"))) {
      return files
          .filter(f -> f.toString().endsWith(".class"))
          .map(f -> root.relativize(f).toString().replace('/', '.').replaceAll("\\.class$", ""))
          .toList();
    }
  }

  private static void introspect(Class<?> type) {
    type.getDeclaredFields();
    type.getDeclaredMethods();
    type.getDeclaredConstructors();
    type.getGenericInterfaces();
  }

  @Test
  void everyClassButTheBindingLoadsWithoutTheMetricsApi() throws Exception {
    var loader = new WithoutMetricsApi();
    List<String> classes = applicationClasses();
    assertTrue(
        classes.contains(RunMetrics.class.getName()),
        "application classes not found: " + classes.size());
    for (String name : classes) {
      if (name.startsWith(BINDING)) {
        continue;
      }
      try {
        introspect(Class.forName(name, false, loader));
      } catch (LinkageError | ClassNotFoundException e) {
        throw new AssertionError(name + " needs the Metrics API: " + e, e);
      }
    }
  }

  @Test
  void theBindingItselfNeedsIt() {
    var loader = new WithoutMetricsApi();
    assertThrows(LinkageError.class, () -> introspect(Class.forName(BINDING, false, loader)));
  }
}
