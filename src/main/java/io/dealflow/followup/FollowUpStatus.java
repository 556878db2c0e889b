package io.dealflow.followup;

public enum FollowUpStatus {
    PENDING,
    SENT,
    NOT_SENT_NO_SMTP,
    FAILED
}
