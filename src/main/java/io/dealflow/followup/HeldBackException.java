package io.dealflow.followup;

import java.time.Instant;

/**
 * An email that may not go out yet: outside its recipient's send window, or over the sending mailbox's limits.
 * Nothing failed; its task is handed back untouched until {@link #until()} (see {@link FollowUpWorker}).
 */
public class HeldBackException extends RuntimeException {

    private final Instant until;

    public HeldBackException(String reason, Instant until) {
        super(reason);
        this.until = until;
    }

    public Instant until() {
        return until;
    }

    /** Of two, the one that may go sooner: a task waits only until its first email may go. */
    static HeldBackException sooner(HeldBackException known, HeldBackException other) {
        return known == null || other.until.isBefore(known.until) ? other : known;
    }
}
