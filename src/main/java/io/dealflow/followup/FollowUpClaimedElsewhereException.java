package io.dealflow.followup;

/**
 * Some emails of the work are being sent by another node right now (their claim holds): this node must not send
 * them, and the work is looked at again shortly, when they are SENT or their claim has run out.
 */
public class FollowUpClaimedElsewhereException extends RuntimeException {

    public FollowUpClaimedElsewhereException(String message) {
        super(message);
    }
}
