package io.dealflow.followup;

/** A follow-up could not be handed to the SMTP server; fails the job so the engine retries it. */
public class FollowUpFailedException extends RuntimeException {

    public FollowUpFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
