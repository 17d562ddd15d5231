package dev.jobrunner.apikeys.boundary;

import dev.jobrunner.api.ErrorPageServlet;
import dev.jobrunner.apikeys.control.ApiKeyAuthenticator;
import dev.jobrunner.apikeys.control.ApiKeyHeaders;
import dev.jobrunner.security.VerifiedTokens;
import dev.jobrunner.storage.DatabaseOutage;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import jakarta.security.enterprise.AuthenticationException;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.CallerPrincipal;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The application's one authentication mechanism: API keys ({@code X-API-Key}, or {@code
 * Authorization: Bearer jr_...}) are checked here, everything else goes to the server's MP-JWT
 * mechanism unchanged (Payara's, or SmallRye JWT's on WildFly).
 *
 * <p>Why a delegating alternative: the server registers its JWT mechanism as a bean (because of
 * {@code @LoginConfig}) and a second {@link HttpAuthenticationMechanism} bean makes the resolution
 * ambiguous (every request a 500). As an enabled {@code @Alternative} this one wins the resolution;
 * the server's is found among the beans of the type that are not this one and called for every
 * request without an API key.
 *
 * <p>A key that is malformed, unknown or revoked is a 401 at once, on any path: it never falls
 * through to anonymous. A valid one signs the caller in as {@code key:<name>} with the key's
 * permissions as groups.
 */
@Alternative
@Priority(Interceptor.Priority.APPLICATION)
@ApplicationScoped
public class ApiKeyMechanism implements HttpAuthenticationMechanism {
  private static final Logger LOG = Logger.getLogger(ApiKeyMechanism.class.getName());

  @Inject BeanManager beans;
  @Inject ApiKeyAuthenticator authenticator;

  private HttpAuthenticationMechanism jwt;

  /** Tokens the server's mechanism verified: not parsed and checked again at each request. */
  private final VerifiedTokens verified = new VerifiedTokens();

  /** The cause of a broken token mechanism is logged once, not at every request. */
  private final AtomicBoolean brokenTokensLogged = new AtomicBoolean();

  @PostConstruct
  void findJwtMechanism() {
    List<Bean<?>> others =
        beans.getBeans(HttpAuthenticationMechanism.class).stream()
            .filter(bean -> bean.getBeanClass() != ApiKeyMechanism.class)
            .toList();
    if (others.size() != 1) {
      throw new IllegalStateException(
          "Expected exactly one other HttpAuthenticationMechanism (the server's MP-JWT one, from @LoginConfig), found "
              + others);
    }
    Bean<?> bean = others.getFirst();
    jwt =
        (HttpAuthenticationMechanism)
            beans.getReference(
                bean, HttpAuthenticationMechanism.class, beans.createCreationalContext(bean));
    LOG.info(() -> "API keys checked first, then tokens by " + bean.getTypes());
  }

  @Override
  public AuthenticationStatus validateRequest(
      HttpServletRequest request, HttpServletResponse response, HttpMessageContext context)
      throws AuthenticationException {
    var found =
        ApiKeyHeaders.read(values(request, ApiKeyHeaders.HEADER), values(request, "Authorization"));
    return switch (found) {
      case ApiKeyHeaders.NotAKey none -> validateToken(request, response, context);
      case ApiKeyHeaders.Refused refused -> refuse(refused.reason(), request, context);
      case ApiKeyHeaders.Key key -> authenticate(key, request, response, context);
    };
  }

  /**
   * A key is looked up in the database: when that is out of reach, the answer is a 503, not a 500.
   */
  private AuthenticationStatus authenticate(
      ApiKeyHeaders.Key key,
      HttpServletRequest request,
      HttpServletResponse response,
      HttpMessageContext context) {
    ApiKeyAuthenticator.Outcome outcome;
    try {
      outcome = authenticator.authenticate(key.text());
    } catch (RuntimeException e) {
      if (!DatabaseOutage.causes(e)) {
        throw e;
      }
      try {
        response.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
      } catch (java.io.IOException clientGone) {
        // nothing more to tell
      }
      return AuthenticationStatus.SEND_FAILURE;
    }
    return switch (outcome) {
      case ApiKeyAuthenticator.Authenticated caller ->
          context.notifyContainerAboutLogin(
              new CallerPrincipal(caller.principalName()), caller.groups());
      case ApiKeyAuthenticator.Refused refused -> refuse(refused.reason(), request, context);
    };
  }

  /**
   * A token mechanism that cannot work (WildFly's fails on every request when the key file named by
   * {@code mp.jwt.verify.publickey.location} is missing or unreadable) refuses the request as
   * unauthenticated, as Payara's does, instead of a 500. The operator finds the cause in the log;
   * API keys still work.
   */
  private AuthenticationStatus validateToken(
      HttpServletRequest request, HttpServletResponse response, HttpMessageContext context)
      throws AuthenticationException {
    String token = bearerToken(request);
    if (token != null) {
      var caller = verified.find(token, Instant.now());
      if (caller.isPresent()) {
        return context.notifyContainerAboutLogin(caller.get().principal(), caller.get().groups());
      }
    }
    try {
      AuthenticationStatus status = jwt.validateRequest(request, response, context);
      if (token != null && status == AuthenticationStatus.SUCCESS) {
        verified.remember(token, context.getCallerPrincipal(), context.getGroups(), Instant.now());
      }
      return status;
    } catch (RuntimeException broken) {
      if (!brokenTokensLogged.getAndSet(true)) {
        LOG.log(
            Level.SEVERE,
            "Tokens cannot be verified: check mp.jwt.verify.publickey.location"
                + " (MP_JWT_VERIFY_PUBLICKEY_LOCATION) and that its key is readable",
            broken);
      }
      return context.responseUnauthorized();
    }
  }

  @Override
  public AuthenticationStatus secureResponse(
      HttpServletRequest request, HttpServletResponse response, HttpMessageContext context)
      throws AuthenticationException {
    return jwt.secureResponse(request, response, context);
  }

  @Override
  public void cleanSubject(
      HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
    jwt.cleanSubject(request, response, context);
  }

  /** 401; ErrorPageServlet answers it with the reason. */
  private static AuthenticationStatus refuse(
      String reason, HttpServletRequest request, HttpMessageContext context) {
    request.setAttribute(ErrorPageServlet.AUTHENTICATION_FAILURE, reason);
    return context.responseUnauthorized();
  }

  /** The token of the request's one {@code Authorization: Bearer} header; null otherwise. */
  private static String bearerToken(HttpServletRequest request) {
    List<String> authorization = values(request, "Authorization");
    if (authorization.size() != 1) {
      return null;
    }
    String value = authorization.getFirst().strip();
    return value.regionMatches(true, 0, "Bearer ", 0, 7) && value.length() > 7
        ? value.substring(7).strip()
        : null;
  }

  private static List<String> values(HttpServletRequest request, String header) {
    var values = request.getHeaders(header);
    return values == null ? List.of() : Collections.list(values);
  }
}
