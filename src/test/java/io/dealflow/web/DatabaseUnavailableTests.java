package io.dealflow.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.apache.ibatis.exceptions.PersistenceException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.junit.jupiter.api.Test;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;

/** "The database cannot be reached", however it arrives wrapped, is a 503 with Retry-After; other failures are not. */
class DatabaseUnavailableTests {

    @Test
    void engineCallsWrappingAConnectionFailureAre503WithoutInternals() {
        var hikari = new SQLTransientConnectionException(
                "HikariPool-1 - Connection is not available, request timed out after 3000ms (total=0, active=0)");
        var engine = new ProcessEngineException("An exception occurred in the persistence layer",
                new PersistenceException("### Error querying database. jdbc:postgresql://db:5432/dealflow", hikari));

        ResponseEntity<ProblemDetail> answer = new ApiExceptionHandler().unexpected(engine);

        assertThat(answer.getStatusCode().value()).isEqualTo(503);
        assertThat(answer.getHeaders().getFirst("Retry-After")).isEqualTo("5");
        assertThat(answer.getBody().getDetail()).doesNotContain("Hikari").doesNotContain("jdbc");
        assertThat(answer.getBody().getProperties()).isNull();
    }

    @Test
    void recognizesSpringsHibernatesAndTheDriversWordsForIt() {
        assertThat(DatabaseUnavailable.causedBy(new CannotCreateTransactionException("Could not open JPA EntityManager",
                new ConnectException("Connection refused")))).isTrue();
        assertThat(DatabaseUnavailable.causedBy(new CannotGetJdbcConnectionException("no connection"))).isTrue();
        assertThat(DatabaseUnavailable.causedBy(new RuntimeException(new SQLException("I/O error", "08006")))).isTrue();
        assertThat(DatabaseUnavailable.causedBy(new SQLException("terminating connection due to administrator command",
                "57P01"))).isTrue();
        assertThat(DatabaseUnavailable.causedBy(new org.hibernate.exception.JDBCConnectionException("gone",
                new SQLException("gone")))).isTrue();
    }

    /** Seen when PostgreSQL went away under a pooled connection: the rollback's failure hides the first one. */
    @Test
    void aRollbackThatFailedOnADroppedConnectionIs503() {
        var rollback = new org.springframework.orm.jpa.JpaSystemException(new org.hibernate.TransactionException(
                "Unable to rollback against JDBC Connection", new SQLException("Connection is closed")));
        assertThat(DatabaseUnavailable.causedBy(rollback)).isTrue();
        assertThat(DatabaseUnavailable.causedBy(new RuntimeException(new SQLException("Connection is closed"))))
                .as("only the pool's own closed connection, recognized by where it was thrown").isFalse();
    }

    @Test
    void otherDatabaseErrorsStayA500WithItsCorrelationId() {
        var duplicate = new ProcessEngineException(new SQLException("duplicate key", "23505"));
        assertThat(DatabaseUnavailable.causedBy(duplicate)).isFalse();
        assertThat(new ApiExceptionHandler().unexpected(duplicate).getStatusCode().value()).isEqualTo(500);
    }
}
