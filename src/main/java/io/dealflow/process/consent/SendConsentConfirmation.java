package io.dealflow.process.consent;

import io.dealflow.contact.ConsentConfirmations;
import io.dealflow.followup.EmailTask;
import io.dealflow.followup.FollowUpSender;
import io.dealflow.followup.FollowUpService;
import java.util.Map;
import io.dealflow.followup.LockedEmailTask;
import org.springframework.stereotype.Component;

/** "Send consent confirmation" of the consent confirmation process: the double opt-in email, once. */
@Component("sendConsentConfirmation")
public class SendConsentConfirmation implements EmailTask {

    private final ConsentConfirmations confirmations;
    private final FollowUpService followUps;
    private final FollowUpSender sender;

    public SendConsentConfirmation(ConsentConfirmations confirmations, FollowUpService followUps,
                                       FollowUpSender sender) {
        this.confirmations = confirmations;
        this.followUps = followUps;
        this.sender = sender;
    }

    @Override
    public Map<String, Object> work(LockedEmailTask task, Runnable beforeEachEmail) {
        sender.deliver(followUps.consentConfirmation(ConsentVariables.leadId(task),
                confirmations.get(ConsentVariables.confirmationId(task))), beforeEachEmail);
        return Map.of();
    }
}
