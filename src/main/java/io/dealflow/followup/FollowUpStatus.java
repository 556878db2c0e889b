package io.dealflow.followup;

public enum FollowUpStatus {
    PENDING,
    /** Claimed by one node (claimed_by) for its SMTP conversation until claimed_until; nobody else sends it meanwhile. */
    SENDING,
    SENT,
    /** No SMTP server configured: composed and kept, to be sent once one is. */
    NOT_SENT_NO_SMTP,
    /** A marketing email to a contact without marketing consent (never given, withdrawn or unsubscribed). */
    NOT_SENT_NO_CONSENT,
    /** The recipient's address bounced permanently (contact.undeliverable_since): nothing goes to it any more. */
    NOT_SENT_UNDELIVERABLE,
    FAILED
}
