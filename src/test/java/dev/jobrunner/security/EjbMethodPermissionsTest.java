package dev.jobrunner.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.jobrunner.testing.JaxRsRoutes;
import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Singleton;
import jakarta.ejb.Stateful;
import jakarta.ejb.Stateless;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * In a session bean that checks permissions, every business method says who may call it. A method
 * left without {@code @RolesAllowed}, {@code @PermitAll} or {@code @DenyAll} is unchecked by the
 * EJB spec (Payara) but denied to everyone by a stock WildFly ({@code
 * default-missing-method-permissions-deny-access}): a sub-resource locator left so answered every
 * call under it with a 403 on WildFly only.
 */
class EjbMethodPermissionsTest {
  @Test
  void everyBusinessMethodOfASecuredBeanSaysWhoMayCallIt() {
    List<Class<?>> secured =
        sessionBeans().filter(EjbMethodPermissionsTest::checksPermissions).toList();
    assertFalse(
        secured.isEmpty(), "no session bean with @RolesAllowed found: is the class scan broken?");
    List<String> unsaid =
        secured.stream()
            .filter(bean -> !hasSecurityAnnotation(bean))
            .flatMap(bean -> businessMethods(bean).filter(method -> !hasSecurityAnnotation(method)))
            .map(method -> method.getDeclaringClass().getSimpleName() + "." + method.getName())
            .sorted()
            .toList();
    assertEquals(List.of(), unsaid);
  }

  private static Stream<Class<?>> sessionBeans() {
    return JaxRsRoutes.applicationClasses().stream()
        .filter(
            type ->
                type.isAnnotationPresent(Stateless.class)
                    || type.isAnnotationPresent(Singleton.class)
                    || type.isAnnotationPresent(Stateful.class));
  }

  private static boolean checksPermissions(Class<?> bean) {
    return hasSecurityAnnotation(bean)
        || businessMethods(bean).anyMatch(EjbMethodPermissionsTest::hasSecurityAnnotation);
  }

  /** The no-interface view: the bean's public instance methods. */
  private static Stream<Method> businessMethods(Class<?> bean) {
    return Arrays.stream(bean.getDeclaredMethods())
        .filter(
            method ->
                Modifier.isPublic(method.getModifiers())
                    && !Modifier.isStatic(method.getModifiers()))
        .filter(method -> !method.isSynthetic() && !method.isBridge());
  }

  private static boolean hasSecurityAnnotation(AnnotatedElement element) {
    return element.isAnnotationPresent(RolesAllowed.class)
        || element.isAnnotationPresent(PermitAll.class)
        || element.isAnnotationPresent(DenyAll.class);
  }
}
