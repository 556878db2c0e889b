package io.dealflow.privacy;

import io.dealflow.contact.*;
import io.dealflow.deal.ContactRole;
import io.dealflow.deal.DealStatus;
import io.dealflow.followup.FollowUpKind;
import io.dealflow.followup.FollowUpStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Everything we store about a person (GDPR right of access): the contact with its company and consent, the deals
 * they take part in, their lead (qualification answers, status), the emails composed for them, what they wrote to
 * the sales mailbox as far as we keep it, and what the process engine holds that mentions them.
 * {@code erasure} is there once the person has been erased.
 */
public record ContactExport(ContactView contact, Map<String, Object> lead, List<DealPart> deals, List<FollowUpPart> followUps,
                            List<MailboxPart> mailbox, List<EngineVariable> engineVariables, List<EngineValue> engineHistory,
                            Erasure erasure) {

    public record DealPart(Long id, String reference, String title, ContactRole role, DealStatus status,
                           String stage, String stageKey) {
    }

    /** {@code text}: the email's plain text, kept only while it waits for an SMTP server. */
    public record FollowUpPart(Long dealId, FollowUpKind kind, String recipient, String subject,
                               FollowUpStatus status, Instant createdAt, Instant sentAt, String text) {
    }

    /**
     * A message from the person read in the sales mailbox (a reply, an automatic reply, a bounce of their address):
     * what is kept of it, never the whole text.
     */
    public record MailboxPart(String kind, Instant receivedAt, String sender, String subject, String snippet,
                              Long dealId, Long leadId) {
    }

    /** A process variable (running, or kept in the history) whose value mentions the person. */
    public record EngineVariable(String processInstanceId, String name, String value) {
    }

    /** A value the engine recorded when a variable was set or a form was submitted. */
    public record EngineValue(String processInstanceId, String name, String value, Instant time) {
    }
}
