package io.dealflow.followup;

/**
 * The emails the processes send; each names its templates under templates/mail/. Marketing emails go only to
 * contacts with marketing consent and carry an unsubscribe link; the others answer something the person did
 * (booked a meeting, signed, was in a sales conversation) or go to our own people.
 */
public enum FollowUpKind {
    MEETING_CONFIRMATION("meeting-confirmation", false),
    WELCOME("welcome", false),
    CLOSING("closing", false),
    PROPOSAL_FOLLOW_UP("proposal-follow-up", true),
    PROPOSAL_SECOND_FOLLOW_UP("proposal-second-follow-up", true),
    PROPOSAL_OWNER_REMINDER("proposal-owner-reminder", false),
    IDLE_REMINDER("idle-reminder", false),
    IDLE_ESCALATION("idle-escalation", false),
    NURTURE_FIRST("nurture-first", true),
    NURTURE_SECOND("nurture-second", true),
    NURTURE_THIRD("nurture-third", true),
    MISSED_HAND_OFF("missed-hand-off", false),
    CONSENT_CONFIRMATION("consent-confirmation", false),
    /** To a deal's owner: a contact's address bounced permanently (read from the sales mailbox); once per address. */
    UNDELIVERABLE_NOTICE("undeliverable-notice", false);

    private final String template;
    private final boolean marketing;

    FollowUpKind(String template, boolean marketing) {
        this.template = template;
        this.marketing = marketing;
    }

    public String template() {
        return template;
    }

    public boolean isMarketing() {
        return marketing;
    }

    /**
     * Automatic emails to prospects, leads and customers, which go out only inside the send window
     * ({@link SendSchedule}). The others go at once: to our own users, and those answering what the person just did
     * (booked a meeting, asked for emails on the form).
     */
    public boolean waitsForSendWindow() {
        return switch (this) {
            case WELCOME, CLOSING, PROPOSAL_FOLLOW_UP, PROPOSAL_SECOND_FOLLOW_UP, NURTURE_FIRST, NURTURE_SECOND,
                 NURTURE_THIRD -> true;
            default -> false;
        };
    }
}
