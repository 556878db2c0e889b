package io.dealflow.process;

import io.dealflow.contact.ConsentConfirmations;
import io.dealflow.followup.EmailTask;
import io.dealflow.followup.FollowUpSender;
import io.dealflow.followup.FollowUpService;
import java.util.Map;
import io.dealflow.followup.LockedEmailTask;
import org.springframework.stereotype.Component;

/** "Send consent confirmation" of the consent confirmation process: the double opt-in email, once. */
@Component("sendConsentConfirmation")
public class SendConsentConfirmationTask implements EmailTask {

    private final ConsentConfirmations confirmations;
    private final FollowUpService followUps;
    private final FollowUpSender sender;

    public SendConsentConfirmationTask(ConsentConfirmations confirmations, FollowUpService followUps,
                                       FollowUpSender sender) {
        this.confirmations = confirmations;
        this.followUps = followUps;
        this.sender = sender;
    }

    @Override
    public Map<String, Object> work(LockedEmailTask task, Runnable beforeEachEmail) {
        Map<String, Object> variables = task.variables();
        sender.deliver(followUps.consentConfirmation((Long) variables.get(LeadVariables.LEAD_ID),
                confirmations.get((Long) variables.get(ConsentConfirmations.VARIABLE))), beforeEachEmail);
        return Map.of();
    }
}
