package io.dealflow.process;

import io.dealflow.followup.FollowUpService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** "Send welcome email" (asynchronous, retried on the model's cycle; see FollowUpService). */
@Component("sendWelcomeEmail")
public class SendWelcomeEmailDelegate implements JavaDelegate {

    private final FollowUpService followUps;

    public SendWelcomeEmailDelegate(FollowUpService followUps) {
        this.followUps = followUps;
    }

    @Override
    public void execute(DelegateExecution execution) {
        followUps.sendWelcome(SalesInstance.dealId(execution));
    }
}
