package io.dealflow.web;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.IdentityHashMap;
import java.util.Map;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * The database cannot be reached right now (restarting, failing over, the network to it down): a request that
 * needed it is answered {@code 503} with {@code Retry-After}, not a 500 and never a hang, and the next request
 * after the database is back works again (the pool opens new connections by itself).
 * <p>
 * Recognized anywhere in the cause chain, as it arrives wrapped: by Spring ({@link CannotCreateTransactionException},
 * {@link DataAccessResourceFailureException} and so {@code CannotGetJdbcConnectionException}), by Hibernate
 * ({@code JDBCConnectionException}), by Camunda and MyBatis on engine calls ({@code ProcessEngineException} around
 * {@code PersistenceException} around the JDBC one), or as JDBC's own: Hikari's
 * {@link SQLTransientConnectionException} after {@code connection-timeout}, a connection refused, or a SQLState
 * of class 08 (connection exception) or 57P0x (PostgreSQL shutting down or starting up).
 */
public final class DatabaseUnavailable {

    /** Seconds a client should wait before trying again: about a database restart's time. */
    public static final int RETRY_AFTER_SECONDS = 5;

    private DatabaseUnavailable() {
    }

    public static boolean causedBy(Throwable failure) {
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        for (Throwable cause = failure; cause != null && seen.put(cause, true) == null; cause = cause.getCause()) {
            if (isUnreachable(cause)) {
                return true;
            }
            if (cause instanceof SQLException sql && sql.getNextException() != null
                    && isUnreachable(sql.getNextException())) {
                return true;
            }
        }
        return false;
    }

    private static boolean isUnreachable(Throwable cause) {
        if (cause instanceof CannotCreateTransactionException || cause instanceof DataAccessResourceFailureException
                || cause instanceof SQLTransientConnectionException || cause instanceof SQLNonTransientConnectionException
                || cause instanceof ConnectException
                || cause.getClass().getName().equals("org.hibernate.exception.JDBCConnectionException")
                || failedRollback(cause) || closedByThePool(cause)) {
            return true;
        }
        if (cause instanceof SQLException sql && sql.getSQLState() != null) {
            String state = sql.getSQLState();
            return state.startsWith("08") || state.startsWith("57P0");
        }
        return false;
    }

    /**
     * The first statement on a connection the database dropped fails with a class-08 state, and then the rollback
     * fails too; Spring reports the rollback's failure and the first one is gone from the chain.
     */
    private static boolean failedRollback(Throwable cause) {
        return cause.getClass().getName().equals("org.hibernate.TransactionException")
                && cause.getCause() instanceof SQLException;
    }

    /** Hikari's answer for a connection it has evicted as broken ("Connection is closed", without a SQLState). */
    private static boolean closedByThePool(Throwable cause) {
        StackTraceElement[] trace = cause.getStackTrace();
        return cause instanceof SQLException && trace.length > 0
                && trace[0].getClassName().startsWith("com.zaxxer.hikari.pool.ProxyConnection$ClosedConnection");
    }

    /** The answer, free of internals: no host, no SQL, no exception text. */
    public static ProblemDetail problem() {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                "The database cannot be reached right now. Please try again in a few seconds.");
        problem.setTitle("Service unavailable");
        return problem;
    }

    public static HttpHeaders headers() {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.RETRY_AFTER, Integer.toString(RETRY_AFTER_SECONDS));
        return headers;
    }

    /** For the log: the innermost cause's type and message, not the whole trace (an outage fails every request). */
    public static String rootCause(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getName() + ": " + root.getMessage();
    }
}
