package io.dealflow.followup;

import io.dealflow.settings.DealflowProperties;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * Where replies to our emails go. A prospect's or a lead's reply goes to the sales mailbox the inbox reads
 * ({@code dealflow.mail.reply-to}), which matches it to its thread by the Message-ID it answers; about a deal, also
 * to the deal's owner, so the rep reads it at once, as the emails' "a reply reaches me directly" promises. Emails to
 * our own users (reminders, escalations) carry none.
 */
@Component
class ReplyTo {

    private final String salesMailbox;
    private final String salesAddress;

    ReplyTo(DealflowProperties settings) {
        this.salesMailbox = settings.mail().replyTo().strip();
        try {
            this.salesAddress = new InternetAddress(salesMailbox).getAddress();
        } catch (AddressException e) {
            throw new IllegalStateException("dealflow.mail.reply-to (or dealflow.mail.from) is no email address: "
                    + salesMailbox, e);
        }
    }

    /** The Reply-To addresses of an email to {@code recipient}; {@code owner} is the deal owner's email, or null. */
    List<String> of(Recipient recipient, String owner) {
        return recipient.contactId() == null ? List.of() : toProspect(owner);
    }

    /** The Reply-To addresses of an email to a prospect or a lead; {@code owner} is the deal owner's email, or null. */
    List<String> toProspect(String owner) {
        if (owner == null || owner.isBlank()
                || owner.strip().toLowerCase(Locale.ROOT).equals(salesAddress.toLowerCase(Locale.ROOT))) {
            return List.of(salesMailbox);
        }
        return List.of(salesMailbox, owner.strip());
    }

    /** The sales mailbox's bare address: the organizer of a meeting that no owner organizes (a team deal). */
    String salesAddress() {
        return salesAddress;
    }
}
