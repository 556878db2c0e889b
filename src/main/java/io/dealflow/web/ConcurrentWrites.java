package io.dealflow.web;

import java.util.function.Supplier;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Work that may meet a concurrent request on a unique key (two reps opening deals for the same new company at
 * once), a lock or a deadlock: run in a transaction of its own and, when it lost such a race, again. The second
 * time it sees what the winner committed (the company now exists).
 */
public final class ConcurrentWrites {

    private static final int ATTEMPTS = 10;

    private ConcurrentWrites() {
    }

    public static <T> T retried(TransactionTemplate transaction, Supplier<T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return transaction.execute(status -> work.get());
            } catch (RuntimeException e) {
                if (attempt >= ATTEMPTS || !lostToAConcurrentWrite(e)) {
                    throw e;
                }
            }
        }
    }

    /**
     * A unique key taken meanwhile, an optimistic lock or a deadlock (the database's, or the engine's own
     * optimistic lock), possibly wrapped by the engine.
     */
    public static boolean lostToAConcurrentWrite(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof DataIntegrityViolationException || cause instanceof ConcurrencyFailureException
                    || cause instanceof OptimisticLockingException) {
                return true;
            }
        }
        return false;
    }
}
