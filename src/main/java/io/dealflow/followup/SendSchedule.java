package io.dealflow.followup;

import io.dealflow.contact.ContactService;
import java.time.Instant;
import java.time.ZoneId;
import org.springframework.stereotype.Component;

/**
 * Whether an email may go now (see the README, "Send window and limits"). An automatic email to a prospect or lead
 * ({@link FollowUpKind#waitsForSendWindow()}) goes inside the send window in the contact's time zone, else
 * dealflow.mail.default-zone; emails to our own users, the meeting confirmation and the consent confirmation go at
 * once. Every email counts against the sending mailbox's limits ({@link MailboxLimits}). Decided per email, when
 * it is claimed: the emails of one task to contacts in several zones each go in their own window.
 */
@Component
class SendSchedule {

    private final SendWindow window;
    private final ZoneId defaultZone;
    private final ContactService contacts;
    private final MailboxLimits limits;

    SendSchedule(SendingProperties settings, ContactService contacts, MailboxLimits limits) {
        this.window = settings.window();
        this.defaultZone = settings.zone();
        this.contacts = contacts;
        this.limits = limits;
    }

    /**
     * Lets the email just claimed go now, inside the claiming transaction.
     *
     * @throws HeldBackException until when it waits (the claim is then rolled back)
     */
    void admit(FollowUp email, Instant now) {
        if (email.getKind().waitsForSendWindow() && email.getContactId() != null) {
            ZoneId zone = contacts.timeZoneOf(email.getContactId()).map(ZoneId::of).orElse(defaultZone);
            window.nextOpening(now.atZone(zone)).ifPresent(opening -> {
                throw new HeldBackException("outside the send window (" + window + ", " + zone + ")",
                        opening.toInstant());
            });
        }
        limits.admit(now);
    }
}
