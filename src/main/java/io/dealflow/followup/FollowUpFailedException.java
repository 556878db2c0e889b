package io.dealflow.followup;

import java.util.regex.Pattern;

/**
 * A follow-up could not be handed to the SMTP server; fails the job so the engine retries it. Its message is what
 * Cockpit shows on the incident and the engine keeps with the job: no email address in it, and no cause whose
 * message (an SMTP server's answer) would bring one back.
 */
public class FollowUpFailedException extends RuntimeException {

    private static final Pattern ADDRESS = Pattern.compile("[^\\s<>\"'(),;:]+@[^\\s<>\"'(),;:]+");

    public FollowUpFailedException(String message) {
        super(message);
    }

    static String withoutAddresses(String text) {
        return text == null ? null : ADDRESS.matcher(text).replaceAll("<address>");
    }
}
