package io.dealflow.followup;

import io.dealflow.contact.ContactService;
import io.dealflow.deal.Deal;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * Turns a chosen recipient and content into an email ready to send: rendered, with its row in the outbox (found or
 * created, committed) and its idempotency key (what it is about, kind, recipient, occasion), unless it was sent
 * already or may not be sent (a marketing email without consent: recorded as such, never sent).
 */
@Component
class FollowUpDrafts {

    private final ContactService contacts;
    private final FollowUpOutbox outbox;
    private final FollowUpComposer composer;
    private final MailModels models;
    private final Team team;
    private final ReplyTo replyTo;

    FollowUpDrafts(ContactService contacts, FollowUpOutbox outbox, FollowUpComposer composer, MailModels models,
                   Team team, ReplyTo replyTo) {
        this.replyTo = replyTo;
        this.contacts = contacts;
        this.outbox = outbox;
        this.composer = composer;
        this.models = models;
        this.team = team;
    }

    /** An email about a deal with the deal's own values. */
    void add(List<Outgoing> out, Deal deal, Recipient recipient, FollowUpKind kind, String occasion) {
        add(out, about(deal), recipient, kind, occasion, models.of(deal, recipient), null);
    }

    /** What an email about this deal is about (a prospect's reply also goes to its owner). */
    Topic about(Deal deal) {
        return new Topic(deal.getId(), null, deal.getReference(), team.email(deal.getOwner()));
    }

    /** Whether email may go to the contact (null: one of our users): their address has not bounced for good. */
    boolean deliverable(Long contactId) {
        return contactId == null || contacts.get(contactId).isDeliverable();
    }

    /** Adds the email to {@code out} unless it was sent already or may not be sent. */
    void add(List<Outgoing> out, Topic topic, Recipient recipient, FollowUpKind kind, String occasion,
             Map<String, Object> model, String calendarInvite) {
        String key = topic.key() + ":" + kind + ":" + recipient.key() + ":" + occasion;
        FollowUpStatus notSent = whyNotSent(recipient, kind);
        if (notSent != null) {
            outbox.notSent(new FollowUp(topic.dealId(), topic.leadId(), recipient.contactId(), kind, recipient.email(),
                    composer.compose(kind, model, null).subject(), key, ClockUtil.now().toInstant()), notSent);
            return;
        }
        String unsubscribeUrl = null;
        if (kind.isMarketing()) {
            unsubscribeUrl = models.publicUrl() + "/api/unsubscribe/" + contacts.unsubscribeToken(recipient.contactId());
            model.put("unsubscribeUrl", unsubscribeUrl);
        }
        ComposedMail mail = composer.compose(kind, model, calendarInvite);
        FollowUp row = outbox.row(new FollowUp(topic.dealId(), topic.leadId(), recipient.contactId(), kind,
                recipient.email(), mail.subject(), key, ClockUtil.now().toInstant()));
        if (row.getStatus() == FollowUpStatus.SENT || row.getStatus() == FollowUpStatus.NOT_SENT_NO_CONSENT) {
            return;
        }
        out.add(new Outgoing(row.getId(), row.getMessageId(), kind, topic.reference(), recipient.email(),
                replyTo.of(recipient, topic.owner()), mail, unsubscribeUrl, false));
    }

    /** Why the email may not go to {@code recipient} at all, or null when it may. */
    private FollowUpStatus whyNotSent(Recipient recipient, FollowUpKind kind) {
        if (!deliverable(recipient.contactId())) {
            return FollowUpStatus.NOT_SENT_UNDELIVERABLE;
        }
        if (kind.isMarketing() && !consents(recipient.contactId())) {
            return FollowUpStatus.NOT_SENT_NO_CONSENT;
        }
        return null;
    }

    /** Marketing email goes only to a contact who consents (never to one of our users). */
    boolean consents(Long contactId) {
        return contactId != null && contacts.get(contactId).mayReceiveMarketing();
    }

    /** What an email is about: a deal ({@code owner}: its owner's email, null for a team deal) or a lead. */
    record Topic(Long dealId, Long leadId, String reference, String owner) {

        static Topic lead(Long leadId) {
            return new Topic(null, leadId, "lead " + leadId, null);
        }

        String key() {
            return dealId != null ? String.valueOf(dealId) : "lead-" + leadId;
        }
    }
}
