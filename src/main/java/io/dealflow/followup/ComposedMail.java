package io.dealflow.followup;

/** A follow-up ready to send: subject, plain text and HTML body, and an optional calendar invite. */
public record ComposedMail(String subject, String text, String html, String calendarInvite) {
}
