package io.dealflow.followup;

import java.util.List;

/**
 * One composed email with its row in the outbox, ready for {@link FollowUpSender}: who it goes to, where replies
 * go, and what it is about (a deal's reference or a lead, for logs and incidents; never an address).
 *
 * @param messageId the Message-ID recorded on the row, which the email goes out with
 * @param replyTo the Reply-To addresses (see {@link ReplyTo}); none for an email to one of our users
 * @param kept an email kept while there was no SMTP server: one that fails now stays kept (NOT_SENT_NO_SMTP)
 */
public record Outgoing(Long rowId, String messageId, FollowUpKind kind, String about, String to, List<String> replyTo,
                       ComposedMail mail,
                       String unsubscribeUrl, boolean kept) {
}
