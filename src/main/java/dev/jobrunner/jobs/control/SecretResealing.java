package dev.jobrunner.jobs.control;

import dev.jobrunner.secrets.SecretKeyRing.SecretUnavailable;
import dev.jobrunner.secrets.Secrets;
import dev.jobrunner.storage.JobRunnerDataSource;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Completes a key rotation at start: secrets sealed with an older key of {@code
 * JOBRUNNER_SECRET_KEY} are sealed again with the first one, so the old key can be dropped from the
 * list after one start. Values whose key is not in the list at all are left as they are (and
 * reported): they cannot be opened. Two instances doing this at once both write valid values.
 */
@Startup
@Singleton
@DependsOn("SchemaMigration")
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class SecretResealing {
  private static final Logger LOG = Logger.getLogger(SecretResealing.class.getName());

  @Resource(lookup = JobRunnerDataSource.JNDI_NAME)
  DataSource db;

  @Inject Secrets secrets;

  @PostConstruct
  void resealStale() {
    if (secrets.sealingKeyId().isEmpty()) {
      return;
    }
    try {
      int headers = reseal("sealed_headers", JobSecrets.HEADERS);
      int signing = reseal("sealed_signing_secret", JobSecrets.SIGNING_SECRET);
      if (headers + signing > 0) {
        LOG.info(
            "Sealed "
                + headers
                + " header sets and "
                + signing
                + " signing secrets again with key "
                + secrets.sealingKeyId().get());
      }
    } catch (SQLException | RuntimeException e) {
      LOG.log(
          Level.WARNING,
          "Sealing secrets again with the current key failed; they still open with the old one",
          e);
    }
  }

  private int reseal(String column, String field) throws SQLException {
    String current = secrets.sealingKeyId().get() + ":%";
    int resealed = 0;
    int unavailable = 0;
    try (Connection c = db.getConnection();
        var query =
            c.prepareStatement(
                "SELECT id, "
                    + column
                    + " FROM job WHERE "
                    + column
                    + " IS NOT NULL AND "
                    + column
                    + " NOT LIKE ?");
        var update =
            c.prepareStatement(
                "UPDATE job SET " + column + " = ? WHERE id = ? AND " + column + " = ?")) {
      query.setString(1, current);
      try (var rows = query.executeQuery()) {
        while (rows.next()) {
          String id = rows.getString(1);
          String sealed = rows.getString(2);
          String place = JobSecrets.place(id, field);
          try {
            update.setString(1, secrets.seal(secrets.open(sealed, place), place));
            update.setString(2, id);
            update.setString(3, sealed);
            resealed += update.executeUpdate();
          } catch (SecretUnavailable lost) {
            unavailable++;
          }
        }
      }
    }
    if (unavailable > 0) {
      LOG.warning(
          unavailable
              + " jobs have "
              + field
              + " sealed with a key that is not in JOBRUNNER_SECRET_KEY:"
              + " their calls are blocked until the key is listed again or the secrets are set anew");
    }
    return resealed;
  }
}
