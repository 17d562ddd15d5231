package dev.jobrunner.api;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletRequestWrapper;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;

/**
 * Answers to requests offering a protocol upgrade (the JDK HttpClient offers h2c until a server
 * declines) keep their Content-Type and length on Payara.
 *
 * <p>HTTP/2 is off (server-config/pre-boot-commands.asadmin), so Payara's Grizzly takes such a
 * request for a raw stream and writes its answer's headers as set, without Content-Type,
 * Content-Length or chunking. Grizzly ends that raw mode itself once the service returns, but by
 * then Payara has already written the answer; this ends it before the service runs. The calls are
 * public methods found by name, so on another server (WildFly) this does nothing.
 */
@WebFilter(
    urlPatterns = "/*",
    dispatcherTypes = {DispatcherType.REQUEST, DispatcherType.ERROR})
public class UpgradeOfferFilter extends HttpFilter {
  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    if (request.getHeader("Upgrade") != null) {
      answerInHttp11(request);
    }
    chain.doFilter(request, response);
  }

  private static void answerInHttp11(ServletRequest request) {
    ServletRequest base = request;
    while (base instanceof ServletRequestWrapper wrapper) {
      base = wrapper.getRequest();
    }
    try {
      Object catalina = call(base, "getUnwrappedCoyoteRequest");
      Object grizzly = call(call(catalina, "getCoyoteRequest"), "getRequest");
      grizzly
          .getClass()
          .getMethod("setIgnoreContentModifiers", boolean.class)
          .invoke(grizzly, false);
    } catch (ReflectiveOperationException | RuntimeException notGrizzly) {
      // Another server, which frames such answers itself.
    }
  }

  private static Object call(Object target, String method)
      throws NoSuchMethodException, IllegalAccessException, InvocationTargetException {
    return target.getClass().getMethod(method).invoke(target);
  }
}
