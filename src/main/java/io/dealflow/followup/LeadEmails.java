package io.dealflow.followup;

import io.dealflow.contact.ConsentConfirmation;
import io.dealflow.contact.ContactService;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The emails of the lead processes to the lead ("Send nurture email", "Send consent confirmation"). Each method
 * answers the emails to send, with their rows in the outbox, for {@link FollowUpSender}.
 */
@Service
public class LeadEmails {

    private final ContactService contacts;
    private final FollowUpDrafts drafts;
    private final MailModels models;

    LeadEmails(ContactService contacts, FollowUpDrafts drafts, MailModels models) {
        this.contacts = contacts;
        this.drafts = drafts;
        this.models = models;
    }

    /**
     * A marketing email to a lead (e.g. a nurture email), once per occasion; only with consent. The lead's
     * process names the occasion (its nurturing round), so a lead that comes back to nurturing is written to again.
     */
    @Transactional
    public List<Outgoing> marketing(Long leadId, Long contactId, FollowUpKind kind, String occasion) {
        List<Outgoing> out = new ArrayList<>();
        var contact = contacts.get(contactId);
        Recipient recipient = Recipient.of(contact);
        drafts.add(out, FollowUpDrafts.Topic.lead(leadId), recipient, kind, occasion, models.of(contact, recipient),
                null);
        return out;
    }

    /**
     * Double opt-in: the link that grants marketing consent to a person who asked for it on the public form.
     * Not a marketing email: it goes to a person without consent, because they asked for it; once per request.
     */
    @Transactional
    public List<Outgoing> consentConfirmation(Long leadId, ConsentConfirmation confirmation) {
        List<Outgoing> out = new ArrayList<>();
        if (confirmation.getConfirmedAt() != null) {
            return out;
        }
        var contact = contacts.get(confirmation.getContactId());
        Recipient recipient = Recipient.of(contact);
        Map<String, Object> model = models.of(contact, recipient);
        model.put("confirmUrl", models.publicUrl() + "/lead-form/confirm/" + confirmation.getToken());
        model.put("consentText", confirmation.getConsentText());
        drafts.add(out, FollowUpDrafts.Topic.lead(leadId), recipient, FollowUpKind.CONSENT_CONFIRMATION,
                "consent-" + confirmation.getId(), model, null);
        return out;
    }
}
