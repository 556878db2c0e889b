package io.dealflow.followup;

/** The follow-up emails of this slice; each names its template under templates/mail/. */
public enum FollowUpKind {
    MEETING_CONFIRMATION("meeting-confirmation"),
    WELCOME("welcome"),
    CLOSING("closing");

    private final String template;

    FollowUpKind(String template) {
        this.template = template;
    }

    public String template() {
        return template;
    }
}
