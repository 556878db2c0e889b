package io.dealflow.process;

import io.dealflow.followup.FollowUpService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** "Send closing email" (asynchronous, retried on the model's cycle; see FollowUpService). */
@Component("sendClosingEmail")
public class SendClosingEmailDelegate implements JavaDelegate {

    private final FollowUpService followUps;

    public SendClosingEmailDelegate(FollowUpService followUps) {
        this.followUps = followUps;
    }

    @Override
    public void execute(DelegateExecution execution) {
        followUps.sendClosing(SalesInstance.dealId(execution));
    }
}
