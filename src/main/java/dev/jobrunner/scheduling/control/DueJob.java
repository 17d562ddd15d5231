package dev.jobrunner.scheduling.control;

import dev.jobrunner.jobs.entity.DeliveryGuarantee;
import dev.jobrunner.jobs.entity.DeliveryPolicy;
import dev.jobrunner.jobs.entity.MissedRunPolicy;
import dev.jobrunner.jobs.entity.OverlapPolicy;
import java.net.URI;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * What a dispatch needs of a due job, read in the same query that finds it: its call (secrets still
 * sealed), its policies, and its current run of failures.
 */
public record DueJob(
    String jobId,
    String method,
    URI url,
    String contentType,
    String body,
    MissedRunPolicy missedRunPolicy,
    DeliveryPolicy delivery,
    Optional<String> sealedHeaders,
    Optional<String> sealedSigningSecret,
    int consecutiveFailures) {

  /** The columns {@link #read} expects, in order, from a {@code job j}. */
  static final String COLUMNS =
      "j.id, j.method, j.url, j.content_type, j.body, j.missed_run_policy, j.connect_timeout_ms, j.timeout_ms,"
          + " j.retries, j.overlap_policy, j.auto_pause_after, j.sealed_headers, j.sealed_signing_secret,"
          + " j.consecutive_failures, j.delivery_guarantee";

  /** How many columns {@link #COLUMNS} names. */
  static final int COLUMN_COUNT = 15;

  static DueJob read(ResultSet row) throws SQLException {
    return new DueJob(
        row.getString(1),
        row.getString(2),
        URI.create(row.getString(3)),
        row.getString(4),
        row.getString(5),
        MissedRunPolicy.valueOf(row.getString(6)),
        new DeliveryPolicy(
            nullableInt(row, 7),
            nullableInt(row, 8),
            row.getInt(9),
            OverlapPolicy.valueOf(row.getString(10)),
            nullableInt(row, 11),
            DeliveryGuarantee.valueOf(row.getString(15))),
        Optional.ofNullable(row.getString(12)),
        Optional.ofNullable(row.getString(13)),
        row.getInt(14));
  }

  /**
   * {@code getInt} and {@code wasNull}, not {@code getObject(i, Integer.class)}: Payara's JDBC
   * wrapper calls that JDBC 4.1 method by reflection, a cost seen in a burst's profile.
   */
  private static Integer nullableInt(ResultSet row, int column) throws SQLException {
    int value = row.getInt(column);
    return row.wasNull() ? null : value;
  }

  public boolean skipsOverlap() {
    return delivery.overlap() == OverlapPolicy.SKIP;
  }
}
