package dev.jobrunner.storage;

import org.eclipse.persistence.sessions.Session;
import org.eclipse.persistence.sessions.SessionCustomizer;

/**
 * EclipseLink retries a read that failed for want of a connection three times, five seconds apart:
 * with the database out of reach, every API request then took 10 s to answer its 503. The pool and
 * the instance's own loops retry already, so a failed read fails at once. (Named by
 * persistence.xml; other providers ignore it and never load this class.)
 */
public class NoQueryRetry implements SessionCustomizer {
  @Override
  public void customize(Session session) {
    session.getLogin().setQueryRetryAttemptCount(0);
  }
}
