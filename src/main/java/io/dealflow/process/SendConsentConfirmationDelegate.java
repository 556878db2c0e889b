package io.dealflow.process;

import io.dealflow.contact.ConsentConfirmations;
import io.dealflow.followup.FollowUpService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** "Send consent confirmation" of the consent confirmation process: the double opt-in email, once. */
@Component("sendConsentConfirmation")
public class SendConsentConfirmationDelegate implements JavaDelegate {

    private final ConsentConfirmations confirmations;
    private final FollowUpService followUps;

    public SendConsentConfirmationDelegate(ConsentConfirmations confirmations, FollowUpService followUps) {
        this.confirmations = confirmations;
        this.followUps = followUps;
    }

    @Override
    public void execute(DelegateExecution execution) {
        followUps.sendConsentConfirmation((Long) execution.getVariable(LeadVariables.LEAD_ID),
                confirmations.get((Long) execution.getVariable(ConsentConfirmations.VARIABLE)));
    }
}
