package dev.jobrunner.alerts.control;

import dev.jobrunner.jobs.control.JobSecrets;
import dev.jobrunner.secrets.SecretKeyRing.SecretUnavailable;
import dev.jobrunner.storage.JobRunnerDataSource;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * What a notification about a job needs from it: its title, its own notify_url, its signing secret.
 */
@ApplicationScoped
public class JobContacts {
  private static final Logger LOG = Logger.getLogger(JobContacts.class.getName());

  @Resource(lookup = JobRunnerDataSource.JNDI_NAME)
  DataSource db;

  @Inject JobSecrets secrets;

  /** A job as notifications see it; empty values for a job deleted meanwhile. */
  public record Contact(
      Optional<String> title, Optional<URI> notifyUrl, Optional<String> signingSecret) {
    static final Contact GONE = new Contact(Optional.empty(), Optional.empty(), Optional.empty());
  }

  public Contact of(String jobId) {
    String sql = "SELECT title, notify_url, sealed_signing_secret FROM job WHERE id = ?";
    try (Connection c = db.getConnection();
        var query = c.prepareStatement(sql)) {
      query.setString(1, jobId);
      try (var row = query.executeQuery()) {
        if (!row.next()) {
          return Contact.GONE;
        }
        return new Contact(
            Optional.of(row.getString(1)),
            Optional.ofNullable(row.getString(2)).map(URI::create),
            signingSecret(jobId, Optional.ofNullable(row.getString(3))));
      }
    } catch (SQLException e) {
      throw new IllegalStateException("reading the job of a notification failed", e);
    }
  }

  private Optional<String> signingSecret(String jobId, Optional<String> sealed) {
    try {
      return secrets.openSigningSecret(jobId, sealed);
    } catch (SecretUnavailable unavailable) {
      LOG.warning(
          "Job "
              + jobId
              + ": its signing secret cannot be opened ("
              + unavailable.getMessage()
              + "); its notifications go unsigned");
      return Optional.empty();
    }
  }
}
