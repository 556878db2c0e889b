package io.dealflow.process.consent;

import io.dealflow.contact.ConsentConfirmations;
import io.dealflow.followup.EmailTask;
import io.dealflow.followup.FollowUpSender;
import io.dealflow.followup.LeadEmails;
import java.util.Map;
import io.dealflow.followup.LockedEmailTask;
import org.springframework.stereotype.Component;

/** "Send consent confirmation" of the consent confirmation process: the double opt-in email, once. */
@Component("sendConsentConfirmation")
public class SendConsentConfirmation implements EmailTask {

    private final ConsentConfirmations confirmations;
    private final LeadEmails emails;
    private final FollowUpSender sender;

    public SendConsentConfirmation(ConsentConfirmations confirmations, LeadEmails emails,
                                       FollowUpSender sender) {
        this.confirmations = confirmations;
        this.emails = emails;
        this.sender = sender;
    }

    @Override
    public Map<String, Object> work(LockedEmailTask task, Runnable beforeEachEmail) {
        sender.deliver(emails.consentConfirmation(ConsentVariables.leadId(task),
                confirmations.get(ConsentVariables.confirmationId(task))), beforeEachEmail);
        return Map.of();
    }
}
