package io.dealflow.inbox;

import java.time.Instant;
import java.util.List;

/**
 * What the reader keeps of one message of the mailbox: its headers and the start of its text, never the rest.
 *
 * @param answered the Message-IDs it answers: In-Reply-To first, then References, newest first
 * @param snippet  at most {@value MailText#SNIPPET_LENGTH} characters of the plain text, quoted history left out
 * @param report   the delivery status notification it is, or null
 */
record IncomingMail(long uid, String messageId, List<String> answered, String from, String subject,
                    Instant receivedAt, String snippet, boolean automatic, DeliveryReport report) {

    /**
     * RFC 3464: the first recipient's fields of a multipart/report; report-type=delivery-status.
     *
     * @param status the enhanced status code, e.g. 5.1.1 (permanent) or 4.2.2 (temporary)
     */
    record DeliveryReport(String finalRecipient, String action, String status, String diagnostic) {

        boolean permanent() {
            return status != null && status.startsWith("5") || status == null && "failed".equalsIgnoreCase(action);
        }

        String reason() {
            String why = (status == null ? "" : status) + (diagnostic == null ? "" : " " + diagnostic);
            return why.isBlank() ? action : why.strip();
        }
    }
}
