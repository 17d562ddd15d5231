package dev.jobrunner.delivery.boundary;

import dev.jobrunner.delivery.control.CallOutcome;
import dev.jobrunner.delivery.control.CallStatus;
import dev.jobrunner.delivery.control.HttpCaller;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Instant;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The HTTP client's first call, made at deployment on the deploying thread, before the pulse and
 * the slot timers (which depend on this bean) can send: see {@link HttpCaller#warmUp}. Without it,
 * a restart with calls due at once was seen to leave an instance unable to send: the sender's first
 * call loaded the client's classes just as Payara closed the WAR's jars, every later call failed
 * with "Could not initialize class", and the readiness check with them.
 */
@Startup
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class CallerWarmUp {
  private static final Logger LOG = Logger.getLogger(CallerWarmUp.class.getName());

  @Inject HttpCaller caller;

  /** What the warm-up exchange gave, and when: for the startup check. */
  public record Result(Instant at, String outcome) {}

  private volatile Result result;

  @PostConstruct
  void warmUp() {
    String outcome;
    try {
      CallOutcome exchange = caller.warmUp();
      outcome = exchange.status() + " in " + Math.round(exchange.ms()) + " ms";
      if (exchange.status() != CallStatus.SUCCESS) {
        LOG.warning("The HTTP client's warm-up exchange was answered " + exchange.statusLine());
      }
    } catch (IOException e) {
      // The classes are loaded all the same, up to the failure; the calls do not depend on it.
      outcome = "failed: " + e;
      LOG.log(Level.WARNING, "The HTTP client's warm-up exchange failed", e);
    }
    result = new Result(Instant.now(), outcome);
    LOG.info("HTTP client warmed up at deployment: " + outcome);
  }

  public Optional<Result> result() {
    return Optional.ofNullable(result);
  }
}
