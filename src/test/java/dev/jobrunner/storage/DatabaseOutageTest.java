package dev.jobrunner.storage;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.ejb.EJBException;
import jakarta.persistence.PersistenceException;
import jakarta.resource.ResourceException;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;

class DatabaseOutageTest {

  @Test
  void connectionRefusedDeepInsideTheContainersWrappers() {
    var refused = new SQLException("Connection to 127.0.0.1:5432 refused", "08001");
    var pool =
        new SQLException(
            "Error in allocating a connection", null, new ResourceException("pool", refused));
    assertTrue(DatabaseOutage.causes(new EJBException(new PersistenceException(pool))));
  }

  @Test
  void theServerShuttingDownAndTooManyConnections() {
    assertTrue(
        DatabaseOutage.causes(
            new SQLException("terminating connection due to administrator command", "57P01")));
    assertTrue(DatabaseOutage.causes(new SQLException("sorry, too many clients already", "53300")));
    assertTrue(DatabaseOutage.causes(new SQLTransientConnectionException("gone")));
  }

  @Test
  void aConnectionFailureChainedAsTheNextException() {
    var batch = new SQLException("batch failed", "XX000");
    batch.setNextException(new SQLException("This connection has been closed.", "08003"));
    assertTrue(DatabaseOutage.causes(batch));
  }

  @Test
  void otherFailuresAreNotOutages() {
    assertFalse(
        DatabaseOutage.causes(
            new SQLIntegrityConstraintViolationException("duplicate key", "23505")));
    assertFalse(DatabaseOutage.causes(new EJBException(new IllegalStateException("a bug"))));
    assertFalse(DatabaseOutage.causes(new SQLException("no state")));
  }
}
